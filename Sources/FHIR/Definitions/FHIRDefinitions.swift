/// The FHIR R4 element-definition table: for every resource, data type, primitive and nested (backbone) element
/// type, its elements in definition order with cardinality, types, choice (`value[x]`) and content references.
///
/// Generated from the official StructureDefinitions by `scripts/generate_fhir_definitions.py` into a compact
/// encoded string (`FHIRDefinitions+R4Table.swift`) that is parsed once, at first use. A string table keeps the
/// debug build fast: a large array literal of structs costs the type checker minutes.
public struct FHIRDefinitions: Sendable {
    /// The R4 (4.0.1) definitions.
    public static let r4 = FHIRDefinitions(encoded: r4EncodedTable)

    /// Every type by name; nested element types are named by their path (`"Questionnaire.item"`).
    public let types: [String: TypeDefinition]
    /// The concrete (non-abstract) resource type names.
    public let resourceTypeNames: Set<String>
    /// Every type, indexed by `ElementMatch.typeIndex` (lets readers follow types without hashing names).
    let typeList: [TypeDefinition]

    public func type(_ name: String) -> TypeDefinition? { types[name] }

    /// True for a concrete resource type name (`"Patient"`, not `"DomainResource"`).
    public func isResourceType(_ name: String) -> Bool { resourceTypeNames.contains(name) }

    public func isPrimitive(_ typeName: String) -> Bool { types[typeName]?.kind == .primitive }

    /// The element definition at a definition path such as `"Patient.contact.name"` or `"Observation.value[x]"`.
    public func element(path: String) -> ElementDefinition? {
        let parts = path.split(separator: ".").map(String.init)
        guard var current = types[parts.first ?? ""], parts.count > 1 else { return nil }
        for (position, part) in parts.dropFirst().enumerated() {
            guard let definition = current.elements.first(where: { $0.name == part }) else { return nil }
            if position == parts.count - 2 { return definition }
            guard let typeName = definition.types.first, let next = types[typeName] else { return nil }
            current = next
        }
        return nil
    }
}

/// One type of the table (a class so element matches can point at types by index without copying them).
public final class TypeDefinition: Sendable {
    public enum Kind: Sendable, Equatable {
        case resource
        case abstractResource
        case complexType
        case abstractComplexType
        case primitive
        /// A nested element type declared inside another type (`Patient.contact`, `Timing.repeat`).
        case backboneElement
    }

    /// How a primitive is written in JSON.
    public enum JSONKind: Sendable, Equatable {
        case string, number, boolean
    }

    public let name: String
    public let kind: Kind
    /// The type whose elements come first.
    public let base: String?
    /// For primitives: bare JSON number/boolean or string.
    public let jsonKind: JSONKind
    /// All elements, inherited ones first, in definition (= XML and JSON writer) order.
    public let elements: [ElementDefinition]
    /// JSON/XML element name → (index into `elements`, concrete type). Choice elements appear once per type
    /// (`valueQuantity`, `valueString`, ...).
    let namedElements: [String: ElementMatch]
    /// The same names, looked up by their UTF-8 bytes (used by the JSON reader).
    let nameTable: ElementNameTable

    init(
        name: String, kind: Kind, base: String?, jsonKind: JSONKind, elements: [ElementDefinition],
        namedElements: [String: ElementMatch]
    ) {
        self.name = name
        self.kind = kind
        self.base = base
        self.jsonKind = jsonKind
        self.elements = elements
        self.namedElements = namedElements
        self.nameTable = ElementNameTable(namedElements)
    }

    public var isResource: Bool { kind == .resource || kind == .abstractResource }

    /// The element an element name in a document refers to, with its concrete type for choices.
    public func element(named name: String) -> ElementMatch? { namedElements[name] }
}

/// An element name resolved against a type.
public struct ElementMatch: Sendable {
    /// Index of the element in `TypeDefinition.elements`: the sort key of the writers.
    public let index: Int
    public let definition: ElementDefinition
    /// The concrete type (for a choice, the one the name selects; for a nested element its path).
    public let typeName: String
    /// Index of the concrete type in `FHIRDefinitions.typeList`, -1 when unknown.
    let typeIndex: Int
    /// How a value of this element is written in JSON.
    let shape: ValueShape

    enum ValueShape: Sendable, Equatable {
        case string, number, boolean, xhtml, resource, complex, unknown
    }
}

/// One element of a type.
public struct ElementDefinition: Sendable {
    /// The name in the definition, `"contact"` or `"value[x]"`.
    public let name: String
    /// The full definition path, e.g. `"Patient.contact"` (inherited elements keep the type's own prefix).
    public let path: String
    public let min: Int
    /// `nil` when unbounded (`*`).
    public let max: Int?
    /// Type names; several for a choice, a nested type's path for backbone elements.
    public let types: [String]
    /// True when the element is declared by `contentReference` (e.g. `Questionnaire.item.item`).
    public let isContentReference: Bool

    /// True when the element repeats (max > 1 or `*`): a JSON array.
    public var isArray: Bool { max.map { $0 > 1 } ?? true }
    public var isChoice: Bool { name.hasSuffix("[x]") }
    public var isRequired: Bool { min > 0 }
}
