/// Lexical rules of the FHIR R4 primitive types (the `regex` of each StructureDefinition, plus the ranges and
/// calendar checks the regexes cannot express). Hand-written scanners: no regex engine on the hot path.
enum PrimitiveFormat {
    /// Why `text` is not a valid `typeName`, or `nil` when it is (or the type has no lexical rule here).
    static func problem(_ text: String, type typeName: String) -> String? {
        let bytes = Array(text.utf8)
        switch typeName {
        case "boolean":
            return text == "true" || text == "false" ? nil : "must be 'true' or 'false'"
        case "integer":
            return integerProblem(bytes, allowSign: true, minimum: -2_147_483_648)
        case "unsignedInt":
            return integerProblem(bytes, allowSign: false, minimum: 0)
        case "positiveInt":
            let digits = bytes.first == UInt8(ascii: "+") ? Array(bytes.dropFirst()) : bytes
            return integerProblem(digits, allowSign: false, minimum: 1)
        case "decimal":
            return JSONWriter.isJSONNumber(text) ? nil : "is not a decimal number"
        case "id":
            guard (1...64).contains(bytes.count) else { return "must be 1 to 64 characters" }
            return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
                ? nil : "may contain only letters, digits, '-' and '.'"
        case "code":
            guard let first = bytes.first, let last = bytes.last, !isWhitespace(first), !isWhitespace(last) else {
                return "must not start or end with whitespace"
            }
            for index in 1..<bytes.count where isWhitespace(bytes[index]) {
                if bytes[index] != 0x20 || isWhitespace(bytes[index - 1]) {
                    return "may contain only single spaces between non-whitespace characters"
                }
            }
            return nil
        case "uri", "url", "canonical":
            return bytes.contains(where: isWhitespace) ? "must not contain whitespace" : nil
        case "oid":
            return oidProblem(bytes)
        case "uuid":
            return uuidProblem(bytes)
        case "string", "markdown":
            return bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
                ? "contains a control character" : nil
        case "date":
            var scanner = DateScanner(bytes)
            guard scanner.date(), scanner.atEnd else { return "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)" }
            return scanner.calendarProblem
        case "dateTime":
            var scanner = DateScanner(bytes)
            guard scanner.date() else { return "is not a dateTime" }
            if !scanner.atEnd {
                guard scanner.hasFullDate, scanner.consume(UInt8(ascii: "T")), scanner.time(), scanner.timeZone(),
                      scanner.atEnd
                else { return "is not a dateTime (a time needs a full date and a time zone)" }
            }
            return scanner.calendarProblem
        case "instant":
            var scanner = DateScanner(bytes)
            guard scanner.date(), scanner.hasFullDate, scanner.consume(UInt8(ascii: "T")), scanner.time(),
                  scanner.timeZone(), scanner.atEnd
            else { return "is not an instant (YYYY-MM-DDThh:mm:ss[.sss] with a time zone)" }
            return scanner.calendarProblem
        case "time":
            var scanner = DateScanner(bytes)
            return scanner.time() && scanner.atEnd ? nil : "is not a time (hh:mm:ss[.sss])"
        case "base64Binary":
            return Base64.isValid(text) ? nil : "is not valid base64"
        default:
            return nil
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func integerProblem(_ bytes: [UInt8], allowSign: Bool, minimum: Int) -> String? {
        var digits = bytes[...]
        if digits.first == UInt8(ascii: "-") {
            guard allowSign else { return "must not be negative" }
            digits = digits.dropFirst()
        }
        guard let first = digits.first, digits.allSatisfy(isDigit) else { return "is not an integer" }
        if first == 0x30 && digits.count > 1 { return "must not have leading zeros" }
        guard digits.count <= 11, let value = Int(String(decoding: bytes, as: UTF8.self)),
              value <= 2_147_483_647, value >= -2_147_483_648
        else { return "is out of the 32-bit integer range" }
        if value < minimum { return minimum == 1 ? "must be at least 1" : "must not be negative" }
        return nil
    }

    private static func oidProblem(_ bytes: [UInt8]) -> String? {
        let prefix = Array("urn:oid:".utf8)
        guard bytes.starts(with: prefix) else { return "must start with 'urn:oid:'" }
        let arcs = bytes.dropFirst(prefix.count).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard arcs.count >= 2, let first = arcs.first, first.count == 1, (0x30...0x32).contains(first.first!),
              arcs.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) && ($0.count == 1 || $0.first != 0x30) })
        else { return "is not an OID (urn:oid:[0-2](.digits)+)" }
        return nil
    }

    private static func uuidProblem(_ bytes: [UInt8]) -> String? {
        let prefix = Array("urn:uuid:".utf8)
        guard bytes.starts(with: prefix) else { return "must start with 'urn:uuid:'" }
        let body = Array(bytes.dropFirst(prefix.count))
        let groups = [8, 4, 4, 4, 12]
        var index = 0
        for (number, length) in groups.enumerated() {
            for _ in 0..<length {
                guard index < body.count, isDigit(body[index]) || (0x61...0x66).contains(body[index]) else {
                    return "is not a lower-case UUID"
                }
                index += 1
            }
            if number < 4 {
                guard index < body.count, body[index] == UInt8(ascii: "-") else { return "is not a lower-case UUID" }
                index += 1
            }
        }
        return index == body.count ? nil : "is not a lower-case UUID"
    }
}

/// Scans FHIR date, time and time-zone parts.
struct DateScanner {
    let bytes: [UInt8]
    var index = 0
    var year = 0
    var month = 0
    var day = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }
    var hasFullDate: Bool { day > 0 }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func number(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    /// `YYYY(-MM(-DD)?)?` with year 0001-9999 (R4 forbids year 0000).
    mutating func date() -> Bool {
        guard let year = number(4), year >= 1 else { return false }
        self.year = year
        guard consume(UInt8(ascii: "-")) else { return true }
        guard let month = number(2), (1...12).contains(month) else { return false }
        self.month = month
        guard consume(UInt8(ascii: "-")) else { return true }
        guard let day = number(2), (1...31).contains(day) else { return false }
        self.day = day
        return true
    }

    /// `hh:mm:ss(.fraction)?`, seconds up to 60 (leap second).
    mutating func time() -> Bool {
        guard let hour = number(2), hour <= 23, consume(UInt8(ascii: ":")),
              let minute = number(2), minute <= 59, consume(UInt8(ascii: ":")),
              let second = number(2), second <= 60
        else { return false }
        if consume(UInt8(ascii: ".")) {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
            return index > start
        }
        return true
    }

    /// `Z` or `+hh:mm` / `-hh:mm` up to 14:00.
    mutating func timeZone() -> Bool {
        if consume(UInt8(ascii: "Z")) { return true }
        guard consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-")) else { return false }
        guard let hour = number(2), consume(UInt8(ascii: ":")), let minute = number(2), minute <= 59 else {
            return false
        }
        return hour < 14 || (hour == 14 && minute == 0)
    }

    /// A day that does not exist in its month (e.g. 2023-02-29).
    var calendarProblem: String? {
        guard day > 0 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days ? nil : "has day \(day) but month \(month) of \(year) has \(days) days"
    }
}
