/// Maps JSON onto the FHIR element tree, using the R4 definitions for resources, arrays, primitive JSON types,
/// narrative `div`s and `_name` primitive siblings.
extension JSONReader {
    mutating func readDocument() throws(FHIRParseError) -> FHIRElement {
        guard bytes.count <= options.maxInputBytes else {
            throw FHIRParseError(
                .inputTooLarge, "Input of \(bytes.count) bytes exceeds the limit of \(options.maxInputBytes) bytes")
        }
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            guard options.allowByteOrderMark else {
                throw error(.byteOrderMark, "JSON must not start with a UTF-8 byte-order mark", at: 0)
            }
            position = 3
        }
        skipWhitespace()
        guard let first = current else { throw error(.truncated, "Empty input: expected a FHIR resource") }
        guard first == 0x7B else {
            throw error(.syntax, "Expected a JSON object (a FHIR resource), found \(describe(byteAt: position))")
        }
        let root = try readObject(nameID: nil, typeIndex: -1, slot: .resource)
        skipWhitespace()
        if position < bytes.count {
            throw error(.syntax, "Unexpected \(describe(byteAt: position)) after the end of the resource")
        }
        return root
    }

    /// What an object stands for.
    enum Slot {
        /// A resource (root, `contained`, `Bundle.entry.resource`, ...): must carry `resourceType`.
        case resource
        /// A complex element of a known type.
        case complex
        /// A `_name` object: only `id` and `extension`.
        case primitiveExtras
        /// An element the definitions do not know: read generically.
        case unknown
    }

    /// A member name: its name id (see `name(_:)`) and what the object's type says about it.
    struct MemberKey {
        var name: Int32
        var info: MemberInfo
    }

    /// A `_name` member waiting to be merged into its primitive(s).
    struct PendingExtras {
        var baseName: String
        var entries: [FHIRElement?]
        var isArray: Bool
        var offset: Int
    }

    /// The type of a type index (-1: none).
    func typeDefinition(_ typeIndex: Int32) -> TypeDefinition? {
        typeIndex >= 0 ? definitions.typeList[Int(typeIndex)] : nil
    }

    /// Reads an object at `position` (an opening brace). `nameID` is the element name (nil for the root, which is
    /// named after its resource type); `typeIndex` the element's type in the definitions (-1: unknown).
    mutating func readObject(nameID: Int32?, typeIndex: Int32, slot: Slot) throws(FHIRParseError)
        -> FHIRElement
    {
        let objectStart = position
        var typeIndex = typeIndex
        var resourceType: String?
        if slot == .resource || slot == .unknown {
            resourceType = try lookAheadResourceType()
            if let resourceType {
                guard let resolved = members.resourceTypeIndex(resourceType) else {
                    throw error(.unknownResourceType, "Unknown resource type '\(resourceType)'", at: objectStart)
                }
                typeIndex = resolved
            } else if slot == .resource {
                throw error(.missingResourceType, "A resource must have a 'resourceType'", at: objectStart)
            }
        }
        let isResource = resourceType != nil
        let elementName = nameID.map { name($0) } ?? resourceType ?? ""
        if nameID == nil { path.append(PathStep(name: members.nameID(elementName) ?? sideName(elementName), index: -1)) }
        // The per-object state (path step, depth, seen names) is restored at the end of the success path, not in
        // `defer` blocks: an error abandons the whole parse, and a `defer` made the compiler copy (retain and
        // release) the returned element. For the same reason the element is built once, at the end, from locals.
        try enterContainer()
        position += 1
        skipWhitespace()
        if current == 0x7D {
            throw error(.emptyValue, "Empty object: FHIR does not allow empty elements", at: objectStart)
        }

        var elementID: String?
        let childStart = childStack.count
        let seenStart = seenEntries.count
        let namesStart = seenNames.count
        /// Known entries 0..<64 of the type seen in this object.
        var seenMask: UInt64 = 0
        var pending: [PendingExtras] = []
        /// Children that were `null` in an array: they must be filled from the `_name` array.
        var nullSlots: [(childIndex: Int, offset: Int, name: String, index: Int)] = []

        while true {
            skipWhitespace()
            guard let byte = current else { throw error(.truncated, "Unexpected end of input inside an object") }
            guard byte == 0x22 else {
                throw error(.syntax, "Expected a member name in quotes, found \(describe(byteAt: position))")
            }
            let keyOffset = position
            let memberKey = try readMemberName(typeIndex: typeIndex)
            let member = memberKey.info
            if member.entry >= 0 && member.entry < 64 {
                let bit: UInt64 = 1 << UInt64(member.entry)
                if seenMask & bit != 0 {
                    throw error(.duplicateKey, "Duplicate member '\(name(memberKey.name))'", at: keyOffset)
                }
                seenMask |= bit
            } else if member.entry >= 0 {
                var index = seenStart
                while index < seenEntries.count {
                    if seenEntries[index] == member.entry {
                        throw error(.duplicateKey, "Duplicate member '\(name(memberKey.name))'", at: keyOffset)
                    }
                    index += 1
                }
                seenEntries.append(member.entry)
            } else {
                let key = name(memberKey.name)
                if seenNames[namesStart...].contains(key) {
                    throw error(.duplicateKey, "Duplicate member '\(key)'", at: keyOffset)
                }
                seenNames.append(key)
            }
            // Pretty-printed FHIR writes `"name": value`: test for exactly that before the general whitespace skips.
            if position < bytes.count && bytes[position] == 0x3A {
                position += 1
            } else {
                skipWhitespace()
                try expect(0x3A, "':' after member name")
            }
            if position + 1 < bytes.count && bytes[position] == 0x20 && bytes[position + 1] > 0x20 {
                position += 1
            } else {
                skipWhitespace()
            }
            guard position < bytes.count else { throw error(.truncated, "Unexpected end of input: expected a value") }

            if member.isPlain {
                if member.shape == .string && !member.isArray && bytes[position] == 0x22 {
                    // The most common member, a single string primitive, read inline (what `readMember` does for
                    // it, without two calls and the checks for arrays, nulls and other JSON types).
                    path.append(PathStep(name: memberKey.name, index: -1))
                    let valueOffset = position
                    let text = try readString()
                    if text.isEmpty {
                        throw error(.emptyValue, "Empty string: FHIR does not allow empty values", at: valueOffset)
                    }
                    childStack.push(FHIRElement(name: name(memberKey.name), primitive: FHIRPrimitive(text, kind: .string)))
                    path.removeLast()
                } else {
                    try readMember(
                        nameID: memberKey.name, member: member, typeIndex: typeIndex, childStart: childStart,
                        nullSlots: &nullSlots)
                }
                if position < bytes.count && bytes[position] > 0x20 {
                    // No whitespace before the separator (the usual case).
                } else {
                    skipWhitespace()
                }
                if position < bytes.count {
                    let separator = bytes[position]
                    position += 1
                    if separator == 0x2C { continue }
                    if separator == 0x7D { break }
                    position -= 1
                }
            } else {
                try readSpecialMember(
                    memberKey, keyOffset: keyOffset, isResource: isResource, typeIndex: typeIndex, slot: slot,
                    elementName: elementName, childStart: childStart, elementID: &elementID, pending: &pending,
                    nullSlots: &nullSlots)
            }

            skipWhitespace()
            guard let separator = current else { throw error(.truncated, "Unexpected end of input inside an object") }
            position += 1
            if separator == 0x2C { continue }
            if separator == 0x7D { break }
            position -= 1
            throw error(.syntax, "Expected ',' or '}' in an object, found \(describe(byteAt: position))")
        }

        // Children were collected on the shared stack; an exactly sized array keeps the tree compact.
        var children = childStack.count > childStart ? childStack.popArray(from: childStart) : []
        if !pending.isEmpty || !nullSlots.isEmpty {
            try merge(pending, typeIndex: typeIndex, nullSlots: nullSlots, into: &children)
        }
        if seenEntries.count > seenStart { seenEntries.removeSubrange(seenStart...) }
        if seenNames.count > namesStart { seenNames.removeSubrange(namesStart...) }
        depth -= 1
        if nameID == nil { path.removeLast() }
        return FHIRElement(name: elementName, resourceType: resourceType, id: elementID, children: children)
    }

    /// A member that is not a plain known element: `resourceType`, an element `id`, `_name`, or an unknown name.
    private mutating func readSpecialMember(
        _ memberKey: MemberKey, keyOffset: Int, isResource: Bool, typeIndex: Int32, slot: Slot, elementName: String,
        childStart: Int, elementID: inout String?, pending: inout [PendingExtras],
        nullSlots: inout [(childIndex: Int, offset: Int, name: String, index: Int)]
    ) throws(FHIRParseError) {
        let key = name(memberKey.name)
        let member = memberKey.info
        do {
            if key == "resourceType" && isResource {
                _ = try readString()
            } else if key == "resourceType" && typeIndex >= 0 && member.entry < 0 {
                // Only ExampleScenario.instance declares an element of this name.
                throw error(.wrongType, "'resourceType' is only allowed in a resource", at: keyOffset)
            } else if key == "id" && !isResource {
                path.append(PathStep(name: memberKey.name, index: -1))
                guard current == 0x22 else {
                    throw error(.wrongType, "Element 'id' must be a JSON string, found \(describe(byteAt: position))")
                }
                let valueOffset = position
                let id = try readString()
                if id.isEmpty { throw error(.emptyValue, "Empty string: FHIR does not allow empty values", at: valueOffset) }
                path.removeLast()
                elementID = id
            } else if slot == .primitiveExtras && key != "extension" {
                throw error(
                    .unknownElement, "Only 'id' and 'extension' are allowed in '\(elementName)', found '\(key)'",
                    at: keyOffset)
            } else if key.utf8.first == 0x5F, key.utf8.count > 1 {
                let baseName = String(key.dropFirst())
                if let type = typeDefinition(typeIndex), let match = type.element(named: baseName),
                    !definitions.isPrimitive(match.typeName)
                {
                    throw error(
                        .wrongType, "'\(key)' is only allowed for a primitive element; '\(baseName)' is \(match.typeName)",
                        at: keyOffset)
                }
                pending.append(try readPrimitiveExtras(baseName: baseName, offset: keyOffset))
            } else {
                try readMember(
                    nameID: memberKey.name, member: member, typeIndex: typeIndex, childStart: childStart,
                    nullSlots: &nullSlots)
            }
        }
    }

    /// Finds the `resourceType` of the object at `position` without consuming it (usually the first member).
    private mutating func lookAheadResourceType() throws(FHIRParseError) -> String? {
        let saved = position
        let savedDepth = depth
        defer {
            position = saved
            depth = savedDepth
        }
        position += 1
        skipWhitespace()
        if current == 0x7D { return nil }
        while true {
            skipWhitespace()
            guard let byte = current else { throw error(.truncated, "Unexpected end of input inside an object") }
            guard byte == 0x22 else {
                throw error(.syntax, "Expected a member name in quotes, found \(describe(byteAt: position))")
            }
            let isResourceType: Bool
            if isResourceTypeKey(at: position) {
                position += 14
                isResourceType = true
            } else {
                isResourceType = try readString() == "resourceType"
            }
            skipWhitespace()
            try expect(0x3A, "':' after member name")
            skipWhitespace()
            if isResourceType {
                guard current != nil else { throw error(.truncated, "Unexpected end of input: expected a value") }
                guard current == 0x22 else {
                    throw error(.wrongType, "'resourceType' must be a JSON string")
                }
                let valueOffset = position
                let value = try readString()
                if value.isEmpty { throw error(.emptyValue, "Empty 'resourceType'", at: valueOffset) }
                return value
            }
            try skipValue()
            skipWhitespace()
            guard current == 0x2C else {
                guard current != nil else { throw error(.truncated, "Unexpected end of input inside an object") }
                return nil
            }
            position += 1
        }
    }

    /// Reads the value of a member: one value or an array of them, appended to `children`.
    private mutating func readMember(
        nameID: Int32, member: MemberInfo, typeIndex: Int32, childStart: Int,
        nullSlots: inout [(childIndex: Int, offset: Int, name: String, index: Int)]
    ) throws(FHIRParseError) {
        if bytes[position] == 0x5B {
            let arrayStart = position
            path.append(PathStep(name: nameID, index: -1))
            if member.entry >= 0, !member.isArray {
                throw error(.wrongType, "'\(name(nameID))' allows one value (max 1) and must not be an array", at: arrayStart)
            }
            try enterContainer()
            position += 1
            skipWhitespace()
            if current == 0x5D {
                throw error(.emptyValue, "Empty array: FHIR does not allow empty arrays", at: arrayStart)
            }
            var index = 0
            while true {
                skipWhitespace()
                path[path.count - 1].index = index
                guard let byte = current else { throw error(.truncated, "Unexpected end of input inside an array") }
                if byte == 0x6E {
                    let nullOffset = position
                    let literal = try readLiteral()
                    guard literal.utf8Start[0] == 0x6E else {
                        throw error(.syntax, "Invalid value starting with 'n'", at: nullOffset)
                    }
                    nullSlots.append((childStack.count - childStart, nullOffset, name(nameID), index))
                    childStack.push(FHIRElement(name: name(nameID)))
                } else {
                    childStack.push(try readValue(nameID: nameID, member: member))
                }
                index += 1
                skipWhitespace()
                guard let separator = current else {
                    throw error(.truncated, "Unexpected end of input inside an array")
                }
                position += 1
                if separator == 0x2C { continue }
                if separator == 0x5D { break }
                position -= 1
                throw error(.syntax, "Expected ',' or ']' in an array, found \(describe(byteAt: position))")
            }
            depth -= 1
            path.removeLast()
        } else {
            path.append(PathStep(name: nameID, index: -1))
            if member.entry >= 0, member.isArray {
                let max = typeDefinition(typeIndex).map { $0.nameTable.matches[Int(member.entry)].definition.max }
                    .flatMap { $0 }
                throw error(
                    .wrongType, "'\(name(nameID))' repeats (max \(max.map(String.init) ?? "*")) and must be a JSON array")
            }
            if bytes[position] == 0x6E {
                throw error(.invalidNull, "null is not allowed here (only inside arrays paired with '_\(name(nameID))')")
            }
            childStack.push(try readValue(nameID: nameID, member: member))
            path.removeLast()
        }
    }

    /// Reads one value (not an array) of the element named by `nameID`.
    private mutating func readValue(nameID: Int32, member: MemberInfo) throws(FHIRParseError) -> FHIRElement {
        let valueOffset = position
        let shape = member.shape
        switch bytes[position] {
        case 0x7B:
            switch shape {
            case .unknown:
                return try readObject(nameID: nameID, typeIndex: -1, slot: .unknown)
            case .resource:
                return try readObject(nameID: nameID, typeIndex: -1, slot: .resource)
            case .complex:
                return try readObject(nameID: nameID, typeIndex: member.typeIndex, slot: .complex)
            default:
                let key = name(nameID)
                throw error(.wrongType, "'\(key)' is a primitive (\(typeName(member))); expected \(expectation(shape)), found an object")
            }
        case 0x22:
            let text = try readString()
            if text.isEmpty {
                throw error(.emptyValue, "Empty string: FHIR does not allow empty values", at: valueOffset)
            }
            switch shape {
            case .string, .unknown: return FHIRElement(name: name(nameID), primitive: FHIRPrimitive(text, kind: .string))
            case .xhtml: return FHIRElement(name: name(nameID), xhtml: text)
            default:
                let key = name(nameID)
                throw error(.wrongType, "'\(key)' is \(article(typeName(member))) and must be \(expectation(shape)), found a string", at: valueOffset)
            }
        case 0x2D, 0x30...0x39:
            let text = try readNumber()
            guard shape == .number || shape == .unknown else {
                let key = name(nameID)
                throw error(.wrongType, "'\(key)' is \(article(typeName(member))) and must be \(expectation(shape)), found a number", at: valueOffset)
            }
            return FHIRElement(name: name(nameID), primitive: FHIRPrimitive(text, kind: .number))
        case 0x74, 0x66, 0x6E:
            let literal = try readLiteral()
            if literal.utf8Start[0] == 0x6E {
                throw error(.invalidNull, "null is not allowed here (only inside arrays paired with '_\(name(nameID))')", at: valueOffset)
            }
            guard shape == .boolean || shape == .unknown else {
                let key = name(nameID)
                throw error(.wrongType, "'\(key)' is \(article(typeName(member))) and must be \(expectation(shape)), found a boolean", at: valueOffset)
            }
            return FHIRElement(
                name: name(nameID), primitive: FHIRPrimitive(literal.utf8Start[0] == 0x74 ? "true" : "false", kind: .boolean))
        case 0x5B:
            throw error(.wrongType, "Nested arrays are not allowed in FHIR JSON")
        default:
            _ = try readLiteral()
            throw error(.syntax, "Invalid value", at: valueOffset)
        }
    }

    private func expectation(_ shape: ElementMatch.ValueShape) -> String {
        switch shape {
        case .string, .xhtml: return "a JSON string"
        case .number: return "a JSON number"
        case .boolean: return "a JSON boolean"
        case .resource, .complex, .unknown: return "a JSON object"
        }
    }

    private func article(_ word: String) -> String {
        guard let first = word.first else { return word }
        return ("aeiouAEIOU".contains(first) ? "an " : "a ") + word
    }

    private func typeName(_ member: MemberInfo) -> String {
        member.typeIndex >= 0 ? definitions.typeList[Int(member.typeIndex)].name : "unknown type"
    }

    /// Reads a member name. A name the type knows is resolved from its raw bytes (no String is built); other names
    /// (unknown, `_name`, escaped) are read as strings and get a side name id.
    @inline(__always)
    private mutating func readMemberName(typeIndex: Int32) throws(FHIRParseError) -> MemberKey {
        /// The key was plain (no escape, nothing non-ASCII) and the type does not know it: the decoded name is the
        /// same bytes, so looking it up again would fail again.
        var plainAndUnknown = false
        if typeIndex >= 0, let base = bytes.baseAddress {
            let start = position + 1
            var end = start
            var found = false
            while end + 8 <= bytes.count {
                let special = JSONReader.specialBytes(UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
                if special != 0 {
                    end += special.trailingZeroBitCount >> 3
                    found = true
                    break
                }
                end += 8
            }
            if !found {
                while end < bytes.count {
                    let byte = bytes[end]
                    if byte == 0x22 || byte == 0x5C || byte < 0x20 || byte >= 0x80 {
                        found = true
                        break
                    }
                    end += 1
                }
            }
            if found && bytes[end] == 0x22 {
                let length = end - start
                var head: UInt64 = 0
                if start + 8 <= bytes.count {
                    let word = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
                    head = length >= 8 ? word : word & ((1 << (UInt64(length) &* 8)) &- 1)
                } else {
                    for index in 0..<length { head |= UInt64(base[start + index]) << (8 * UInt64(index)) }
                }
                let tail = length > 8 ? UnsafeRawPointer(base + end - 8).loadUnaligned(as: UInt64.self) : 0
                if let entry = table.lookup(
                    typeIndex: Int(typeIndex), head: head, tail: tail, length: length, key: base + start)
                {
                    position = end + 1
                    return MemberKey(name: entry.pointee.nameID, info: entry.pointee.member)
                }
                plainAndUnknown = true
                // Every resource's `resourceType` member comes here: name it by its pool id, no String built.
                if let resourceTypeID, isResourceTypeKey(at: position) {
                    position += 14
                    return MemberKey(name: resourceTypeID, info: .unknown)
                }
            }
        }
        let key = try readString()
        if typeIndex >= 0 && !plainAndUnknown {
            // Escaped or non-ASCII names: resolve the decoded name.
            let utf8 = Array(key.utf8)
            let found = utf8.withUnsafeBufferPointer { buffer -> UnsafePointer<JSONMemberTable.Entry>? in
                let (head, tail) = JSONMemberTable.words(of: buffer)
                guard let start = buffer.baseAddress else {
                    return table.lookup(typeIndex: Int(typeIndex), head: 0, tail: 0, length: 0, key: table.nameBytes)
                }
                return table.lookup(typeIndex: Int(typeIndex), head: head, tail: tail, length: buffer.count, key: start)
            }
            if let found { return MemberKey(name: found.pointee.nameID, info: found.pointee.member) }
        }
        return MemberKey(name: sideName(key), info: .unknown)
    }

    /// True when the bytes at `offset` are `"resourceType"` with its quotes (written without escapes).
    @inline(__always)
    func isResourceTypeKey(at offset: Int) -> Bool {
        guard offset + 14 <= bytes.count, let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base + offset)
        // `"resourc` and `rceType"` as little-endian words (the two loads overlap by two bytes).
        return raw.loadUnaligned(as: UInt64.self) == 0x6372_756F_7365_7222
            && raw.loadUnaligned(fromByteOffset: 6, as: UInt64.self) == 0x2265_7079_5465_6372
    }

    /// Reads the value of `_name`: one object, or an array of objects and nulls.
    private mutating func readPrimitiveExtras(baseName: String, offset: Int) throws(FHIRParseError) -> PendingExtras {
        let elementType = members.elementTypeIndex
        let key = "_" + baseName
        let keyID = sideName(key)
        let baseID = sideName(baseName)
        if current == 0x5B {
            let arrayStart = position
            path.append(PathStep(name: keyID, index: -1))
            try enterContainer()
            position += 1
            skipWhitespace()
            if current == 0x5D { throw error(.emptyValue, "Empty array: FHIR does not allow empty arrays", at: arrayStart) }
            var entries: [FHIRElement?] = []
            while true {
                skipWhitespace()
                path[path.count - 1].index = entries.count
                guard let byte = current else { throw error(.truncated, "Unexpected end of input inside an array") }
                if byte == 0x6E {
                    let nullOffset = position
                    let literal = try readLiteral()
                    guard literal.utf8Start[0] == 0x6E else { throw error(.syntax, "Invalid value", at: nullOffset) }
                    entries.append(nil)
                } else if byte == 0x7B {
                    entries.append(try readObject(nameID: baseID, typeIndex: elementType, slot: .primitiveExtras))
                } else {
                    throw error(.wrongType, "Entries of '\(key)' must be objects or null")
                }
                skipWhitespace()
                guard let separator = current else { throw error(.truncated, "Unexpected end of input inside an array") }
                position += 1
                if separator == 0x2C { continue }
                if separator == 0x5D { break }
                position -= 1
                throw error(.syntax, "Expected ',' or ']' in an array, found \(describe(byteAt: position))")
            }
            depth -= 1
            path.removeLast()
            return PendingExtras(baseName: baseName, entries: entries, isArray: true, offset: offset)
        }
        path.append(PathStep(name: keyID, index: -1))
        defer { path.removeLast() }
        guard current == 0x7B else {
            if current == 0x6E { throw error(.invalidNull, "null is not allowed here") }
            throw error(.wrongType, "'\(key)' must be an object with 'id' and/or 'extension'")
        }
        let extras = try readObject(nameID: baseID, typeIndex: elementType, slot: .primitiveExtras)
        return PendingExtras(baseName: baseName, entries: [extras], isArray: false, offset: offset)
    }

    /// Merges `_name` siblings into their primitives (arrays aligned by index) and checks array `null`s.
    private mutating func merge(
        _ pending: [PendingExtras], typeIndex: Int32,
        nullSlots: [(childIndex: Int, offset: Int, name: String, index: Int)], into children: inout [FHIRElement]
    ) throws(FHIRParseError) {
        var filled = Set<Int>()
        for extras in pending {
            let valueIndices = children.indices.filter { children[$0].name == extras.baseName }
            if valueIndices.isEmpty {
                for (index, entry) in extras.entries.enumerated() {
                    guard let entry else {
                        path.append(PathStep(name: sideName("_" + extras.baseName), index: index))
                        throw error(.invalidNull, "null in '_\(extras.baseName)' without a value in '\(extras.baseName)'", at: extras.offset)
                    }
                    children.append(entry)
                }
                continue
            }
            let valueIsArray = typeDefinition(typeIndex)?.element(named: extras.baseName)?.definition.isArray ?? (valueIndices.count > 1)
            guard valueIsArray == extras.isArray else {
                throw error(.wrongType, "'_\(extras.baseName)' and '\(extras.baseName)' must both be arrays or both single values", at: extras.offset)
            }
            guard valueIndices.count == extras.entries.count else {
                throw error(
                    .wrongType,
                    "'_\(extras.baseName)' has \(extras.entries.count) entries but '\(extras.baseName)' has \(valueIndices.count)",
                    at: extras.offset)
            }
            for (position, childIndex) in valueIndices.enumerated() {
                guard let entry = extras.entries[position] else { continue }
                children[childIndex].id = entry.id
                children[childIndex].children = entry.children
                filled.insert(childIndex)
            }
        }
        for slot in nullSlots where !filled.contains(slot.childIndex) {
            path.append(PathStep(name: sideName(slot.name), index: slot.index))
            throw error(.invalidNull, "null in '\(slot.name)' without a matching '_\(slot.name)' entry", at: slot.offset)
        }
    }
}
