import Foundation

/// Reads PubTator files (BC5CDR, NCBI-disease): documents are blocks of `PMID|t|title`, `PMID|a|abstract` and
/// `PMID<TAB>start<TAB>end<TAB>mention<TAB>type[<TAB>concept]` lines separated by blank lines. Relation lines
/// (`PMID<TAB>CID<TAB>...`) are skipped. The text is title + "\n" + abstract, so PubTator's offsets (which count the
/// separator as one character) stay valid; each mention must match the text it points at.
public enum PubTatorReader {
    public static func read(path: String) throws -> [AnnotatedDocument] {
        try parse(CorpusReader.readData(path), file: path)
    }

    public static func parse(_ data: Data, file: String) throws -> [AnnotatedDocument] {
        var documents: [AnnotatedDocument] = []
        var builder: Builder?
        for (number, line) in try CorpusReader.lines(of: data, file: file) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if let finished = builder { documents.append(try finished.build(file: file)) }
                builder = nil
                continue
            }
            if let marker = line.range(of: "|t|") ?? line.range(of: "|a|"), !line[..<marker.lowerBound].contains("\t") {
                let id = String(line[..<marker.lowerBound])
                let body = String(line[marker.upperBound...])
                if builder == nil || builder?.id != id {
                    if let finished = builder { documents.append(try finished.build(file: file)) }
                    builder = Builder(id: id, firstLine: number)
                }
                if line[marker] == "|t|" { builder?.title = body } else { builder?.abstract = body }
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard var current = builder, fields.count >= 2, fields[0] == current.id else {
                throw CorpusReadError(.malformedLine, file: file, line: number,
                    "expected `id|t|`, `id|a|` or an annotation line of the current document")
            }
            if fields.count >= 5, let start = Int(fields[1]), let end = Int(fields[2]) {
                current.mentions.append(.init(start: start, end: end, text: fields[3], label: fields[4], line: number))
                builder = current
            } else if fields.count >= 4, Int(fields[1]) == nil {
                continue  // a relation line such as `PMID CID chemical disease`
            } else {
                throw CorpusReadError(.malformedLine, file: file, line: number,
                    "annotation lines need id, start, end, mention and type separated by tabs")
            }
        }
        if let finished = builder { documents.append(try finished.build(file: file)) }
        return documents
    }

    private struct Mention {
        var start: Int, end: Int, text: String, label: String, line: Int
    }

    private struct Builder {
        var id: String
        var firstLine: Int
        var title = ""
        var abstract = ""
        var mentions: [Mention] = []

        init(id: String, firstLine: Int) {
            self.id = id
            self.firstLine = firstLine
        }

        func build(file: String) throws -> AnnotatedDocument {
            let text = abstract.isEmpty ? title : title + "\n" + abstract
            let scalars = Array(text.unicodeScalars)
            var entities: [AnnotatedSpan] = []
            for mention in mentions {
                let span = AnnotatedSpan(range: mention.start..<max(mention.start, mention.end), label: mention.label)
                try SpanValidator.validate([span], textLength: scalars.count, file: file, line: mention.line)
                var covered = String.UnicodeScalarView()
                covered.append(contentsOf: scalars[span.range])
                // Some releases pad the mention column with spaces (NCBI-disease), so compare trimmed text.
                if String(covered).trimmingCharacters(in: .whitespaces) != mention.text.trimmingCharacters(in: .whitespaces) {
                    throw CorpusReadError(.textMismatch, file: file, line: mention.line,
                        "mention text does not match the document text at [\(mention.start), \(mention.end))")
                }
                entities.append(span)
            }
            // Exact duplicates (same span and type listed twice) carry no extra information; anything else overlapping is an error.
            var seen = Set<AnnotatedSpan>()
            entities = entities.filter { seen.insert($0).inserted }
            try SpanValidator.validate(entities, textLength: scalars.count, file: file, line: firstLine)
            return AnnotatedDocument(id: id, text: text, entities: entities, source: file, line: firstLine)
        }
    }
}
