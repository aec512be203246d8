/// Parses the encoded table written by `scripts/generate_fhir_definitions.py` (format described there).
extension FHIRDefinitions {
    private struct RawType {
        var name: String
        var kind: TypeDefinition.Kind
        var base: String?
        var jsonKind: TypeDefinition.JSONKind
        var records: [(name: String, min: Int, max: Int?, types: [String], isReference: Bool)] = []
    }

    init(encoded table: String) {
        var raw: [String: RawType] = [:]
        var current: RawType?
        for line in table.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            if line.first == "@" {
                if let finished = current { raw[finished.name] = finished }
                let kind: TypeDefinition.Kind
                switch fields[1] {
                case "R": kind = .resource
                case "A": kind = .abstractResource
                case "C": kind = .complexType
                case "E": kind = .abstractComplexType
                case "P": kind = .primitive
                default: kind = .backboneElement
                }
                let jsonKind: TypeDefinition.JSONKind =
                    fields[3] == "n" ? .number : (fields[3] == "b" ? .boolean : .string)
                current = RawType(
                    name: String(fields[0].dropFirst()), kind: kind, base: fields[2].isEmpty ? nil : fields[2],
                    jsonKind: jsonKind)
            } else {
                current?.records.append((
                    name: fields[0], min: Int(fields[1]) ?? 0, max: fields[2] == "*" ? nil : Int(fields[2]),
                    types: fields[3].isEmpty ? [] : fields[3].split(separator: ",").map(String.init),
                    isReference: fields[4] == "r"))
            }
        }
        if let finished = current { raw[finished.name] = finished }

        func flattened(_ name: String, prefix: String) -> [ElementDefinition] {
            guard let type = raw[name] else { return [] }
            let inherited = type.base.map { flattened($0, prefix: prefix) } ?? []
            return inherited + type.records.map { record in
                ElementDefinition(
                    name: record.name, path: prefix + "." + record.name, min: record.min, max: record.max,
                    types: record.types, isContentReference: record.isReference)
            }
        }

        let orderedNames = raw.keys.sorted()
        var indexOfType: [String: Int] = [:]
        for (index, name) in orderedNames.enumerated() { indexOfType[name] = index }
        func match(_ index: Int, _ element: ElementDefinition, _ typeName: String) -> ElementMatch {
            let shape: ElementMatch.ValueShape
            if typeName == "xhtml" {
                shape = .xhtml
            } else if typeName == "Resource" {
                shape = .resource
            } else if let type = raw[typeName] {
                if type.kind == .primitive {
                    shape = type.jsonKind == .number ? .number : (type.jsonKind == .boolean ? .boolean : .string)
                } else {
                    shape = .complex
                }
            } else {
                shape = .unknown
            }
            return ElementMatch(
                index: index, definition: element, typeName: typeName, typeIndex: indexOfType[typeName] ?? -1,
                shape: shape)
        }

        var types: [String: TypeDefinition] = [:]
        var typeList: [TypeDefinition] = []
        var resourceNames = Set<String>()
        for name in orderedNames {
            let type = raw[name]!
            let elements = type.kind == .primitive ? [] : flattened(name, prefix: name)
            var named: [String: ElementMatch] = [:]
            for (index, element) in elements.enumerated() {
                if element.isChoice {
                    let stem = String(element.name.dropLast(3))
                    for typeName in element.types {
                        named[stem + typeName.uppercasingFirst] = match(index, element, typeName)
                    }
                } else {
                    named[element.name] = match(index, element, element.types.first ?? "string")
                }
            }
            let definition = TypeDefinition(
                name: name, kind: type.kind, base: type.base, jsonKind: type.jsonKind, elements: elements,
                namedElements: named)
            types[name] = definition
            typeList.append(definition)
            if type.kind == .resource { resourceNames.insert(name) }
        }
        self.typeList = typeList
        self.types = types
        self.resourceTypeNames = resourceNames
    }
}

extension String {
    /// The string with its first character upper-cased (`"dateTime"` → `"DateTime"`).
    var uppercasingFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
