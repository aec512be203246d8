/// The robustness suite: text changes real notes show (formatting, noise, boundary stress), each applied to an
/// annotated document with its gold spans moved along, so a model can be re-scored on the changed text.
public enum Perturbation: String, Sendable, CaseIterable, Codable {
    // Formatting
    case lineBreaks = "line-breaks"       // hard-wrapped text: some spaces become line breaks
    case bullets                          // every sentence starts a bulleted line
    case sectionMoves = "section-moves"   // blocks of sentences moved to the end, under a header
    // Noise
    case typos                            // adjacent letters swapped in some words
    case upperCase = "upper-case"         // the whole note in capitals
    case ocr                              // OCR-like confusions: l/1, O/0, S/5, e/c, I/l
    // Boundary stress
    case abbreviations                    // common words outside entities abbreviated (pt., hx, w/, &)
    case compounds                        // the space next to an entity becomes '-' or '/'

    public var group: String {
        switch self {
        case .lineBreaks, .bullets, .sectionMoves: return "formatting"
        case .typos, .upperCase, .ocr: return "noise"
        case .abbreviations, .compounds: return "boundary"
        }
    }

    /// The perturbed document; `seed` and the document id fix every random choice.
    public func apply(to document: AnnotatedDocument, seed: UInt64) -> AnnotatedDocument {
        var generator = SeededGenerator(seed: seed ^ FeatureHashing.hash(document.id) ^ FeatureHashing.hash(rawValue))
        let scalars = document.scalars
        let tokens = TaggerTokenizer.tokenize(scalars)
        func insideEntity(_ offset: Int) -> Bool { document.entities.contains { $0.range.contains(offset) } }
        func chance(_ probability: Double) -> Bool { Double(generator.next() % 1_000_000) / 1_000_000 < probability }
        var edits = TextEdits()
        switch self {
        case .lineBreaks:
            for (offset, scalar) in scalars.enumerated() where scalar == " " && chance(0.15) {
                edits.replace(offset..<(offset + 1), with: ["\n"])
            }
        case .bullets:
            for sequence in TaggerTokenizer.sequences(tokens, scalars: scalars) where !sequence.isEmpty {
                let start = tokens[sequence.lowerBound].range.lowerBound
                edits.insert(start == 0 ? "- " : "\n- ", at: start)
            }
        case .sectionMoves:
            return moveBlocks(document, tokens: tokens, scalars: scalars)
        case .typos:
            for token in tokens where token.range.count >= 4 && chance(0.1) {
                let position = token.range.lowerBound + 1 + Int(generator.next() % UInt64(token.range.count - 2))
                let a = scalars[position], b = scalars[position + 1]
                if a != b, a.properties.isAlphabetic, b.properties.isAlphabetic {
                    edits.replace(position..<(position + 2), with: [b, a])
                }
            }
        case .upperCase:
            for (offset, scalar) in scalars.enumerated() where scalar.value >= 0x61 && scalar.value <= 0x7A {
                edits.replace(offset..<(offset + 1), with: [Unicode.Scalar(scalar.value - 32)!])
            }
        case .ocr:
            let confusions: [Unicode.Scalar: Unicode.Scalar] = ["l": "1", "O": "0", "o": "0", "S": "5", "e": "c", "I": "l", "B": "8"]
            for (offset, scalar) in scalars.enumerated() {
                if let replacement = confusions[scalar], chance(0.04) { edits.replace(offset..<(offset + 1), with: [replacement]) }
            }
        case .abbreviations:
            let table = ["patient": "pt.", "patients": "pts", "history": "hx", "with": "w/", "without": "w/o",
                         "and": "&", "treatment": "tx", "diagnosis": "dx", "years": "yrs.", "increased": "incr.",
                         "approximately": "approx.", "following": "f/u", "significant": "sig.", "respectively": "resp."]
            for token in tokens where !insideEntity(token.range.lowerBound) {
                let word = document.text(of: token.range)
                if let short = table[word.lowercased()] { edits.replace(token.range, with: Array(short.unicodeScalars)) }
            }
        case .compounds:
            for entity in document.entities {
                for offset in [entity.range.lowerBound - 1, entity.range.upperBound] where offset >= 0 && offset < scalars.count {
                    if scalars[offset] == " ", !insideEntity(offset), chance(0.5) {
                        edits.replace(offset..<(offset + 1), with: [chance(0.5) ? "-" : "/"])
                    }
                }
            }
        }
        return edits.apply(to: document)
    }

    /// Moves the first third of the sentences to the end, after a `PLAN:` header line (a section that moved).
    private func moveBlocks(_ document: AnnotatedDocument, tokens: [TaggerToken], scalars: [Unicode.Scalar]) -> AnnotatedDocument {
        let blocked: (Int) -> Bool = { index in
            document.entities.contains { $0.range.lowerBound < tokens[index].range.lowerBound && tokens[index].range.lowerBound < $0.range.upperBound }
        }
        let sequences = TaggerTokenizer.sequences(tokens, scalars: scalars, blocked: blocked)
        guard sequences.count >= 2 else { return document }
        let cut = tokens[sequences[max(1, sequences.count / 3)].lowerBound].range.lowerBound
        let moved = Array(scalars[0..<cut]), rest = Array(scalars[cut...])
        let header = Array("\n\nPLAN:\n".unicodeScalars)
        var text = String.UnicodeScalarView()
        text.append(contentsOf: rest)
        text.append(contentsOf: header)
        text.append(contentsOf: moved)
        let movedOffset = rest.count + header.count
        let entities = document.entities.map { entity in
            entity.range.lowerBound >= cut
                ? AnnotatedSpan(range: (entity.range.lowerBound - cut)..<(entity.range.upperBound - cut), label: entity.label)
                : AnnotatedSpan(range: (entity.range.lowerBound + movedOffset)..<(entity.range.upperBound + movedOffset), label: entity.label)
        }
        return AnnotatedDocument(id: document.id, text: String(text), entities: entities, source: document.source, line: document.line)
    }
}
