/// A code in a code system (the service-level equivalent of a FHIR `Coding`).
public struct TerminologyCoding: Sendable, Hashable {
    public var system: String
    public var code: String
    public var display: String?
    public var version: String?

    public init(system: String, code: String, display: String? = nil, version: String? = nil) {
        self.system = system
        self.code = code
        self.display = display
        self.version = version
    }

    /// The OMOP concept-id coding of a concept.
    public static func omop(_ concept: Concept, release: String?) -> TerminologyCoding {
        TerminologyCoding(system: VocabularySystems.omopSystemURI, code: String(concept.conceptId),
                          display: concept.name, version: release)
    }

    /// The source-vocabulary coding of a concept, when its vocabulary has a FHIR system URI.
    public static func source(_ concept: Concept) -> TerminologyCoding? {
        VocabularySystems.systemURI(forVocabulary: concept.vocabularyId).map {
            TerminologyCoding(system: $0, code: concept.conceptCode, display: concept.name)
        }
    }
}

/// A `$lookup` property value.
public enum PropertyValue: Sendable, Hashable {
    case string(String)
    case code(String)
    case boolean(Bool)
    case integer(Int)
    case date(String)
    case coding(TerminologyCoding)
}

public struct ConceptProperty: Sendable, Hashable {
    public var code: String
    public var value: PropertyValue

    public init(code: String, value: PropertyValue) {
        self.code = code
        self.value = value
    }
}

public struct Designation: Sendable, Hashable {
    public var language: String?
    public var value: String

    public init(language: String?, value: String) {
        self.language = language
        self.value = value
    }
}

public struct LookupRequest: Sendable, Hashable {
    public var system: String
    public var code: String
    public var version: String?
    /// Property codes wanted; empty = all.
    public var properties: [String]

    public init(system: String, code: String, version: String? = nil, properties: [String] = []) {
        self.system = system
        self.code = code
        self.version = version
        self.properties = properties
    }
}

public struct LookupResult: Sendable, Hashable {
    /// Code system name.
    public var name: String
    public var version: String?
    public var display: String
    public var designations: [Designation]
    public var properties: [ConceptProperty]
    /// The OMOP concept when the service knows it.
    public var concept: Concept?

    public init(name: String, version: String?, display: String, designations: [Designation] = [],
                properties: [ConceptProperty] = [], concept: Concept? = nil) {
        self.name = name
        self.version = version
        self.display = display
        self.designations = designations
        self.properties = properties
        self.concept = concept
    }
}

public struct TranslateRequest: Sendable, Hashable {
    public var system: String
    public var code: String
    public var version: String?
    /// Defaults to the OMOP system.
    public var targetSystem: String?

    public init(system: String, code: String, version: String? = nil, targetSystem: String? = nil) {
        self.system = system
        self.code = code
        self.version = version
        self.targetSystem = targetSystem
    }
}

/// R5 `ConceptMapRelationship` codes; `r4Equivalence` gives the R4 `ConceptMapEquivalence`.
public enum MapRelationship: String, Sendable, Hashable {
    case equivalent
    case relatedTo = "related-to"
    case sourceIsNarrowerThanTarget = "source-is-narrower-than-target"
    case sourceIsBroaderThanTarget = "source-is-broader-than-target"
    case notRelatedTo = "not-related-to"

    public var r4Equivalence: String {
        switch self {
        case .equivalent: "equivalent"
        case .relatedTo: "relatedto"
        case .sourceIsNarrowerThanTarget: "wider"
        case .sourceIsBroaderThanTarget: "narrower"
        case .notRelatedTo: "unmatched"
        }
    }

    /// Reads an R5 relationship or an R4 equivalence code.
    public init?(code: String) {
        if let value = MapRelationship(rawValue: code) { self = value; return }
        switch code {
        case "equal", "equivalent": self = .equivalent
        case "relatedto", "inexact": self = .relatedTo
        case "wider", "subsumes": self = .sourceIsNarrowerThanTarget
        case "narrower", "specializes": self = .sourceIsBroaderThanTarget
        case "unmatched", "disjoint": self = .notRelatedTo
        default: return nil
        }
    }
}

public struct TranslationMatch: Sendable, Hashable {
    public var relationship: MapRelationship
    public var concept: TerminologyCoding
    /// The OMOP concept when the service knows it.
    public var omopConcept: Concept?

    public init(relationship: MapRelationship, concept: TerminologyCoding, omopConcept: Concept? = nil) {
        self.relationship = relationship
        self.concept = concept
        self.omopConcept = omopConcept
    }
}

public struct TranslateResult: Sendable, Hashable {
    public var result: Bool
    public var message: String?
    public var matches: [TranslationMatch]

    public init(result: Bool, message: String? = nil, matches: [TranslationMatch]) {
        self.result = result
        self.message = message
        self.matches = matches
    }
}

public struct SearchRequest: Sendable, Hashable {
    public var text: String
    /// OMOP domain ids; empty = any.
    public var domains: Set<String>
    /// OMOP vocabulary ids; empty = any.
    public var vocabularies: Set<String>
    public var standardOnly: Bool
    public var count: Int
    public var offset: Int

    public init(text: String, domains: Set<String> = [], vocabularies: Set<String> = [], standardOnly: Bool = false,
                count: Int = 20, offset: Int = 0) {
        self.text = text
        self.domains = domains
        self.vocabularies = vocabularies
        self.standardOnly = standardOnly
        self.count = count
        self.offset = offset
    }
}

public struct SearchHit: Sendable, Hashable {
    public var coding: TerminologyCoding
    public var concept: Concept?
    public var score: Double

    public init(coding: TerminologyCoding, concept: Concept?, score: Double) {
        self.coding = coding
        self.concept = concept
        self.score = score
    }
}

public struct SearchResult: Sendable, Hashable {
    public var hits: [SearchHit]
    /// Total matches when the service knows it.
    public var total: Int?

    public init(hits: [SearchHit], total: Int? = nil) {
        self.hits = hits
        self.total = total
    }
}
