/// Turns HTML or XHTML note bodies into the plain text the NLP pipeline reads.
///
/// Rules (the offsets NoteGate reports for such notes refer to the text produced here, not to the markup):
/// - tags, comments, processing instructions and doctype are removed; `<![CDATA[...]]>` keeps its content;
/// - the content of `script`, `style`, `template` and of the document `head` (title, meta) is dropped;
/// - block elements (`p`, `div`, `br`, `li`, `h1`–`h6`, `tr`, `table`, `section`, ...) end the current line;
///   table cells are separated by a space;
/// - character references are decoded (numeric, and the named entities clinical documents use; an unknown name
///   stays as written); `&nbsp;` becomes an ordinary space so the tokenizer treats it as one;
/// - runs of whitespace collapse to one space as a browser renders them, except inside `pre`/`textarea`;
///   lines are trimmed and at most one empty line is kept between blocks.
/// A hand-written scanner is used instead of libxml2's HTML parser so that malformed markup (common in exported
/// notes) degrades to text instead of failing, and so the same code serves HTML and XHTML.
public enum HTMLTextStripper {
    public static func plainText(fromMarkup markup: String) -> String {
        var scanner = Scanner(Array(markup.unicodeScalars))
        scanner.run()
        return scanner.output.finish()
    }

    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    ]
    static let cellElements: Set<String> = ["td", "th"]
    static let droppedElements: Set<String> = ["script", "style", "template", "noscript"]
    static let preformattedElements: Set<String> = ["pre", "textarea", "listing", "plaintext"]

    /// Accumulates rendered text: collapses whitespace, trims lines, limits blank lines.
    struct Output {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        var pendingNewlines = 0
        var atLineStart = true

        mutating func appendText(_ c: Unicode.Scalar, preformatted: Bool) {
            if preformatted {
                flushBreaks()
                if c == "\n" { scalars.append("\n"); atLineStart = true; pendingSpace = false; return }
                scalars.append(c); atLineStart = false; return
            }
            if c.properties.isWhitespace {
                if !atLineStart { pendingSpace = true }
                return
            }
            flushBreaks()
            if pendingSpace && !atLineStart { scalars.append(" ") }
            pendingSpace = false
            scalars.append(c)
            atLineStart = false
        }

        mutating func lineBreak(forced: Bool) {
            pendingSpace = false
            if forced { pendingNewlines += 1 }
            else if !atLineStart || pendingNewlines > 0 { pendingNewlines = max(pendingNewlines, 1) }
            // A new block after a finished line: the break is emitted lazily when text follows.
        }

        mutating func space() { if !atLineStart { pendingSpace = true } }

        mutating func flushBreaks() {
            guard pendingNewlines > 0 else { return }
            if !scalars.isEmpty {
                for _ in 0..<min(pendingNewlines, 2) { scalars.append("\n") }
            }
            pendingNewlines = 0
            atLineStart = true
            pendingSpace = false
        }

        mutating func finish() -> String {
            if !scalars.isEmpty, !atLineStart || pendingNewlines > 0 { scalars.append("\n") }
            return String(scalars)
        }
    }

    struct Scanner {
        let input: [Unicode.Scalar]
        var position = 0
        var output = Output()
        var preformattedDepth = 0
        var inHead = false

        init(_ input: [Unicode.Scalar]) { self.input = input }

        mutating func run() {
            while position < input.count {
                let c = input[position]
                if c == "<" { scanMarkup(); continue }
                if c == "&" { let decoded = scanReference(); emit(decoded); continue }
                position += 1
                emit([c])
            }
        }

        mutating func emit(_ scalars: [Unicode.Scalar]) {
            guard !inHead else { return }
            for s in scalars { output.appendText(s, preformatted: preformattedDepth > 0) }
        }

        func hasPrefix(_ text: String, at index: Int) -> Bool {
            var i = index
            for s in text.unicodeScalars {
                guard i < input.count, input[i].properties.lowercaseMapping == String(s) || input[i] == s else { return false }
                i += 1
            }
            return true
        }

        mutating func skip(past terminator: String) {
            while position < input.count, !hasPrefix(terminator, at: position) { position += 1 }
            position = min(input.count, position + terminator.unicodeScalars.count)
        }

        mutating func scanMarkup() {
            if hasPrefix("<!--", at: position) { skip(past: "-->"); return }
            if hasPrefix("<![CDATA[", at: position) {
                position += 9
                let start = position
                skip(past: "]]>")
                let end = max(start, position - 3)
                emit(Array(input[start..<min(end, input.count)]))
                return
            }
            if hasPrefix("<!", at: position) || hasPrefix("<?", at: position) { skip(past: ">"); return }
            // A tag: `<name ...>` or `</name>`. A `<` not followed by a name is text, as browsers treat it.
            var i = position + 1
            let closing = i < input.count && input[i] == "/"
            if closing { i += 1 }
            let nameStart = i
            while i < input.count, input[i].properties.isAlphabetic || ("0"..."9").contains(input[i])
                || input[i] == ":" || input[i] == "-" { i += 1 }
            guard i > nameStart else { position += 1; emit(["<"]); return }
            var name = String(String.UnicodeScalarView(input[nameStart..<i])).lowercased()
            if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
            // Find the end of the tag, honouring quoted attribute values.
            var quote: Unicode.Scalar?
            var selfClosing = false
            while i < input.count {
                let c = input[i]
                if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c }
                else if c == ">" { selfClosing = i > 0 && input[i - 1] == "/"; break }
                i += 1
            }
            position = min(input.count, i + 1)
            handleTag(name: name, closing: closing, selfClosing: selfClosing)
        }

        mutating func handleTag(name: String, closing: Bool, selfClosing: Bool) {
            if name == "head" { inHead = !closing && !selfClosing; return }
            if name == "body" { inHead = false }
            if !closing, !selfClosing, HTMLTextStripper.droppedElements.contains(name) || (name == "title" && !inHead) {
                skipRawText(until: name)
                return
            }
            if HTMLTextStripper.preformattedElements.contains(name), !selfClosing {
                preformattedDepth = max(0, preformattedDepth + (closing ? -1 : 1))
            }
            guard !inHead else { return }
            if name == "br" { output.lineBreak(forced: true); return }
            if HTMLTextStripper.blockElements.contains(name) { output.lineBreak(forced: false); return }
            if HTMLTextStripper.cellElements.contains(name) { output.space() }
        }

        /// Skips the content of a raw-text element up to its end tag (or the end of input).
        mutating func skipRawText(until name: String) {
            while position < input.count {
                if input[position] == "<", hasPrefix("</" + name, at: position) {
                    skip(past: ">")
                    return
                }
                position += 1
            }
        }

        /// Decodes `&...;` at `position`; an unrecognised reference is kept literally.
        mutating func scanReference() -> [Unicode.Scalar] {
            let start = position
            var i = position + 1
            while i < input.count, i - start <= 32, input[i] != ";", input[i] != "&", input[i] != "<",
                  !input[i].properties.isWhitespace { i += 1 }
            guard i < input.count, input[i] == ";", i > start + 1 else { position += 1; return ["&"] }
            let body = String(String.UnicodeScalarView(input[(start + 1)..<i]))
            var decoded: Unicode.Scalar?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
            } else {
                decoded = HTMLEntities.named[body].flatMap(Unicode.Scalar.init)
            }
            guard var scalar = decoded, scalar.value != 0 else { position += 1; return ["&"] }
            if scalar.value == 0xA0 { scalar = " " }
            position = i + 1
            return [scalar]
        }
    }
}
