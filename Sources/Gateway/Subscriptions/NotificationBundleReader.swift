import FHIR
import Foundation

/// Parses a notification Bundle in JSON or XML.
///
/// R4B and R5 notifications carry a `SubscriptionStatus`, a resource R4 does not define, so the R4 readers refuse
/// it. When (and only when) the strict read fails for that reason, the status resource is read as a `Basic`
/// (whose unknown elements the readers keep) and renamed back to `SubscriptionStatus`; every other resource of the
/// Bundle (the focus DocumentReferences) is still read strictly as R4, decimals and all.
public enum NotificationBundleReader {
    public static func parse(_ bytes: [UInt8], format: FHIRFormat, maxBytes: Int) throws -> FHIRElement {
        do {
            return try strictParse(bytes, format: format, maxBytes: maxBytes, keepUnknown: false)
        } catch let error as FHIRParseError where error.code == .unknownResourceType {
            guard let substituted = substituteStatus(bytes, format: format) else { throw error }
            var bundle = try strictParse(substituted, format: format, maxBytes: maxBytes, keepUnknown: true)
            restoreStatus(&bundle)
            return bundle
        }
    }

    private static func strictParse(_ bytes: [UInt8], format: FHIRFormat, maxBytes: Int, keepUnknown: Bool) throws
        -> FHIRElement
    {
        switch format {
        case .json:
            return try FHIRJSON.parse(bytes, options: .init(maxInputBytes: maxBytes))
        case .xml:
            return try FHIRXML.parse(bytes, options: .init(maxInputBytes: maxBytes, keepUnknownElements: keepUnknown))
        }
    }

    static let placeholder = "Basic"

    /// Rewrites `"resourceType": "SubscriptionStatus"` (JSON) or the `<SubscriptionStatus>` tags (XML).
    static func substituteStatus(_ bytes: [UInt8], format: FHIRFormat) -> [UInt8]? {
        let text = String(decoding: bytes, as: UTF8.self)
        let rewritten: String
        switch format {
        case .json:
            guard let pattern = try? NSRegularExpression(pattern: #"("resourceType"\s*:\s*)"SubscriptionStatus""#)
            else { return nil }
            let range = NSRange(text.startIndex..., in: text)
            guard pattern.firstMatch(in: text, range: range) != nil else { return nil }
            rewritten = pattern.stringByReplacingMatches(
                in: text, range: range, withTemplate: "$1\"\(placeholder)\"")
        case .xml:
            guard text.contains("<SubscriptionStatus") else { return nil }
            rewritten = text.replacingOccurrences(of: "<SubscriptionStatus", with: "<\(placeholder)")
                .replacingOccurrences(of: "</SubscriptionStatus>", with: "</\(placeholder)>")
        }
        return Array(rewritten.utf8)
    }

    /// The status is `entry[0].resource`; only that one is renamed back.
    static func restoreStatus(_ bundle: inout FHIRElement) {
        guard let entryIndex = bundle.children.firstIndex(where: { $0.name == "entry" }),
              let resourceIndex = bundle.children[entryIndex].children.firstIndex(where: { $0.name == "resource" }),
              bundle.children[entryIndex].children[resourceIndex].resourceType == placeholder
        else { return }
        bundle.children[entryIndex].children[resourceIndex].resourceType = "SubscriptionStatus"
    }
}
