import ArgumentParser
import ClinicalNLP
import Foundation

/// `notegate annotate FILE|- [--text TEXT] [--lexicon TSV]`: the NLP layer alone, one JSON object per entity.
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Find problems, medications, procedures and lab tests in clinical text (JSON lines).",
        discussion: """
            Input: a plain-text note (UTF-8; the whole file is one note), or JSON lines with one note per line as \
            {"id": ..., "text": "..."} (used when the file ends in .jsonl/.ndjson or every line is a JSON object; \
            MTSamples' "transcription" field is accepted too). Use - for standard input, or --text.
            Output: one JSON object per entity: start/end (Unicode-scalar offsets, end exclusive), text, label, \
            section and its LOINC code, source, score, conceptKey, preferredText, ambiguous, assertions, \
            attributes; "note" names the note for JSON-lines input. "concept" is filled only by the gateway \
            (extract), which resolves mentions against the vocabulary.
            Terms: the curated abbreviation list plus every --lexicon file (term<TAB>label[<TAB>conceptKey]); \
            labels PROBLEM, MEDICATION, PROCEDURE, LAB_TEST, TEST or an OMOP domain.
            A note that cannot be read is reported on standard error and the exit status is 1; the other notes \
            are still annotated.
            """)

    @Argument(help: "A note file (plain text or JSON lines), or - for standard input.")
    var file: String?

    @Option(help: "Annotate this text instead of a file.")
    var text: String?

    @Option(help: "A term file (term<TAB>label[<TAB>conceptKey]); repeatable.")
    var lexicon: [String] = []

    @Flag(help: "Match misspelled terms approximately (character-bigram similarity >= 0.8).")
    var approximate = false

    @Flag(help: "Keep abbreviations whose sense the context does not settle (marked ambiguous).")
    var keepAmbiguous = false

    @Option(help: "A tagger model from `notegate train`; its mentions are merged with the dictionary's.")
    var model: String?

    func validate() throws {
        if text == nil && file == nil { throw ValidationError("give a FILE, - for standard input, or --text TEXT") }
        if text != nil && file != nil { throw ValidationError("give either FILE or --text, not both") }
    }

    func run() throws {
        var terms = Lexicon()
        for path in lexicon { terms.append(contentsOf: try Lexicon.load(tsv: URL(fileURLWithPath: path))) }
        let pipeline = try ClinicalPipeline(
            lexicon: terms, learnedDetector: try model.map { try SequenceTagger(modelPath: $0) },
            options: .init(keepAmbiguousAbbreviations: keepAmbiguous, matching: .init(approximate: approximate)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let output = FileHandle.standardOutput
        func emit(_ note: AnnotatedNote, id: String?) throws {
            var buffer = Data()
            for record in note.entityRecords(note: id) {
                buffer.append(try encoder.encode(record))
                buffer.append(0x0A)
            }
            output.write(buffer)
        }
        if let text {
            try emit(pipeline.annotate(text), id: nil)
            return
        }
        let input = try AnnotateInput.read(file!)
        var failures = 0
        switch input {
        case .plain(let note):
            try emit(pipeline.annotate(note), id: nil)
        case .lines(let notes):
            for note in notes {
                switch note {
                case .success(let (id, text)): try emit(pipeline.annotate(text), id: id)
                case .failure(let error):
                    failures += 1
                    FileHandle.standardError.write(Data("annotate: \(error.description)\n".utf8))
                }
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
