/// Structural validation of a resource tree against the R4 definitions: unknown elements, cardinality, required
/// elements, one type per choice, primitive formats, narrative markup. Every issue names its element by a FHIRPath
/// expression (`Patient.contact[0].name`). Invariants (FHIRPath constraints), terminology bindings and profiles
/// are outside its scope.
public struct FHIRValidator: Sendable {
    public let definitions: FHIRDefinitions

    public init(definitions: FHIRDefinitions = .r4) {
        self.definitions = definitions
    }

    /// Validates a resource. The outcome has no `error` issues when the resource is valid; then it carries one
    /// `information` issue ("All OK") so it is itself a valid OperationOutcome.
    public func validate(_ resource: FHIRElement) -> OperationOutcome {
        var issues: [OperationOutcome.Issue] = []
        let typeName = resource.resourceType ?? resource.name
        if let type = definitions.type(typeName), type.kind == .resource {
            validateResource(resource, type: type, path: typeName, issues: &issues)
        } else {
            issues.append(.init(
                code: .notSupported, diagnostics: "Unknown resource type '\(typeName)'", expression: [typeName]))
        }
        return issues.isEmpty ? .allOK("Valid \(typeName)") : OperationOutcome(issues: issues)
    }

    private func validateResource(
        _ resource: FHIRElement, type: TypeDefinition, path: String, issues: inout [OperationOutcome.Issue]
    ) {
        if resource.value != nil {
            issues.append(.init(code: .structure, diagnostics: "A resource cannot have a value", expression: [path]))
        }
        validateChildren(of: resource, type: type, path: path, issues: &issues)
    }

    private func validateChildren(
        of element: FHIRElement, type: TypeDefinition, path: String, issues: inout [OperationOutcome.Issue]
    ) {
        var counts = [Int](repeating: 0, count: type.elements.count)
        var choiceNames = [String?](repeating: nil, count: type.elements.count)
        var repetition: [String: Int] = [:]
        var choiceConflicts = Set<Int>()
        for child in element.children {
            guard let match = type.element(named: child.name) else {
                issues.append(.init(
                    code: .structure,
                    diagnostics: "Unknown element '\(child.name)' in \(type.kind == .backboneElement ? path : type.name)",
                    expression: [path + "." + child.name]))
                continue
            }
            counts[match.index] += 1
            if match.definition.isChoice {
                if let previous = choiceNames[match.index], previous != child.name {
                    choiceConflicts.insert(match.index)
                    issues.append(.init(
                        code: .structure,
                        diagnostics: "'\(child.name)' and '\(previous)' both fill \(match.definition.name); only one type is allowed",
                        expression: [path + "." + child.name]))
                }
                choiceNames[match.index] = child.name
            }
            let index = repetition[child.name, default: 0]
            repetition[child.name] = index + 1
            let childPath = match.definition.isArray ? "\(path).\(child.name)[\(index)]" : "\(path).\(child.name)"
            validateValue(child, match: match, path: childPath, issues: &issues)
        }
        if type.name == "Extension" {
            // ext-1: an extension has either nested extensions or a value, never both (nor neither).
            let hasValue = element.choice("value") != nil
            let hasExtensions = element.first("extension") != nil
            if hasValue == hasExtensions {
                issues.append(.init(
                    code: .invariant,
                    diagnostics: hasValue
                        ? "ext-1: an extension must have either extensions or a value, not both"
                        : "ext-1: an extension must have either extensions or a value",
                    expression: [path]))
            }
        }
        for (index, definition) in type.elements.enumerated() {
            if counts[index] < definition.min {
                issues.append(.init(
                    code: .required,
                    diagnostics: "Missing required element '\(definition.name)' (min \(definition.min))",
                    expression: [path + "." + definition.name]))
            }
            if let max = definition.max, counts[index] > max, !choiceConflicts.contains(index) {
                issues.append(.init(
                    code: .structure,
                    diagnostics: "'\(definition.name)' occurs \(counts[index]) times but allows at most \(max)",
                    expression: [path + "." + definition.name]))
            }
        }
    }

    private func validateValue(
        _ element: FHIRElement, match: ElementMatch, path: String, issues: inout [OperationOutcome.Issue]
    ) {
        let typeName = match.typeName
        if typeName == "xhtml" {
            guard let markup = element.xhtml ?? element.value?.text, !markup.isEmpty else {
                issues.append(.init(code: .required, diagnostics: "Empty narrative div", expression: [path]))
                return
            }
            if !markup.hasPrefix("<div") {
                issues.append(.init(
                    code: .value, diagnostics: "Narrative must be an XHTML <div> element", expression: [path]))
            }
            return
        }
        if typeName == "Resource" {
            guard let resourceType = element.resourceType, let type = definitions.type(resourceType),
                  type.kind == .resource
            else {
                issues.append(.init(
                    code: .structure,
                    diagnostics: "'\(element.name)' must hold a resource of a known type",
                    expression: [path]))
                return
            }
            validateResource(element, type: type, path: path, issues: &issues)
            return
        }
        guard let type = definitions.type(typeName) else { return }
        if element.resourceType != nil {
            issues.append(.init(
                code: .structure, diagnostics: "'\(element.name)' is a \(typeName), not a resource", expression: [path]))
            return
        }
        if type.kind == .primitive {
            validatePrimitive(element, typeName: typeName, path: path, issues: &issues)
            return
        }
        if element.value != nil {
            issues.append(.init(
                code: .structure, diagnostics: "'\(element.name)' is a \(typeName) and cannot have a primitive value",
                expression: [path]))
        }
        if element.children.isEmpty {
            issues.append(.init(
                code: .required, diagnostics: "'\(element.name)' has no content (empty elements are not allowed)",
                expression: [path]))
            return
        }
        validateChildren(of: element, type: type, path: path, issues: &issues)
    }

    private func validatePrimitive(
        _ element: FHIRElement, typeName: String, path: String, issues: inout [OperationOutcome.Issue]
    ) {
        for child in element.children where child.name != "extension" {
            issues.append(.init(
                code: .structure,
                diagnostics: "A primitive (\(typeName)) may only have extensions, found '\(child.name)'",
                expression: [path + "." + child.name]))
        }
        let extensions = element.children.filter { $0.name == "extension" }
        if let extensionType = definitions.type("Extension") {
            for (index, child) in extensions.enumerated() {
                let extensionPath = "\(path).extension[\(index)]"
                if child.children.isEmpty {
                    issues.append(.init(code: .required, diagnostics: "Empty extension", expression: [extensionPath]))
                } else {
                    validateChildren(of: child, type: extensionType, path: extensionPath, issues: &issues)
                }
            }
        }
        guard let value = element.value else {
            if extensions.isEmpty {
                issues.append(.init(
                    code: .required, diagnostics: "'\(element.name)' has neither a value nor extensions",
                    expression: [path]))
            }
            return
        }
        if value.text.isEmpty {
            issues.append(.init(code: .value, diagnostics: "Empty value", expression: [path]))
            return
        }
        if let problem = PrimitiveFormat.problem(value.text, type: typeName) {
            issues.append(.init(
                code: .value, diagnostics: "Invalid \(typeName) '\(Self.excerpt(value.text))': \(problem)",
                expression: [path]))
        }
    }

    /// A value shortened for diagnostics (no unbounded echo of input).
    static func excerpt(_ text: String) -> String {
        text.count <= 64 ? text : String(text.prefix(61)) + "..."
    }
}
