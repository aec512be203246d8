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

    init(pretty: Bool, definitions: FHIRDefinitions) {
        self.pretty = pretty
        self.definitions = definitions
        self.elementDefinition = definitions.type("Element")
        output.reserveCapacity(4096)
    }

    mutating func writeDocument(_ element: FHIRElement) {
        let typeName = element.resourceType ?? element.name
        if !writeObject(element, type: definitions.type(typeName)) {
            output.append(contentsOf: [0x7B, 0x7D])
        }
    }

    /// The children of one name, placed by definition order. Usually a consecutive run (`start`, `count`);
    /// `scattered` holds the indices when a name reappears after other names (trees built out of order).
    private struct Group {
        var sortKey: Int
        var name: String
        var start: Int
        var count: Int
        var scattered: [Int]?
        var member: MemberInfo
    }

    /// Writes `{...}`; returns false (and writes nothing) when the object has no content.
    @discardableResult
    private mutating func writeObject(_ element: FHIRElement, type: TypeDefinition?) -> Bool {
        let start = output.count
        output.append(0x7B)
        indentLevel += 1
        var first = true
        if let resourceType = element.resourceType {
            beginMember("resourceType", first: &first)
            writeString(resourceType)
        } else if let id = element.id, !id.isEmpty {
            beginMember("id", first: &first)
            writeString(id)
        }
        let contentStart = output.count
        for group in orderedGroups(element.children, type: type) {
            writeGroup(group, of: element.children, first: &first)
        }
        indentLevel -= 1
        if first && element.resourceType == nil && output.count == contentStart {
            output.removeSubrange(start...)
            return false
        }
        newline()
        output.append(0x7D)
        return true
    }

    private func orderedGroups(_ children: [FHIRElement], type: TypeDefinition?) -> [Group] {
        var groups: [Group] = []
        groups.reserveCapacity(children.count)
        let table = type?.nameTable
        for (index, child) in children.enumerated() {
            if let last = groups.last, last.name == child.name, last.scattered == nil,
               last.start + last.count == index {
                groups[groups.count - 1].count += 1
                continue
            }
            if let existing = groups.lastIndex(where: { $0.name == child.name }) {
                var indices = groups[existing].scattered
                    ?? Array(groups[existing].start..<(groups[existing].start + groups[existing].count))
                indices.append(index)
                groups[existing].scattered = indices
                groups[existing].count += 1
                continue
            }
            let entry = table?.lookup(child.name) ?? -1
            let member = entry >= 0 ? table!.members[entry] : MemberInfo.unknown
            // Unknown elements keep their document order after the known ones.
            let key = entry >= 0 ? table!.matches[entry].index : (1 << 40) + groups.count
            groups.append(Group(sortKey: key, name: child.name, start: index, count: 1, scattered: nil, member: member))
        }
        if groups.count > 1 {
            var sorted = true
            for index in 1..<groups.count where groups[index - 1].sortKey > groups[index].sortKey {
                sorted = false
                break
            }
            if !sorted {
                groups = groups.enumerated().sorted {
                    ($0.element.sortKey, $0.offset) < ($1.element.sortKey, $1.offset)
                }.map(\.element)
            }
        }
        return groups
    }

    private mutating func writeGroup(_ group: Group, of children: [FHIRElement], first: inout Bool) {
        let members: ArraySlice<FHIRElement> = group.scattered.map { indices in indices.map { children[$0] }[...] }
            ?? children[group.start..<(group.start + group.count)]
        let member = group.member
        let isArray = (member.entry >= 0 && member.isArray) || members.count > 1
        let declaredType = member.typeIndex >= 0 ? definitions.typeList[Int(member.typeIndex)] : nil

        if member.shape == .xhtml || members.contains(where: { $0.xhtml != nil }) {
            writeMarkup(group.name, members: members, isArray: isArray, first: &first)
            return
        }
        switch member.shape {
        case .string, .number, .boolean:
            writePrimitives(group.name, members: members, type: declaredType, isArray: isArray, first: &first)
            return
        case .unknown where members.contains { $0.value != nil }:
            writePrimitives(group.name, members: members, type: nil, isArray: isArray, first: &first)
            return
        default:
            break
        }
        let nestedType = member.shape == .complex ? declaredType : nil
        let mark = output.count
        beginMember(group.name, first: &first)
        if isArray {
            output.append(0x5B)
            indentLevel += 1
            var firstItem = true
            for member in members {
                let itemMark = output.count
                if !firstItem { output.append(0x2C) }
                newline()
                if writeObject(member, type: objectType(member, nestedType)) {
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
        } else if !writeObject(members[members.startIndex], type: objectType(members[members.startIndex], nestedType)) {
            rollback(to: mark, first: &first)
        }
    }

    private func objectType(_ member: FHIRElement, _ declared: TypeDefinition?) -> TypeDefinition? {
        if let resourceType = member.resourceType { return definitions.type(resourceType) }
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

    private mutating func writePrimitives(
        _ name: String, members: ArraySlice<FHIRElement>, type: TypeDefinition?, isArray: Bool, first: inout Bool
    ) {
        let hasValues = members.contains { $0.value.map { !$0.text.isEmpty } ?? false }
        if hasValues {
            beginMember(name, first: &first)
            if isArray {
                output.append(0x5B)
                indentLevel += 1
                for (index, member) in members.enumerated() {
                    if index > 0 { output.append(0x2C) }
                    newline()
                    writeValue(member.value, type: type)
                }
                indentLevel -= 1
                newline()
                output.append(0x5D)
            } else {
                writeValue(members[members.startIndex].value, type: type)
            }
        }
        // `_name`: ids and extensions of the primitives, aligned with the values.
        guard members.contains(where: { $0.id != nil || !$0.children.isEmpty }) else { return }
        let mark = output.count
        let firstBefore = first
        beginMember("_" + name, first: &first)
        let elementType = elementDefinition
        if isArray {
            output.append(0x5B)
            indentLevel += 1
            var wroteAny = false
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(0x2C) }
                newline()
                if writeObject(FHIRElement(name: name, id: member.id, children: member.children), type: elementType) {
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
        } else if !writeObject(FHIRElement(name: name, id: members[members.startIndex].id, children: members[members.startIndex].children), type: elementType) {
            output.removeSubrange(mark...)
            first = firstBefore
        }
    }

    private mutating func writeValue(_ value: FHIRPrimitive?, type: TypeDefinition?) {
        guard let value, !value.text.isEmpty else {
            output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            return
        }
        let kind: FHIRPrimitive.Kind
        switch type?.jsonKind {
        case .number?: kind = .number
        case .boolean?: kind = .boolean
        case .string?: kind = .string
        case nil: kind = value.kind
        }
        switch kind {
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

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func writeString(_ text: String) {
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
