/// Non-overlapping replacements on a scalar array, with the gold spans carried to their new offsets.
/// An insertion at an entity's start lands before the entity; an insertion at its end lands after it.
struct TextEdits {
    struct Edit {
        var range: Range<Int>
        var replacement: [Unicode.Scalar]
    }

    private(set) var edits: [Edit] = []

    mutating func replace(_ range: Range<Int>, with replacement: [Unicode.Scalar]) {
        edits.append(Edit(range: range, replacement: replacement))
    }

    mutating func insert(_ text: String, at offset: Int) {
        replace(offset..<offset, with: Array(text.unicodeScalars))
    }

    func apply(to document: AnnotatedDocument) -> AnnotatedDocument {
        let sorted = edits.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        let scalars = document.scalars
        var output = String.UnicodeScalarView()
        var cursor = 0
        var kept: [Edit] = []
        for edit in sorted where edit.range.lowerBound >= cursor && edit.range.upperBound <= scalars.count {
            output.append(contentsOf: scalars[cursor..<edit.range.lowerBound])
            output.append(contentsOf: edit.replacement)
            cursor = edit.range.upperBound
            kept.append(edit)
        }
        output.append(contentsOf: scalars[cursor...])
        func shift(_ include: (Edit) -> Bool) -> Int {
            kept.filter(include).reduce(0) { $0 + $1.replacement.count - $1.range.count }
        }
        let entities = document.entities.map { entity -> AnnotatedSpan in
            let start = entity.range.lowerBound, end = entity.range.upperBound
            let newStart = start + shift { $0.range.lowerBound < start || ($0.range.isEmpty && $0.range.lowerBound == start) }
            let newEnd = end + shift { $0.range.lowerBound < end }
            return AnnotatedSpan(range: newStart..<max(newStart, newEnd), label: entity.label)
        }
        return AnnotatedDocument(id: document.id, text: String(output), entities: entities, source: document.source, line: document.line)
    }
}
