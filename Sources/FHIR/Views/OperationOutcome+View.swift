/// `OperationOutcome` read from / written to trees like the other views.
extension OperationOutcome {
    public static let resourceType = "OperationOutcome"

    /// Reads an `OperationOutcome` resource; `nil` for another resource type.
    public init?(_ element: FHIRElement) {
        guard (element.resourceType ?? element.name) == Self.resourceType else { return nil }
        self.init(element: element)
    }
}
