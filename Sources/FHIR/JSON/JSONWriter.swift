/// Writes the element tree as FHIR JSON bytes (see `FHIRJSON.serialize`).
///
/// Empty elements are dropped by writing optimistically and rolling the output back when an element turned out to
/// carry nothing, which keeps the writer a single linear pass.
struct JSONWriter {
    private(set) var output: [UInt8] = []
    let pretty: Bool
    let definitions: FHIRDefinitions
    private var indentLevel = 0
    private let elementDefinition: TypeDefinition?

    /// `capacity`: output bytes to reserve; `sharedCapacity`: shared sub-trees the memo expects (a whole
    /// resource has hundreds; a small fragment next to none, and a large table costs its zeroing every time).
    init(pretty: Bool, definitions: FHIRDefinitions, capacity: Int = 4096, sharedCapacity: Int = 1024) {
        self.pretty = pretty
        self.definitions = definitions
        self.elementDefinition = definitions.type("Element")
        self.shared = SharedRenderings(capacity: sharedCapacity)
        output.reserveCapacity(capacity)
    }

    mutating func writeDocument(_ element: FHIRElement) {
        let typeName = element.resourceType ?? element.name
        if !writeObject(element, type: definitions.type(typeName)) {
            output.append(contentsOf: [0x7B, 0x7D])
        }
    }

    /// Writes `element` as the object it is inside a resource, typed by `typeName` (a data type such as
    /// `Reference`, or a resource type). Writes nothing and returns false when it carries no content.
    @discardableResult
    mutating func writeFragment(_ element: FHIRElement, typeName: String) -> Bool {
        writeObject(element, type: definitions.type(typeName))
    }

    /// The children of one name, placed by definition order. Usually a consecutive run (`start`, `count`);
    /// when a name reappears after other names (trees built out of order) its indices are in
    /// `scatteredLists[scattered]`. Plain values only, kept on one stack (`groups`) shared by all objects, so
    /// grouping an object allocates nothing and costs no reference counting.
    private struct Group {
        var sortKey: Int
        var start: Int
        var count: Int
        var scattered: Int
        var member: MemberInfo
    }

    private var groups: [Group] = []
    private var scatteredLists: [[Int]] = []

    /// A sub-tree shared by several parents (copies of one `FHIRElement` share their children's storage: the
    /// emitter reuses its constant extensions and codings this way) renders to the same bytes each time, so in
    /// compact mode its rendering is kept by storage address and type and copied on later visits. Addresses are
    /// stable and unique while the tree being written is alive, which is exactly the writer's lifetime. An address
    /// is only rendered into the table on its second visit, so unshared nodes cost one table insertion.
    private var shared: SharedRenderings

    /// Writes `{...}`; returns false (and writes nothing) when the object has no content.
    @discardableResult
    private mutating func writeObject(_ element: FHIRElement, type: TypeDefinition?) -> Bool {
        let hasExtras = element.hasExtras
        return element.children.withUnsafeBufferPointer { children in
            guard !pretty, children.count > 1, let storage = children.baseAddress, !hasExtras else {
                return writeObject(resourceType: hasExtras ? element.resourceType : nil, id: hasExtras ? element.id : nil,
                                   children: children, type: type)
            }
            let typeKey = type.map { UInt(bitPattern: Unmanaged.passUnretained($0).toOpaque()) } ?? 0
            let visit = shared.visit(storage: UnsafeRawPointer(storage), type: typeKey)
            if case .rendered(let range) = visit {
                output.append(contentsOf: shared.arena[range])
                return !range.isEmpty
            }
            let start = output.count
            let wrote = writeObject(resourceType: nil, id: nil, children: children, type: type)
            if case .secondVisit = visit {
                shared.store(storage: UnsafeRawPointer(storage), type: typeKey, bytes: output[start...])
            }
            return wrote
        }
    }

