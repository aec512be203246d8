import FHIR

/// The FHIR terminology operations NoteGate serves over any `TerminologyService` (the gateway server mounts them):
/// `CodeSystem/$lookup`, `ConceptMap/$translate` and `ValueSet/$expand`, from GET query items or a POSTed
/// `Parameters` resource, answering `Parameters` / `ValueSet` elements. Errors are `TerminologyError`s, which are
/// `OperationOutcomeConvertible` and carry `httpStatus` (unknown code → 404 `not-found`, malformed input → 400).
public struct TerminologyOperations: Sendable {
    public let service: any TerminologyService
    /// Largest `count` honoured by `$expand`.
    public var maximumExpansionCount = 1000

    public init(service: any TerminologyService) {
        self.service = service
    }

    // MARK: $lookup

    public func lookup(queryItems: [(name: String, value: String)]) async throws -> FHIRElement {
        try await lookup(OperationParameters(queryItems: queryItems))
    }

    public func lookup(parameters: FHIRElement) async throws -> FHIRElement {
        try await lookup(OperationParameters(parameters: parameters))
    }

    func lookup(_ input: OperationParameters) async throws -> FHIRElement {
        let request = try Self.lookupRequest(input)
        let result = try await service.lookup(request)
        return Self.parameters(lookup: result)
    }

    static func lookupRequest(_ input: OperationParameters) throws -> LookupRequest {
        let properties = try input.strings("property")
        if let coding = try input.coding("coding") {
            guard try input.string("code") == nil else {
                throw TerminologyError(.invalidRequest, "give either code and system or coding, not both",
                                       expression: input.all("code").map(\.expression))
            }
            return LookupRequest(system: coding.system, code: coding.code, version: coding.version,
                                 properties: properties)
        }
        guard let code = try input.string("code") else {
            throw TerminologyError(.invalidRequest, "$lookup needs code and system, or coding", expression: ["code"])
        }
        guard let system = try input.string("system") else {
            throw TerminologyError(.invalidRequest, "$lookup needs system with code", expression: ["system"])
        }
        return LookupRequest(system: system, code: code, version: try input.string("version"), properties: properties)
    }

    public static func parameters(lookup result: LookupResult) -> FHIRElement {
        var children: [FHIRElement] = [
            parameter("name", .string("valueString", result.name)),
        ]
        if let version = result.version { children.append(parameter("version", .string("valueString", version))) }
        children.append(parameter("display", .string("valueString", result.display)))
        for designation in result.designations {
            var parts: [FHIRElement] = []
            if let language = designation.language { parts.append(part("language", .string("valueCode", language))) }
            parts.append(part("value", .string("valueString", designation.value)))
            children.append(.complex("parameter", [.string("name", "designation")] + parts))
        }
        for property in result.properties {
            children.append(.complex("parameter", [
                .string("name", "property"),
                part("code", .string("valueCode", property.code)),
                part("value", value(property.value)),
            ]))
        }
        return .resource("Parameters", children)
    }

    // MARK: $translate

    public func translate(queryItems: [(name: String, value: String)]) async throws -> FHIRElement {
        try await translate(OperationParameters(queryItems: queryItems))
    }

    public func translate(parameters: FHIRElement) async throws -> FHIRElement {
        try await translate(OperationParameters(parameters: parameters))
    }

    /// R4 names (`code`, `system`, `coding`, `codeableConcept`, `targetsystem`) answer with `match.equivalence`;
    /// R5 names (`sourceCode`, `sourceCoding`, `sourceCodeableConcept`, `targetSystem`) with `match.relationship`.
    func translate(_ input: OperationParameters) async throws -> FHIRElement {
        let (request, isR5) = try Self.translateRequest(input)
        let result = try await service.translate(request)
        return Self.parameters(translate: result, r5: isR5)
    }

    static func translateRequest(_ input: OperationParameters) throws -> (TranslateRequest, Bool) {
        let r5Names: Set = ["sourceCode", "sourceCoding", "sourceCodeableConcept", "targetSystem", "sourceScope",
                            "targetScope"]
        let isR5 = input.entries.contains { r5Names.contains($0.name) }
        if let reverse = try input.boolean("reverse"), reverse {
            throw TerminologyError(.invalidRequest, "reverse translation is not supported",
                                   expression: input.all("reverse").map(\.expression))
        }
        var sources: [(system: String, code: String, version: String?)] = []
        let codeName = isR5 ? "sourceCode" : "code"
        if let code = try input.string(codeName) {
            guard let system = try input.string("system") else {
                throw TerminologyError(.invalidRequest, "\(codeName) needs system", expression: ["system"])
            }
            sources.append((system, code, try input.string("version")))
        }
        if let coding = try input.coding(isR5 ? "sourceCoding" : "coding") { sources.append(coding) }
        if let coding = try input.codeableConceptCoding(isR5 ? "sourceCodeableConcept" : "codeableConcept") {
            sources.append(coding)
        }
        guard sources.count == 1, let source = sources.first else {
            throw TerminologyError(
                .invalidRequest,
                sources.isEmpty
                    ? "$translate needs exactly one of \(codeName)+system, \(isR5 ? "sourceCoding" : "coding"), "
                        + "\(isR5 ? "sourceCodeableConcept" : "codeableConcept")"
                    : "$translate takes only one source code", expression: [codeName])
        }
        let target = try input.string(isR5 ? "targetSystem" : "targetsystem") ?? input.string("targetSystem")
        return (TranslateRequest(system: source.system, code: source.code, version: source.version,
                                 targetSystem: target), isR5)
    }

