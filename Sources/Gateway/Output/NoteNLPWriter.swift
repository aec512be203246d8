import ClinicalNLP
import Foundation

/// OMOP CDM 5.4 `NOTE_NLP` rows as tab-separated text with a header line, one row per finding (every mention,
/// including those not emitted as FHIR resources: negated, family, hypothetical, lab tests, unresolved).
///
/// Column choices:
/// - `note_nlp_id`, `note_id`: CDM integers. NoteGate derives them from its deterministic UUIDs (the first 63 bits
///   of the v5 UUID of the document identity, resp. of document identity + span + concept), so an ETL can
///   recompute them from the DocumentReference id.
/// - `section_concept_id`: the OMOP concept of the section's LOINC code when the vocabulary has it, else 0.
/// - `offset`: start of the term, Unicode scalars into the extracted note text.
/// - `note_nlp_concept_id` / `note_nlp_source_concept_id`: the standard concept, and the matched
///   non-standard concept (else the standard one again); 0 when unresolved.
/// - `term_exists`: `N` when negated, not about the patient, hypothetical or uncertain.
/// - `term_temporal`: `past` for historical mentions, else `present`.
/// - `term_modifiers`: `negated=yes|no,subject=patient|family|other,certainty=possible|undef,
///   conditional=true|false,section=<category>`.
/// Tabs and line breaks inside values become spaces (Athena-style TSV has no quoting).
public struct NoteNLPWriter: Sendable {
    public static let columns = [
        "note_nlp_id", "note_id", "section_concept_id", "snippet", "offset", "lexical_variant", "note_nlp_concept_id",
        "note_nlp_source_concept_id", "nlp_system", "nlp_date", "nlp_datetime", "term_exists", "term_temporal",
        "term_modifiers",
    ]

    /// LOINC section code → OMOP concept id.
    public var sectionConceptIDs: [String: Int]
    /// Characters of context on each side of the term in `snippet` (the whole snippet stays ≤ 250).
    public var snippetContext: Int

    public init(sectionConceptIDs: [String: Int] = [:], snippetContext: Int = 60) {
        self.sectionConceptIDs = sectionConceptIDs
        self.snippetContext = snippetContext
    }

    public func rows(_ result: ExtractionResult) -> [[String]] {
        let date = String(result.recordedAt.prefix(10))
        var rows: [[String]] = []
        for document in result.documents {
            guard let note = document.note else { continue }
            let scalars = Array(note.text.unicodeScalars)
            let noteID = Self.integerID(NameBasedUUID.id(document.context.identity))
            for finding in document.findings {
                let entity = finding.entity
                let a = entity.assertion
                let concept = finding.match?.standard.conceptId ?? 0
                let source = finding.match.map { ($0.source ?? $0.standard).conceptId } ?? 0
                let rowUUID = ResourceEmitter.resourceID(for: finding, resourceType: "NOTE_NLP", documentIdentity: document.context.identity)
                let modifiers = [
                    "negated=\(a.negated ? "yes" : "no")", "subject=\(a.experiencer.rawValue)",
                    "certainty=\(a.possible ? "possible" : "undef")", "conditional=\(a.hypothetical)",
                    "section=\(entity.section.rawValue)",
                ].joined(separator: ",")
                rows.append([
                    String(Self.integerID(rowUUID)), String(noteID),
                    String(finding.sectionLOINC.flatMap { sectionConceptIDs[$0] } ?? 0),
                    snippet(scalars, entity.range), String(entity.range.lowerBound), clean(entity.text),
                    String(concept), String(source),
                    "\(result.versions.systemName) (\(result.versions.pipeline))", date, result.recordedAt,
                    AssertionPolicy.termExists(a) ? "Y" : "N", a.historical ? "past" : "present", modifiers,
                ])
            }
        }
        return rows
    }

    public func tsv(_ result: ExtractionResult, header: Bool = true) -> String {
        var lines = header ? [Self.columns.joined(separator: "\t")] : []
        lines.append(contentsOf: rows(result).map { $0.joined(separator: "\t") })
        return lines.joined(separator: "\n") + "\n"
    }

    /// A positive 63-bit integer from the first 8 bytes of a UUID's text form.
    public static func integerID(_ uuid: String) -> Int64 {
        let hex = uuid.replacingOccurrences(of: "-", with: "").prefix(16)
        let value = UInt64(hex, radix: 16) ?? 0
        return Int64(bitPattern: value & 0x7FFF_FFFF_FFFF_FFFF)
    }

    func snippet(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        let limit = 250
        let budget = max(0, (limit - range.count) / 2)
        let context = min(snippetContext, budget)
        let lower = max(0, range.lowerBound - context)
        let upper = min(scalars.count, max(range.upperBound, lower) + context, lower + limit)
        guard lower < upper else { return "" }
        return clean(String(String.UnicodeScalarView(scalars[lower..<upper])))
    }

    func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }
}
