/// One R4 type as the XML reader sees it during one parse, with its child elements resolved once per distinct
/// element name and cached by the address of libxml2's interned name (names live in the reader's dictionary for
/// the whole parse, so the address identifies the name; the cache never outlives the parse).
final class XMLTypeNode {
    let definition: TypeDefinition
    let isPrimitive: Bool
    let isExtension: Bool
    /// How the primitive is written in JSON (for non-primitives `.string`, unused).
    let kind: FHIRPrimitive.Kind
    var children: [UnsafeRawPointer: XMLChild] = [:]

    init(_ definition: TypeDefinition) {
        self.definition = definition
        isPrimitive = definition.kind == .primitive
        isExtension = definition.name == "Extension"
        switch definition.jsonKind {
        case .number: kind = .number
        case .boolean: kind = .boolean
        case .string: kind = .string
        }
    }
}

/// A child element name resolved against its parent's type.
struct XMLChild {
    enum Role {
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
    let type: XMLTypeNode?
    let isArray: Bool
}
