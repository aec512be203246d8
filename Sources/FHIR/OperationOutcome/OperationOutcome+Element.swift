/// Conversion between `OperationOutcome` and the element tree.
extension OperationOutcome {
    static let lineExtensionURL = "http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line"
    static let columnExtensionURL = "http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col"

    /// The resource as an element tree, ready for `FHIRJSON.serialize` or the XML writer.
    public var element: FHIRElement {
        var resource = FHIRElement.resource("OperationOutcome")
        for issue in issues {
            var node = FHIRElement.complex("issue", [])
            if let line = issue.line {
                node.append(.extension(url: Self.lineExtensionURL, [.integer("valueInteger", line)]))
            }
            if let column = issue.column {
                node.append(.extension(url: Self.columnExtensionURL, [.integer("valueInteger", column)]))
            }
            node.append(.string("severity", issue.severity.rawValue))
            node.append(.string("code", issue.code.rawValue))
            if let diagnostics = issue.diagnostics, !diagnostics.isEmpty {
                node.append(.string("diagnostics", diagnostics))
            }
            for location in issue.location where !location.isEmpty {
                node.append(.string("location", location))
            }
            for expression in issue.expression where !expression.isEmpty {
                node.append(.string("expression", expression))
            }
            resource.append(node)
        }
        return resource
    }

    /// Reads an `OperationOutcome` resource. Unknown severities/codes become `error`/`processing`.
    public init(element: FHIRElement) {
        self.issues = element.all("issue").map { node in
            Issue(
                severity: node.string("severity").flatMap(Severity.init(rawValue:)) ?? .error,
                code: node.string("code").flatMap(IssueType.init(rawValue:)) ?? .processing,
                diagnostics: node.string("diagnostics"),
                expression: node.strings("expression"),
                location: node.strings("location"),
                line: node.extensions(url: Self.lineExtensionURL).first?.integer("valueInteger"),
                column: node.extensions(url: Self.columnExtensionURL).first?.integer("valueInteger"))
        }
    }
}