    public static func parameters(translate result: TranslateResult, r5: Bool) -> FHIRElement {
        var children: [FHIRElement] = [parameter("result", .boolean("valueBoolean", result.result))]
        if let message = result.message { children.append(parameter("message", .string("valueString", message))) }
        for match in result.matches {
            children.append(.complex("parameter", [
                .string("name", "match"),
                r5 ? part("relationship", .string("valueCode", match.relationship.rawValue))
                    : part("equivalence", .string("valueCode", match.relationship.r4Equivalence)),
                part("concept", coding("valueCoding", match.concept)),
            ]))
        }
        return .resource("Parameters", children)
    }

    // MARK: $expand

    public func expand(queryItems: [(name: String, value: String)]) async throws -> FHIRElement {
        try await expand(OperationParameters(queryItems: queryItems))
    }

    public func expand(parameters: FHIRElement) async throws -> FHIRElement {
        try await expand(OperationParameters(parameters: parameters))
    }

    /// Supports the OMOP code system and implicit code-system value sets (`<system>?fhir_vs`), a required `filter`,
    /// `count` and `offset`; NoteGate extensions `domain` (repeats) and `standardOnly`.
    func expand(_ input: OperationParameters) async throws -> FHIRElement {
        guard let filter = try input.string("filter") else {
            throw TerminologyError(.invalidRequest, "$expand needs a filter (the OMOP value set is too large to list)",
                                   expression: ["filter"])
        }
        let count = min(try input.integer("count") ?? 20, maximumExpansionCount)
        let offset = try input.integer("offset") ?? 0
        var vocabularies: Set<String> = []
        if let url = try input.string("url") {
            let system = url.hasSuffix("?fhir_vs") ? String(url.dropLast("?fhir_vs".count)) : url
            if !VocabularySystems.isOMOP(system) {
                guard let vocabulary = VocabularySystems.vocabularyId(forSystem: system) else {
                    throw TerminologyError(.notFound, "value set \(url) is not served by this vocabulary",
                                           expression: input.all("url").map(\.expression))
                }
                vocabularies = [vocabulary]
            }
        }
        let request = SearchRequest(
            text: filter, domains: Set(try input.strings("domain")), vocabularies: vocabularies,
            standardOnly: try input.boolean("standardOnly") ?? false, count: count, offset: offset)
        let result = try await service.search(request)
        let release = try await service.vocabularyRelease()
        var expansion: [FHIRElement] = [
            .string("timestamp", Self.timestamp()),
            .integer("offset", offset),
            .complex("parameter", [.string("name", "filter"), .string("valueString", filter)]),
            .complex("parameter", [.string("name", "count"), .integer("valueInteger", count)]),
        ]
        if let total = result.total { expansion.insert(.integer("total", total), at: 1) }
        for hit in result.hits {
            var coding = hit.coding
            if let concept = hit.concept, !vocabularies.isEmpty, let source = TerminologyCoding.source(concept) {
                coding = source
            }
            var children: [FHIRElement] = [.string("system", coding.system)]
            if let version = coding.version { children.append(.string("version", version)) }
            children.append(.string("code", coding.code))
            if let display = coding.display { children.append(.string("display", display)) }
            expansion.append(.complex("contains", children))
        }
        return .resource("ValueSet", [
            .string("status", "active"),
            .string("version", release),
            .complex("expansion", expansion),
        ])
    }

    static func timestamp() -> String {
        let seconds = Int(Date().timeIntervalSince1970)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
    }

    // MARK: building blocks

    static func parameter(_ name: String, _ value: FHIRElement) -> FHIRElement {
        .complex("parameter", [.string("name", name), value])
    }

    static func part(_ name: String, _ value: FHIRElement) -> FHIRElement {
        .complex("part", [.string("name", name), value])
    }

    /// A `valueCoding` element for a coding.
    public static func codingElement(_ coding: TerminologyCoding) -> FHIRElement {
        Self.coding("valueCoding", coding)
    }

    static func coding(_ elementName: String, _ coding: TerminologyCoding) -> FHIRElement {
        var children: [FHIRElement] = [.string("system", coding.system)]
        if let version = coding.version { children.append(.string("version", version)) }
        children.append(.string("code", coding.code))
        if let display = coding.display { children.append(.string("display", display)) }
        return .complex(elementName, children)
    }

    static func value(_ value: PropertyValue) -> FHIRElement {
        switch value {
        case .string(let text): .string("valueString", text)
        case .code(let code): .string("valueCode", code)
        case .boolean(let flag): .boolean("valueBoolean", flag)
        case .integer(let number): .integer("valueInteger", number)
        case .date(let date): .string("valueDateTime", date)  // R4 $lookup property allows dateTime, not date
        case .coding(let coding): Self.coding("valueCoding", coding)
        }
    }
}

import Foundation