    private mutating func writeObject(
        resourceType: String?, id: String?, children: UnsafeBufferPointer<FHIRElement>, type: TypeDefinition?
    ) -> Bool {
        let start = output.count
        output.append(0x7B)
        indentLevel += 1
        var first = true
        if let resourceType {
            beginMember("resourceType", first: &first)
            writeString(resourceType)
        } else if let id, !id.isEmpty {
            beginMember("id", first: &first)
            writeString(id)
        }
        let contentStart = output.count
        let groupBase = groups.count
        let scatteredBase = scatteredLists.count
        collectGroups(children, type: type)
        let groupEnd = groups.count
        for index in groupBase..<groupEnd {
            writeGroup(groups[index], of: children, first: &first)
        }
        groups.removeSubrange(groupBase...)
        if scatteredLists.count > scatteredBase { scatteredLists.removeSubrange(scatteredBase...) }
        indentLevel -= 1
        if first && resourceType == nil && output.count == contentStart {
            output.removeSubrange(start...)
            return false
        }
        newline()
        output.append(0x7D)
        return true
    }

    /// Pushes the groups of `children` on `groups`, in definition order (stable for equal keys).
    private mutating func collectGroups(_ children: UnsafeBufferPointer<FHIRElement>, type: TypeDefinition?) {
        let base = groups.count
        let table = type?.nameTable
        for index in children.indices {
            if groups.count > base {
                let last = groups[groups.count - 1]
                if last.scattered < 0, last.start + last.count == index, children[last.start].name == children[index].name {
                    groups[groups.count - 1].count += 1
                    continue
                }
            }
            var existing = -1
            var probe = groups.count - 1
            while probe >= base {
                if children[groups[probe].start].name == children[index].name { existing = probe; break }
                probe -= 1
            }
            if existing >= 0 {
                if groups[existing].scattered < 0 {
                    groups[existing].scattered = scatteredLists.count
                    scatteredLists.append(Array(groups[existing].start..<(groups[existing].start + groups[existing].count)))
                }
                scatteredLists[groups[existing].scattered].append(index)
                groups[existing].count += 1
                continue
            }
            let entry = table?.lookup(children[index].name) ?? -1
            let member = entry >= 0 ? table!.members[entry] : MemberInfo.unknown
            // Unknown elements keep their document order after the known ones.
            let key = entry >= 0 ? table!.sortKeys[entry] : (1 << 40) + (groups.count - base)
            groups.append(Group(sortKey: key, start: index, count: 1, scattered: -1, member: member))
        }
        // Stable insertion sort: objects have few groups and usually arrive in order.
        var index = base + 1
        while index < groups.count {
            let group = groups[index]
            var position = index
            while position > base, groups[position - 1].sortKey > group.sortKey {
                groups[position] = groups[position - 1]
                position -= 1
            }
            if position != index { groups[position] = group }
            index += 1
        }
    }

    private mutating func writeGroup(_ group: Group, of children: UnsafeBufferPointer<FHIRElement>, first: inout Bool) {
        let member = group.member
        let name = children[group.start].name
        let isArray = (member.entry >= 0 && member.isArray) || group.count > 1
        let scattered: [Int]? = group.scattered >= 0 ? scatteredLists[group.scattered] : nil
        @inline(__always) func child(_ position: Int) -> Int { scattered?[position] ?? group.start + position }

        var hasMarkup = member.shape == .xhtml
        if !hasMarkup {
            for position in 0..<group.count where children[child(position)].hasExtras && children[child(position)].xhtml != nil {
                hasMarkup = true
                break
            }
        }
        if hasMarkup {
            writeMarkup(name, members: (0..<group.count).map { children[child($0)] }[...], isArray: isArray, first: &first)
            return
        }
        switch member.shape {
        case .string, .number, .boolean:
            writePrimitives(name, group: group, children: children, kind: Self.kind(member.shape), isArray: isArray, first: &first)
            return
        case .unknown:
            for position in 0..<group.count where children[child(position)].value != nil {
                writePrimitives(name, group: group, children: children, kind: nil, isArray: isArray, first: &first)
                return
            }
        default:
            break
        }
        let declaredType = member.typeIndex >= 0 && member.shape == .complex ? definitions.typeList[Int(member.typeIndex)] : nil
        let mark = output.count
        beginMember(name, first: &first)
        if isArray {
            output.append(0x5B)
            indentLevel += 1
            var firstItem = true
            for position in 0..<group.count {
                let item = child(position)
                let itemMark = output.count
                if !firstItem { output.append(0x2C) }
                newline()
                if writeObject(children[item], type: objectType(children[item], declaredType)) {
                    firstItem = false
                } else {
                    output.removeSubrange(itemMark...)
                }
            }
            indentLevel -= 1
            if firstItem {
                rollback(to: mark, first: &first)
                return
            }
            newline()
            output.append(0x5D)
        } else {
            let item = child(0)
            if !writeObject(children[item], type: objectType(children[item], declaredType)) {
                rollback(to: mark, first: &first)
            }
        }
    }

