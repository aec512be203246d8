/// A parsed `Attachment.contentType` (RFC 9110 media type): lower-cased `type/subtype` and parameters.
public struct MediaType: Sendable, Hashable, CustomStringConvertible {
    public var type: String
    public var subtype: String
    /// Parameter names lower-cased; values unquoted, case kept.
    public var parameters: [String: String]

    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type.lowercased()
        self.subtype = subtype.lowercased()
        self.parameters = parameters
    }

    /// Parses `text/plain; charset="utf-8"`. Returns nil when there is no `type/subtype`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false)
        guard let essence = parts.first else { return nil }
        let names = essence.split(separator: "/", omittingEmptySubsequences: false)
        guard names.count == 2 else { return nil }
        let type = names[0].trimmingWhitespace(), subtype = names[1].trimmingWhitespace()
        guard !type.isEmpty, !subtype.isEmpty else { return nil }
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = part[..<equals].trimmingWhitespace().lowercased()
            var value = part[part.index(after: equals)...].trimmingWhitespace()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            if !name.isEmpty { parameters[name] = value }
        }
        self.init(type: type, subtype: subtype, parameters: parameters)
    }

    public var essence: String { "\(type)/\(subtype)" }
    public var charset: String? { parameters["charset"] }
    public var description: String {
        ([essence] + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: "; ")
    }

    /// How NoteGate reads a body of this type.
    public enum TextKind: Sendable, Equatable { case plain, html, xhtml }

    /// nil for types NoteGate does not read (PDF, images, C-CDA and other XML, FHIR payloads, ...).
    public var textKind: TextKind? {
        switch essence {
        case "text/plain", "text/markdown": .plain
        case "text/html": .html
        case "application/xhtml+xml", "application/xhtml": .xhtml
        default: nil
        }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
