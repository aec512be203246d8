/// The R4 definitions as the XML reader needs them: for each type, its child element names resolved to a role
/// and a child type. Built once per process from `FHIRDefinitions.r4` and shared read-only by every parse.
final class XMLTypeTable: Sendable {
    static let r4 = XMLTypeTable(FHIRDefinitions.r4)

    let nodes: [XMLTypeNode]
    let byName: [String: Int]
    /// Index of `Element`, whose `id` and `extension` are the only children a primitive may have.
    let elementIndex: Int?

    init(_ definitions: FHIRDefinitions) {
        let names = definitions.types.keys.sorted()
        precondition(names.count < 4096, "XMLChildCache keys hold type indexes in 12 bits")
        var byName: [String: Int] = [:]
        for (index, name) in names.enumerated() { byName[name] = index }
        let elementIndex = byName["Element"]
        nodes = names.map { name in
            let definition = definitions.types[name]!
            let lookup = definition.kind == .primitive ? elementIndex.map { definitions.types[names[$0]]! } : definition
            var children: [String: XMLChild] = [:]
            for element in lookup?.elements ?? [] {
                let stem = element.isChoice ? String(element.name.dropLast(3)) : element.name
                for typeName in element.types.isEmpty ? ["string"] : element.types {
                    let childName = element.isChoice ? stem + typeName.uppercasingFirst : stem
                    let role: XMLChild.Role
                    switch typeName {
                    case "Resource": role = .wrapper
                    case "xhtml": role = .narrative
                    default: role = definitions.types[typeName]?.kind == .primitive ? .primitive : .complex
                    }
                    children[childName] = XMLChild(
                        name: childName, role: role, typeIndex: byName[typeName], isArray: element.isArray)
                    if !element.isChoice { break }
                }
            }
            return XMLTypeNode(definition, index: byName[name]!, children: children)
        }
        self.byName = byName
        self.elementIndex = elementIndex
    }
}

/// One R4 type with its children by element name.
final class XMLTypeNode: Sendable {
    let name: String
    /// Position in `XMLTypeTable.nodes`.
    let index: Int
    let isPrimitive: Bool
    let isResource: Bool
    let isExtension: Bool
    /// How the primitive is written in JSON (`.string` for non-primitives, unused).
    let kind: FHIRPrimitive.Kind
    let children: [String: XMLChild]

    init(_ definition: TypeDefinition, index: Int, children: [String: XMLChild]) {
        name = definition.name
        self.index = index
        isPrimitive = definition.kind == .primitive
        isResource = definition.kind == .resource
        isExtension = definition.name == "Extension"
        switch definition.jsonKind {
        case .number: kind = .number
        case .boolean: kind = .boolean
        case .string: kind = .string
        }
        self.children = children
    }
}

/// A child element name resolved against its parent's type.
struct XMLChild: Sendable {
    enum Role: Sendable {
        case resource
        /// `contained`, `Bundle.entry.resource`, ...: holds one resource element.
        case wrapper
        case complex
        case primitive
        /// The narrative `div` (type `xhtml`).
        case narrative
        /// Unknown element kept because `keepUnknownElements` is set.
        case unknown
    }

    let name: String
    let role: Role
    /// Index into `XMLTypeTable.nodes`; nil for wrappers, the narrative and unknown elements.
    let typeIndex: Int?
    let isArray: Bool
}