    private static func kind(_ shape: ElementMatch.ValueShape) -> FHIRPrimitive.Kind? {
        switch shape {
        case .number: .number
        case .boolean: .boolean
        case .string: .string
        default: nil
        }
    }

    private func objectType(_ member: borrowing FHIRElement, _ declared: TypeDefinition?) -> TypeDefinition? {
        if member.hasExtras, let resourceType = member.resourceType { return definitions.type(resourceType) }
        return declared
    }

    private mutating func rollback(to mark: Int, first: inout Bool) {
        output.removeSubrange(mark...)
        // `first` was true before the member only if nothing precedes it inside the braces.
        first = output.last == 0x7B
    }

    private mutating func writeMarkup(
        _ name: String, members: ArraySlice<FHIRElement>, isArray: Bool, first: inout Bool
    ) {
        let markup = members.compactMap { $0.xhtml ?? $0.value?.text }.filter { !$0.isEmpty }
        guard !markup.isEmpty else { return }
        beginMember(name, first: &first)
        if isArray {
            writeStringArray(markup)
        } else {
            writeString(markup[0])
        }
    }

    private mutating func writeStringArray(_ values: [String]) {
        output.append(0x5B)
        indentLevel += 1
        for (index, value) in values.enumerated() {
            if index > 0 { output.append(0x2C) }
            newline()
            writeString(value)
        }
        indentLevel -= 1
        newline()
        output.append(0x5D)
    }

    /// Writes a group of primitives: `name` with the values (`null` where one has none), then `_name` with
    /// their ids and extensions, aligned with the values. `kind` is the declared JSON kind (nil: unknown element,
    /// the value's own kind is used).
    private mutating func writePrimitives(
        _ name: String, group: Group, children: UnsafeBufferPointer<FHIRElement>, kind: FHIRPrimitive.Kind?,
        isArray: Bool, first: inout Bool
    ) {
        let scattered: [Int]? = group.scattered >= 0 ? scatteredLists[group.scattered] : nil
        @inline(__always) func child(_ position: Int) -> Int { scattered?[position] ?? group.start + position }
        var hasValues = false
        var hasElementParts = false
        for position in 0..<group.count {
            let item = child(position)
            if !hasValues, let value = children[item].value, !value.text.isEmpty { hasValues = true }
            if !hasElementParts, (children[item].hasExtras && children[item].id != nil) || !children[item].children.isEmpty {
                hasElementParts = true
            }
        }
        if hasValues {
            beginMember(name, first: &first)
            if isArray {
                output.append(0x5B)
                indentLevel += 1
                for position in 0..<group.count {
                    if position > 0 { output.append(0x2C) }
                    newline()
                    writeValue(children[child(position)].value, kind: kind)
                }
                indentLevel -= 1
                newline()
                output.append(0x5D)
            } else {
                writeValue(children[child(0)].value, kind: kind)
            }
        }
        guard hasElementParts else { return }
        let mark = output.count
        let firstBefore = first
        beginMember("_" + name, first: &first)
        let elementType = elementDefinition
        if isArray {
            output.append(0x5B)
            indentLevel += 1
            var wroteAny = false
            for position in 0..<group.count {
                if position > 0 { output.append(0x2C) }
                newline()
                let item = child(position)
                let wrote = children[item].children.withUnsafeBufferPointer { parts in
                    writeObject(resourceType: nil, id: children[item].id, children: parts, type: elementType)
                }
                if wrote {
                    wroteAny = true
                } else {
                    output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
                }
            }
            indentLevel -= 1
            newline()
            output.append(0x5D)
            if !wroteAny {
                output.removeSubrange(mark...)
                first = firstBefore
            }
        } else {
            let item = child(0)
            let wrote = children[item].children.withUnsafeBufferPointer { parts in
                writeObject(resourceType: nil, id: children[item].id, children: parts, type: elementType)
            }
            if !wrote {
                output.removeSubrange(mark...)
                first = firstBefore
            }
        }
    }

