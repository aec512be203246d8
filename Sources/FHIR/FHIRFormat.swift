/// The two FHIR wire formats.
public enum FHIRFormat: String, Sendable, CaseIterable {
    case json
    case xml

    /// The FHIR media type of the format.
    public var mediaType: String {
        switch self {
        case .json: return "application/fhir+json"
        case .xml: return "application/fhir+xml"
        }
    }

    /// Detects the format from the first significant byte (after an optional UTF-8 byte-order mark and
    /// whitespace): `{` is JSON, `<` is XML. `nil` when neither.
    public static func detect<Bytes: Collection>(_ bytes: Bytes) -> FHIRFormat? where Bytes.Element == UInt8 {
        var index = bytes.startIndex
        var skippedBOM = false
        var position = 0
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        while index != bytes.endIndex {
            let byte = bytes[index]
            if !skippedBOM && position < 3 && byte == bom[position] {
                position += 1
                if position == 3 { skippedBOM = true }
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                skippedBOM = true
            } else if byte == UInt8(ascii: "{") {
                return .json
            } else if byte == UInt8(ascii: "<") {
                return .xml
            } else {
                return nil
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// The format named by a media type or `_format` value: `application/fhir+json`, `application/json`,
    /// `json`, `text/json`, `application/fhir+xml`, `application/xml`, `text/xml`, `xml` (parameters such as
    /// `; charset=utf-8` and letter case are ignored). `nil` for anything else.
    public init?(mediaType: String) {
        let essence = mediaType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        switch essence.trimmingSpaces().lowercased() {
        case "application/fhir+json", "application/json", "text/json", "json", "application/json+fhir":
            self = .json
        case "application/fhir+xml", "application/xml", "text/xml", "xml", "application/xml+fhir":
            self = .xml
        default:
            return nil
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (no Foundation needed).
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}
