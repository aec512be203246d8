import Foundation
import FHIR

/// Content negotiation for FHIR over HTTP: which format a request body is in (`Content-Type`, else sniffed),
/// and which format the answer must be in (`_format` first, then `Accept` with q-values, then the request's
/// format, then JSON). Pure functions, so the whole matrix is unit-testable without a server.
public enum FHIRContentNegotiation {
    /// The chosen response format and the media type to put in `Content-Type` (the client's own spelling when it
    /// asked for plain `application/json` or `application/xml`).
    public struct ResponseType: Sendable, Equatable {
        public var format: FHIRFormat
        public var mediaType: String

        public init(format: FHIRFormat, mediaType: String? = nil) {
            self.format = format
            self.mediaType = mediaType ?? format.mediaType
        }

        public var contentTypeHeader: String { "\(mediaType); charset=utf-8" }
    }

    /// The format of a request body. A missing `Content-Type` is tolerated (the body is sniffed); a present one
    /// must name FHIR JSON or XML, else 415.
    public static func requestFormat(contentType: String?, body: some Collection<UInt8>) throws -> FHIRFormat {
        if let contentType, !contentType.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let format = FHIRFormat(mediaType: contentType) else {
                throw FHIRHTTPError.unsupportedMediaType(contentType)
            }
            return format
        }
        guard let format = FHIRFormat.detect(body) else {
            throw FHIRHTTPError(
                status: .unsupportedMediaType, code: .notSupported,
                diagnostics: "the request has no Content-Type and its body is neither JSON nor XML; send "
                    + "application/fhir+json or application/fhir+xml")
        }
        return format
    }

    /// The response format. `_format` (json, xml or a media type) wins; an unknown `_format` or an `Accept` that
    /// names nothing NoteGate can write is 406.
    public static func responseType(
        accept: String?, formatParameter: String?, requestFormat: FHIRFormat? = nil
    ) throws -> ResponseType {
        if let formatParameter, !formatParameter.isEmpty {
            guard let format = FHIRFormat(mediaType: formatParameter) else {
                throw FHIRHTTPError(
                    status: .notAcceptable, code: .notSupported,
                    diagnostics: "_format '\(formatParameter)' is not supported; use json, xml, "
                        + "application/fhir+json or application/fhir+xml",
                    expression: "_format")
            }
            return ResponseType(format: format)
        }
        let fallback = ResponseType(format: requestFormat ?? .json)
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return fallback }
        var best: (quality: Double, order: Int, type: ResponseType)?
        for (order, range) in parseAccept(accept).enumerated() where range.quality > 0 {
            let candidate: ResponseType?
            switch range.essence {
            case "*/*", "application/*":
                candidate = fallback
            case "application/fhir+json", "application/json+fhir", "text/json":
                candidate = ResponseType(format: .json)
            case "application/json":
                candidate = ResponseType(format: .json, mediaType: "application/json")
            case "application/fhir+xml", "application/xml+fhir", "text/xml":
                candidate = ResponseType(format: .xml)
            case "application/xml":
                candidate = ResponseType(format: .xml, mediaType: "application/xml")
            default:
                candidate = nil
            }
            guard let candidate else { continue }
            if best == nil || range.quality > best!.quality {
                best = (range.quality, order, candidate)
            }
        }
        guard let best else {
            throw FHIRHTTPError(
                status: .notAcceptable, code: .notSupported,
                diagnostics: "none of the media types in Accept can be produced; NoteGate writes "
                    + "application/fhir+json and application/fhir+xml")
        }
        return best.type
    }

    struct MediaRange {
        var essence: String
        var quality: Double
    }

    /// `Accept: a/b;q=0.5, c/d` → ranges in order, lower-cased, with their quality (default 1).
    static func parseAccept(_ header: String) -> [MediaRange] {
        header.split(separator: ",").compactMap { item in
            let parts = item.split(separator: ";")
            guard let first = parts.first else { return nil }
            let essence = first.trimmingCharacters(in: .whitespaces).lowercased()
            guard !essence.isEmpty else { return nil }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "q" {
                    quality = Double(pair[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            return MediaRange(essence: essence, quality: quality)
        }
    }
}