    private mutating func writeValue(_ value: FHIRPrimitive?, kind declared: FHIRPrimitive.Kind?) {
        guard let value, !value.text.isEmpty else {
            output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            return
        }
        switch declared ?? value.kind {
        case .number where JSONWriter.isJSONNumber(value.text),
             .boolean where value.text == "true" || value.text == "false":
            output.append(contentsOf: value.text.utf8)
        default:
            writeString(value.text)
        }
    }

    /// True when `text` is a JSON number literal (so it can be written bare without breaking the document).
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        var byte = bytes.next()
        if byte == UInt8(ascii: "-") { byte = bytes.next() }
        func digits(_ byte: inout UInt8?) -> Int {
            var count = 0
            while let current = byte, current >= 0x30 && current <= 0x39 {
                count += 1
                byte = bytes.next()
            }
            return count
        }
        guard let lead = byte, lead >= 0x30 && lead <= 0x39 else { return false }
        if lead == 0x30 {
            byte = bytes.next()
            if let next = byte, next >= 0x30 && next <= 0x39 { return false }
        } else {
            _ = digits(&byte)
        }
        if byte == UInt8(ascii: ".") {
            byte = bytes.next()
            guard digits(&byte) > 0 else { return false }
        }
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            byte = bytes.next()
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = bytes.next() }
            guard digits(&byte) > 0 else { return false }
        }
        return byte == nil
    }

    // MARK: Bytes

    private mutating func beginMember(_ name: String, first: inout Bool) {
        if !first { output.append(0x2C) }
        first = false
        newline()
        writeString(name)
        output.append(0x3A)
        if pretty { output.append(0x20) }
    }

    private mutating func newline() {
        guard pretty else { return }
        output.append(0x0A)
        for _ in 0..<indentLevel { output.append(contentsOf: [0x20, 0x20]) }
    }

    mutating func writeString(_ text: String) {
        JSONWriter.appendString(text, to: &output)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped, everything else as
    /// its UTF-8 bytes. Shared with callers that write FHIR JSON around the writer (`FHIRJSON.appendString`).
    static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(0x22)
        var text = text
        text.withUTF8 { buffer in
            var runStart = 0
            for index in 0..<buffer.count {
                let byte = buffer[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index])) }
                runStart = index + 1
                output.append(0x5C)
                switch byte {
                case 0x22: output.append(0x22)
                case 0x5C: output.append(0x5C)
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                case 0x09: output.append(UInt8(ascii: "t"))
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                default:
                    output.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30])
                    output.append(JSONWriter.hex[Int(byte >> 4)])
                    output.append(JSONWriter.hex[Int(byte & 0x0F)])
                }
            }
            if runStart < buffer.count {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<buffer.count]))
            }
        }
        output.append(0x22)
    }
}
