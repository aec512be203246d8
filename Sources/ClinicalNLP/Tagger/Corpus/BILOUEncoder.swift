/// Turns gold spans into one BILOU tag per token, and predicted tags back into spans.
public enum BILOUEncoder {
    /// Gold tags for `tokens`. Spans not on token boundaries are snapped outwards (and reported); a span covering no
    /// token at all (only whitespace) is reported and cannot be represented.
    public static func encode(_ document: AnnotatedDocument, tokens: [TaggerToken], tagSet: TagSet) -> (tags: [Int], report: AlignmentReport) {
        var tags = [Int](repeating: 0, count: tokens.count)
        var report = AlignmentReport()
        var starts = [Int: Int](), ends = [Int: Int]()
        for (index, token) in tokens.enumerated() {
            starts[token.range.lowerBound] = index
            ends[token.range.upperBound] = index
        }
        for entity in document.entities {
            report.entityCount += 1
            guard let label = tagSet.labelIndex(entity.label) else { continue }
            var first = starts[entity.range.lowerBound]
            var last = ends[entity.range.upperBound]
            if first == nil || last == nil {
                let covered = tokens.indices.filter { tokens[$0].range.overlaps(entity.range) }
                first = covered.first
                last = covered.last
                report.misalignedCount += 1
                if report.examples.count < AlignmentReport.exampleLimit {
                    let snapped = first.map { tokens[$0].range.lowerBound..<tokens[last!].range.upperBound }
                    report.examples.append(.init(document: document.id, range: entity.range, label: entity.label,
                        text: document.text(of: entity.range), snappedText: snapped.map { document.text(of: $0) } ?? ""))
                }
            }
            guard let begin = first, let end = last, begin <= end else { continue }
            // Snapping may make two entities share a token; the earlier one keeps it.
            if (begin...end).contains(where: { tags[$0] != 0 }) { continue }
            if begin == end {
                tags[begin] = tagSet.tag(label: label, .unit)
            } else {
                tags[begin] = tagSet.tag(label: label, .begin)
                for index in (begin + 1)..<end { tags[index] = tagSet.tag(label: label, .inside) }
                tags[end] = tagSet.tag(label: label, .last)
            }
        }
        return (tags, report)
    }

    /// Spans from a tag sequence (tolerant of ill-formed sequences: a B or I without L is closed at its last token).
    public static func decode(_ tags: [Int], tokens: [TaggerToken], tagSet: TagSet) -> [(range: Range<Int>, label: String, tokens: Range<Int>)] {
        var spans: [(Range<Int>, String, Range<Int>)] = []
        var openStart: Int?
        var openLabel = -1
        func close(at last: Int) {
            if let start = openStart {
                spans.append((tokens[start].range.lowerBound..<tokens[last].range.upperBound, tagSet.labels[openLabel], start..<(last + 1)))
            }
            openStart = nil
        }
        for (index, tag) in tags.enumerated() {
            let label = tagSet.label(of: tag)
            switch tagSet.position(of: tag) {
            case .outside:
                close(at: index - 1)
            case .unit:
                close(at: index - 1)
                openStart = index; openLabel = label
                close(at: index)
            case .begin:
                close(at: index - 1)
                openStart = index; openLabel = label
            case .inside, .last:
                if openStart == nil || openLabel != label {
                    close(at: index - 1)
                    openStart = index; openLabel = label
                }
                if tagSet.position(of: tag) == .last { close(at: index) }
            }
        }
        close(at: tags.count - 1)
        return spans
    }
}
