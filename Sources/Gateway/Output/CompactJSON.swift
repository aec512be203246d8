import FHIR

/// A compact JSON byte buffer for writers that know their document's shape (`ResourceEmitter.appendJSON`,
/// `CollectionBundleJSON`). A member's comma is decided from the byte before it: none right after `{`.
/// Members whose value is absent or empty are left out, as `FHIRJSON.serialize` leaves out empty elements.
struct CompactJSON {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func open() { bytes.append(UInt8(ascii: "{")) }
    mutating func close() { bytes.append(UInt8(ascii: "}")) }

    mutating func raw(_ byte: UInt8) { bytes.append(byte) }
    mutating func raw(_ part: [UInt8]) { bytes.append(contentsOf: part) }
    mutating func raw(_ part: ArraySlice<UInt8>) { bytes.append(contentsOf: part) }
    mutating func raw(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) { FHIRJSON.appendString(text, to: &bytes) }

    mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { digit in
            repeat {
                digit[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(digit[index]) }
        }
    }

    /// `"name":` (preceded by a comma unless it opens its object).
    mutating func key(_ name: StaticString) {
        if let last = bytes.last, last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// `"name":"value"`, left out when the value is absent or empty.
    mutating func member(_ name: StaticString, string value: String?) {
        guard let value, !value.isEmpty else { return }
        key(name)
        string(value)
    }

    /// `"name":<value>` for an already rendered value, left out when it is empty.
    mutating func member(_ name: StaticString, raw value: [UInt8]) {
        guard !value.isEmpty else { return }
        key(name)
        raw(value)
    }

    /// `"name":[<value>]`: a one-item array member, left out when the item is empty.
    mutating func arrayMember(_ name: StaticString, raw value: [UInt8]) {
        guard !value.isEmpty else { return }
        key(name)
        bytes.append(UInt8(ascii: "["))
        raw(value)
        bytes.append(UInt8(ascii: "]"))
    }

    /// `"name":{"end":"date"}` (a Period with only its end), left out without a date.
    mutating func periodEnd(_ name: StaticString, _ date: String?) {
        guard let date, !date.isEmpty else { return }
        key(name)
        raw(#"{"end":"#)
        string(date)
        close()
    }
}
