import FHIR
import Foundation

/// The output forms of `notegate extract` (and of the server, where they apply).
public enum ExtractionOutputKind: String, Sendable, CaseIterable {
    case bundle, transaction, ndjson
    case noteNLP = "note-nlp"

    /// Renders a result. `format` applies to the Bundle forms; NDJSON is JSON and NOTE_NLP is TSV by definition.
    public func render(_ result: ExtractionResult, format: FHIRFormat, pretty: Bool, noteNLP: NoteNLPWriter) -> Data {
        switch self {
        case .bundle:
            return FHIRDocument.serialize(BundleWriter.bundle(result, kind: .collection), as: format, pretty: pretty)
        case .transaction:
            return FHIRDocument.serialize(BundleWriter.bundle(result, kind: .transaction), as: format, pretty: pretty)
        case .ndjson:
            return NDJSONWriter.stream(result.resources)
        case .noteNLP:
            return Data(noteNLP.tsv(result).utf8)
        }
    }
}
