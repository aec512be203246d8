/// The byte scanner under `FHIRJSON.parse`: whitespace, strings (with UTF-8 validation), numbers, literals,
/// positions and errors. The FHIR mapping (objects to elements) is in `JSONReader+Elements.swift`.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let options: FHIRJSON.ParseOptions
    let definitions: FHIRDefinitions
    let members: JSONMemberTable
    /// The member table's pointers, copied here so the hot loop touches no reference-counted object.
    let table: JSONMemberTable.Pointers
    var position = 0
    var depth = 0
    /// Element path for error messages, rendered only when an error is thrown. Steps hold name ids (see `name(_:)`),
    /// so keeping the path costs no reference counting.
    var path = PathStack()
    /// Names that are not in the member table's pool (unknown members, `_name` keys), addressed by negative ids.
    var sideNames: [String] = []
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []
    /// Member names seen in the open objects, beyond the first 64 entries of a type (a stack; each object checks
    /// its own segment for duplicates). Entries below 64 are tracked in a bit mask per object.
    var seenEntries: [Int32] = []
    var seenNames: [String] = []
    /// Children of the open objects (a stack; each object moves its segment into an exact-size array).
    var childStack = ElementStack()
    /// Repeated string values share one storage (system URIs, references, codes).
    var strings = StringInterner()

    struct PathStep {
        /// Name id: >= 0 in the member table's pool, < 0 in `sideNames`.
        var name: Int32
        /// Array index, or -1 for a single value.
        var index: Int
    }

    /// Pool id of the name `resourceType` (an element of ExampleScenario.instance, so in the pool).
    let resourceTypeID: Int32?

    init(bytes: UnsafeBufferPointer<UInt8>, options: FHIRJSON.ParseOptions, definitions: FHIRDefinitions) {
        self.bytes = bytes
        self.options = options
        self.definitions = definitions
        self.members = JSONMemberTable.r4
        self.table = members.pointers
        self.resourceTypeID = members.resourceTypeNameID
    }

    /// The String of a name id.
    @inline(__always)
    func name(_ id: Int32) -> String {
        id >= 0 ? table.names[Int(id)] : sideNames[Int(-1 - id)]
    }

    /// Frees the manually managed buffers (children stack, interner). Call once when the parse ends.
    mutating func release() {
        childStack.release()
        strings.release()
        path.release()
    }

    /// A name id for any String (element names of the pool are not looked up: callers pass their ids).
    mutating func sideName(_ text: String) -> Int32 {
        sideNames.append(text)
        return -Int32(sideNames.count)
    }

    // MARK: Errors

    /// An error at a byte offset, with 1-based line and column (column counted in Unicode scalars).
    func error(_ code: FHIRParseError.Code, _ message: String, at offset: Int? = nil) -> FHIRParseError {
        let target = min(offset ?? position, bytes.count)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < target {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        index = lineStart
        while index < target {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return FHIRParseError(code, message, line: line, column: column, path: renderedPath)
    }

    var renderedPath: String {
        var text = ""
        let named = path.steps.map { (name: name($0.name), index: $0.index) }
        // Very deep paths (a nesting attack) are shortened in the middle.
        let steps = named.count > 24
            ? Array(named.prefix(8)) + [(name: "...", index: -1)] + Array(named.suffix(8)) : named
        for (position, step) in steps.enumerated() {
            if position > 0 { text += "." }
            text += step.name
            if step.index >= 0 { text += "[\(step.index)]" }
        }
        return text
    }

    func describe(byteAt offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    // MARK: Scanning

    /// Skips JSON whitespace. Pretty-printed FHIR (Synthea, the R4 examples) is about 30% indentation: each step
    /// loads eight bytes and skips the run of spaces at their start in one go (the count of leading bytes equal
    /// to a space is the trailing zero bits of the word XOR eight spaces), then a newline, tab or return byte.
    @inline(__always)
    mutating func skipWhitespace() {
        guard let base = bytes.baseAddress else { return }
        while position + 8 <= bytes.count {
            let differing = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self) ^ 0x2020_2020_2020_2020
            if differing == 0 {
                position += 8
                continue
            }
            position += differing.trailingZeroBitCount >> 3
            let byte = base[position]
            guard byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
        while position < bytes.count {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    @inline(__always)
    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func expect(_ byte: UInt8, _ what: String) throws(FHIRParseError) {
        guard position < bytes.count else {
            throw error(.truncated, "Unexpected end of input: expected \(what)")
        }
        guard bytes[position] == byte else {
            throw error(.syntax, "Expected \(what), found \(describe(byteAt: position))")
        }
        position += 1
    }

    mutating func enterContainer() throws(FHIRParseError) {
        depth += 1
        if depth > options.maxDepth {
            throw error(.nestingTooDeep, "JSON nesting deeper than \(options.maxDepth) levels")
        }
    }

    /// Reads a string starting at the opening quote. Validates UTF-8 and escapes; refuses control characters.
    mutating func readString() throws(FHIRParseError) -> String {
        let start = position
        position += 1
        let contentStart = position
        while position < bytes.count {
            skipPlainASCII()
            guard position < bytes.count else { break }
            let byte = bytes[position]
            if byte == 0x22 {
                let text = strings.string(for: UnsafeBufferPointer(rebasing: bytes[contentStart..<position]))
                position += 1
                return text
            }
            if byte == 0x5C { return try readEscapedString(contentStart: contentStart) }
            if byte < 0x20 {
                throw error(.syntax, "Control character 0x\(String(byte, radix: 16)) in a string must be escaped")
            }
            if byte < 0x80 {
                position += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        throw error(.truncated, "Unterminated string", at: start)
    }

    /// Skips 8 bytes at a time while none is a quote, a backslash, a control character or non-ASCII;
    /// long narratives and base64 data are mostly such runs.
    @inline(__always)
    private mutating func skipPlainASCII() {
        guard let base = bytes.baseAddress else { return }
        while position + 8 <= bytes.count {
            let special = JSONReader.specialBytes(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            if special != 0 {
                position += special.trailingZeroBitCount >> 3
                return
            }
            position += 8
        }
    }

    /// SWAR (bit tricks on a 64-bit little-endian word): the high bit of each byte that is a quote, a backslash, a
    /// control character or non-ASCII. Bytes above the first flagged one may be flagged falsely (borrows), so only
    /// the lowest flag is meaningful: `trailingZeroBitCount >> 3` is the offset of the first special byte.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (word &- ones &* 0x20) | word
        return special & highs
    }

    private mutating func readEscapedString(contentStart: Int) throws(FHIRParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case 0x22:
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            case 0x5C:
                let escapeStart = position
                position += 1
                guard position < bytes.count else { break }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case 0x22, 0x5C, 0x2F: scratch.append(escaped)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4(escapeStart: escapeStart)
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        guard position + 1 < bytes.count, bytes[position] == 0x5C, bytes[position + 1] == 0x75 else {
                            throw error(.invalidUTF8, "Unpaired UTF-16 surrogate in \\u escape", at: escapeStart)
                        }
                        position += 2
                        let low = try readHex4(escapeStart: escapeStart)
                        guard low >= 0xDC00 && low < 0xE000 else {
                            throw error(.invalidUTF8, "Unpaired UTF-16 surrogate in \\u escape", at: escapeStart)
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        throw error(.invalidUTF8, "Unpaired UTF-16 surrogate in \\u escape", at: escapeStart)
                    }
                    appendUTF8(scalar)
                default:
                    throw error(.syntax, "Invalid escape sequence in string", at: escapeStart)
                }
            default:
                if byte < 0x20 {
                    throw error(.syntax, "Control character 0x\(String(byte, radix: 16)) in a string must be escaped")
                }
                if byte < 0x80 {
                    // Copy the whole run of plain characters up to the next quote, escape or special byte.
                    let runStart = position
                    position += 1
                    skipPlainASCII()
                    while position < bytes.count {
                        let next = bytes[position]
                        if next == 0x22 || next == 0x5C || next < 0x20 || next >= 0x80 { break }
                        position += 1
                    }
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                } else {
                    let sequenceStart = position
                    try skipUTF8Sequence()
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[sequenceStart..<position]))
                }
            }
        }
        throw error(.truncated, "Unterminated string", at: contentStart - 1)
    }

    private mutating func readHex4(escapeStart: Int) throws(FHIRParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error(.truncated, "Truncated \\u escape", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw error(.syntax, "Invalid \\u escape", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (scalar >> 18)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Validates one multi-byte UTF-8 sequence at `position` (RFC 3629: no overlongs, surrogates or > U+10FFFF).
    private mutating func skipUTF8Sequence() throws(FHIRParseError) {
        let lead = bytes[position]
        let length: Int
        var lowerBound: UInt8 = 0x80
        var upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default:
            throw error(.invalidUTF8, "Invalid UTF-8 byte 0x\(String(lead, radix: 16, uppercase: true))")
        }
        guard position + length <= bytes.count else {
            throw error(.invalidUTF8, "Truncated UTF-8 sequence")
        }
        let second = bytes[position + 1]
        guard second >= lowerBound && second <= upperBound else {
            throw error(.invalidUTF8, "Invalid UTF-8 sequence")
        }
        var index = 2
        while index < length {
            guard bytes[position + index] & 0xC0 == 0x80 else {
                throw error(.invalidUTF8, "Invalid UTF-8 sequence")
            }
            index += 1
        }
        position += length
    }

    /// Reads a JSON number and returns its exact text. Grammar: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    mutating func readNumber() throws(FHIRParseError) -> String {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, first >= 0x30 && first <= 0x39 else {
            throw error(.syntax, "Invalid number: expected a digit, found \(describe(byteAt: position))", at: start)
        }
        position += 1
        if first == 0x30, let next = current, next >= 0x30 && next <= 0x39 {
            throw error(.syntax, "Invalid number: leading zeros are not allowed", at: start)
        } else if first != 0x30 {
            skipDigits()
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard skipDigits() > 0 else {
                throw error(.syntax, "Invalid number: digits must follow the decimal point", at: start)
            }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard skipDigits() > 0 else {
                throw error(.syntax, "Invalid number: digits must follow the exponent", at: start)
            }
        }
        guard position - start <= options.maxNumberLength else {
            throw error(
                .valueTooLong, "Number of \(position - start) characters exceeds the limit of \(options.maxNumberLength)",
                at: start)
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    @discardableResult
    private mutating func skipDigits() -> Int {
        let start = position
        while position < bytes.count, bytes[position] >= 0x30 && bytes[position] <= 0x39 { position += 1 }
        return position - start
    }

    /// Reads `true`, `false` or `null`; returns the literal.
    mutating func readLiteral() throws(FHIRParseError) -> StaticString {
        let start = position
        for literal: StaticString in ["true", "false", "null"] {
            let length = literal.utf8CodeUnitCount
            if position + length <= bytes.count {
                var matches = true
                let pointer = literal.utf8Start
                for offset in 0..<length where bytes[position + offset] != pointer[offset] {
                    matches = false
                    break
                }
                if matches {
                    position += length
                    return literal
                }
            }
        }
        if position >= bytes.count { throw error(.truncated, "Unexpected end of input: expected a value") }
        for literal: StaticString in ["true", "false", "null"] where bytes.count - position < literal.utf8CodeUnitCount {
            // The input ends inside a literal: report truncation, not a bad value.
            let rest = UnsafeBufferPointer(rebasing: bytes[position...])
            if rest.elementsEqual(UnsafeBufferPointer(start: literal.utf8Start, count: rest.count)) {
                throw error(.truncated, "Unexpected end of input inside '\(literal)'", at: start)
            }
        }
        throw error(.syntax, "Invalid value starting with \(describe(byteAt: start))", at: start)
    }

    /// Skips any JSON value (used to look ahead for `resourceType`). Checks syntax loosely; the real read follows.
    mutating func skipValue() throws(FHIRParseError) {
        skipWhitespace()
        guard let byte = current else { throw error(.truncated, "Unexpected end of input: expected a value") }
        switch byte {
        case 0x22: _ = try readString()
        case 0x7B, 0x5B:
            try enterContainer()
            defer { depth -= 1 }
            let close: UInt8 = byte == 0x7B ? 0x7D : 0x5D
            position += 1
            skipWhitespace()
            if current == close { position += 1; return }
            while true {
                if byte == 0x7B {
                    skipWhitespace()
                    guard current == 0x22 else { throw error(.syntax, "Expected a member name") }
                    _ = try readString()
                    skipWhitespace()
                    try expect(0x3A, "':'")
                }
                try skipValue()
                skipWhitespace()
                if current == 0x2C { position += 1; continue }
                try expect(close, close == 0x7D ? "',' or '}'" : "',' or ']'")
                return
            }
        case 0x2D, 0x30...0x39: _ = try readNumber()
        default: _ = try readLiteral()
        }
    }
}
