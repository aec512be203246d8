import FHIR

/// Reading `Parameters` / `ValueSet` answers into the service model. Tolerant of R4 and R5 shapes.
extension FHIRTerminologyClient {
    static func lookupResult(from element: FHIRElement, request: LookupRequest) throws -> LookupResult {
        let parameters = Parameters(element: element)
        guard let display = parameters.parameter("display")?.valueText else {
            throw TerminologyError(.remoteFailure, "$lookup answer has no display parameter")
        }
        let designations = parameters.parameters(named: "designation").compactMap { designation in
            designation.part("value")?.valueText.map {
                Designation(language: designation.part("language")?.valueText, value: $0)
            }
        }
        let properties = parameters.parameters(named: "property").compactMap { property -> ConceptProperty? in
            guard let code = property.part("code")?.valueText, let value = property.part("value")?.value else {
                return nil
            }
            return propertyValue(value).map { ConceptProperty(code: code, value: $0) }
        }
        let result = LookupResult(
            name: parameters.parameter("name")?.valueText ?? request.system,
            version: parameters.parameter("version")?.valueText, display: display, designations: designations,
            properties: properties)
        var withConcept = result
        withConcept.concept = omopConcept(result, request: request)
        return withConcept
    }

    static func propertyValue(_ value: FHIRElement) -> PropertyValue? {
        switch value.name {
        case "valueCoding":
            guard let system = value.string("system"), let code = value.string("code") else { return nil }
            return .coding(TerminologyCoding(system: system, code: code, display: value.string("display"),
                                             version: value.string("version")))
        case "valueBoolean": return value.value?.boolValue.map { .boolean($0) }
        case "valueInteger": return value.value?.intValue.map { .integer($0) }
        case "valueDate", "valueDateTime": return value.value.map { .date($0.text) }
        case "valueCode": return value.value.map { .code($0.text) }
        default: return value.value.map { .string($0.text) }
        }
    }

    /// The OMOP concept, when the answer carries the FHIR–OMOP IG properties.
    static func omopConcept(_ result: LookupResult, request: LookupRequest) -> Concept? {
        func text(_ code: String) -> String? {
            for property in result.properties where property.code == code {
                switch property.value {
                case .code(let v), .string(let v), .date(let v): return v
                case .integer(let v): return String(v)
                default: continue
                }
            }
            return nil
        }
        guard let id = text("concept-id").flatMap(Int.init), let domain = text("domain-id"),
              let vocabulary = text("vocabulary-id"), let conceptClass = text("concept-class-id") else { return nil }
        let sourceCode = result.properties.lazy.compactMap { property -> String? in
            if property.code == "source-concept-code", case .coding(let coding) = property.value { return coding.code }
            return nil
        }.first
        func date(_ code: String) -> Int? { text(code).flatMap { Int($0.replacingOccurrences(of: "-", with: "")) } }
        let standard = text("standard-concept").flatMap { $0.isEmpty ? nil : $0 }
        return Concept(
            conceptId: id, name: result.display, domainId: domain, vocabularyId: vocabulary,
            conceptClassId: conceptClass, standardConcept: standard,
            conceptCode: sourceCode ?? (VocabularySystems.isOMOP(request.system) ? String(id) : request.code),
            validStartDate: date("valid-start-date"), validEndDate: date("valid-end-date"),
            invalidReason: text("invalid-reason"))
    }

    static func translateResult(from element: FHIRElement) throws -> TranslateResult {
        let parameters = Parameters(element: element)
        guard let resultText = parameters.parameter("result")?.valueText else {
            throw TerminologyError(.remoteFailure, "$translate answer has no result parameter")
        }
        let matches = parameters.parameters(named: "match").compactMap { match -> TranslationMatch? in
            guard let concept = match.part("concept")?.value, let code = concept.string("code"),
                  let system = concept.string("system") else { return nil }
            let relationshipCode = match.part("relationship")?.valueText ?? match.part("equivalence")?.valueText
            let relationship = relationshipCode.flatMap(MapRelationship.init(code:)) ?? .relatedTo
            return TranslationMatch(
                relationship: relationship,
                concept: TerminologyCoding(system: system, code: code, display: concept.string("display"),
                                           version: concept.string("version")))
        }
        return TranslateResult(result: resultText == "true", message: parameters.parameter("message")?.valueText,
                               matches: matches)
    }

    static func searchResult(from element: FHIRElement) -> SearchResult {
        let expansion = element.first("expansion")
        let contains = expansion?.all("contains") ?? []
        let hits = contains.enumerated().compactMap { index, entry -> SearchHit? in
            guard let system = entry.string("system"), let code = entry.string("code") else { return nil }
            // Servers return expansions in relevance order without a score: rank by position.
            return SearchHit(
                coding: TerminologyCoding(system: system, code: code, display: entry.string("display"),
                                          version: entry.string("version")),
                concept: nil, score: 1.0 / Double(index + 1))
        }
        return SearchResult(hits: hits, total: expansion?.integer("total"))
    }
}
