import FHIR

/// The inputs of a FHIR operation, read either from URL query items (GET) or from a `Parameters` resource (POST),
/// with the element path of each value kept for precise error messages.
struct OperationParameters {
    struct Entry {
        var name: String
        /// The `value[x]` element (its name says the type, e.g. `valueCoding`); for query items a `valueString`.
        var value: FHIRElement?
        var parts: [FHIRElement]
        var expression: String
    }

    var entries: [Entry]

    init(queryItems: [(name: String, value: String)]) {
        entries = queryItems.map { item in
            Entry(name: item.name, value: .string("valueString", item.value), parts: [], expression: item.name)
        }
    }

    init(parameters: FHIRElement) throws {
        let type = parameters.resourceType ?? parameters.name
        guard type == "Parameters" else {
            throw TerminologyError(.invalidRequest, "expected a Parameters resource, got \(type)", expression: [type])
        }
        var entries: [Entry] = []
        for (position, parameter) in parameters.all("parameter").enumerated() {
            let path = "Parameters.parameter[\(position)]"
            guard let name = parameter.string("name"), !name.isEmpty else {
                throw TerminologyError(.invalidRequest, "parameter \(position) has no name", expression: [path + ".name"])
            }
            let values = parameter.children.filter { $0.name.hasPrefix("value") }
            guard values.count <= 1 else {
                throw TerminologyError(.invalidRequest, "parameter \(name) has several values", expression: [path])
            }
            entries.append(Entry(name: name, value: values.first, parts: parameter.all("part"),
                                 expression: "\(path).value"))
        }
        self.entries = entries
    }

    func all(_ name: String) -> [Entry] { entries.filter { $0.name == name } }

    /// A single primitive value; an error when repeated or not a primitive.
    func string(_ name: String) throws -> String? {
        let found = all(name)
        guard let entry = found.first else { return nil }
        guard found.count == 1 else {
            throw TerminologyError(.invalidRequest, "parameter \(name) is repeated", expression: [entry.expression])
        }
        guard let text = entry.value?.value?.text, !text.isEmpty else {
            throw TerminologyError(.invalidRequest, "parameter \(name) has no primitive value",
                                   expression: [entry.expression])
        }
        return text
    }

    func strings(_ name: String) throws -> [String] {
        try all(name).map { entry in
            guard let text = entry.value?.value?.text, !text.isEmpty else {
                throw TerminologyError(.invalidRequest, "parameter \(name) has no primitive value",
                                       expression: [entry.expression])
            }
            return text
        }
    }

    func integer(_ name: String) throws -> Int? {
        guard let text = try string(name) else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw TerminologyError(.invalidRequest, "parameter \(name) must be a non-negative integer, got \(text)",
                                   expression: all(name).map(\.expression))
        }
        return value
    }

    func boolean(_ name: String) throws -> Bool? {
        guard let text = try string(name) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            throw TerminologyError(.invalidRequest, "parameter \(name) must be true or false, got \(text)",
                                   expression: all(name).map(\.expression))
        }
    }

    /// A Coding parameter: a `valueCoding` (POST) or `system|code` text (GET token syntax).
    func coding(_ name: String) throws -> (system: String, code: String, version: String?)? {
        let found = all(name)
        guard let entry = found.first else { return nil }
        guard found.count == 1 else {
            throw TerminologyError(.invalidRequest, "parameter \(name) is repeated", expression: [entry.expression])
        }
        return try Self.coding(from: entry.value, name: name, expression: entry.expression)
    }

    /// The single coding of a CodeableConcept parameter (several codings are refused, as Snowstorm does).
    func codeableConceptCoding(_ name: String) throws -> (system: String, code: String, version: String?)? {
        guard let entry = all(name).first else { return nil }
        guard let value = entry.value, value.name == "valueCodeableConcept" else {
            throw TerminologyError(.invalidRequest, "parameter \(name) must be a CodeableConcept",
                                   expression: [entry.expression])
        }
        let codings = value.all("coding")
        guard codings.count == 1 else {
            throw TerminologyError(.invalidRequest, "parameter \(name) must carry exactly one coding, has \(codings.count)",
                                   expression: [entry.expression + ".coding"])
        }
        return try Self.coding(from: codings[0].named("valueCoding"), name: name, expression: entry.expression + ".coding[0]")
    }

    private static func coding(from value: FHIRElement?, name: String, expression: String) throws
        -> (system: String, code: String, version: String?)
    {
        if let value, value.name == "valueCoding" {
            guard let system = value.string("system"), let code = value.string("code") else {
                throw TerminologyError(.invalidRequest, "parameter \(name) needs both system and code",
                                       expression: [expression])
            }
            return (system, code, value.string("version"))
        }
        if let text = value?.value?.text, let bar = text.firstIndex(of: "|") {
            let system = String(text[..<bar]), code = String(text[text.index(after: bar)...])
            if !system.isEmpty, !code.isEmpty { return (system, code, nil) }
        }
        throw TerminologyError(.invalidRequest, "parameter \(name) must be a Coding (or system|code)",
                               expression: [expression])
    }
}
