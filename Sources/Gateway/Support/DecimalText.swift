/// Fixed-point text for FHIR decimals NoteGate writes (scores): never exponent notation, at most `digits`
/// fraction digits, trailing zeros dropped but at least one kept (`0.9`, `1.0`). Deterministic across platforms.
enum DecimalText {
    static func format(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return "0.0" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale)
        var fraction = String(scaled % Int64(scale))
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        while fraction.count > 1, fraction.hasSuffix("0") { fraction.removeLast() }
        return (value < 0 && scaled != 0 ? "-" : "") + "\(whole).\(fraction)"
    }
}
