import Foundation

/// RFC 9562 version-5 UUIDs: the same name in the same namespace always gives the same UUID, which is how
/// NoteGate makes the ids of emitted resources deterministic (reprocessing a document yields the same ids, so
/// transactions can create conditionally without duplicates).
public enum NameBasedUUID {
    /// NoteGate's namespace: itself the v5 UUID of "https://notegate.dev/fhir" in the RFC's URL namespace.
    public static let noteGateNamespace = make(namespace: UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!,
                                               name: "https://notegate.dev/fhir")

    public static func make(namespace: UUID, name: String) -> UUID {
        var message: [UInt8] = []
        message.reserveCapacity(SHA1.paddedCount(16 + name.utf8.count))
        withUnsafeBytes(of: namespace.uuid) { message.append(contentsOf: $0) }
        message.append(contentsOf: name.utf8)
        return make(message: &message)
    }

    /// The UUID of a message already holding the namespace bytes and the name.
    private static func make(message: inout [UInt8]) -> UUID {
        var digest = SHA1.hash(padding: &message)
        digest[6] = (digest[6] & 0x0F) | 0x50   // version 5
        digest[8] = (digest[8] & 0x3F) | 0x80   // RFC variant
        return UUID(uuid: (digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                           digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]))
    }

    /// Lower-case UUID text in NoteGate's namespace for a name made of parts joined by U+001F (unit separator,
    /// which cannot occur in FHIR ids, references or concept codes).
    public static func id(_ parts: String...) -> String {
        id(parts)
    }

    /// `id(parts)` with the name written straight into the hashed bytes (no joined String): `write` adds the
    /// parts in order. The id of every emitted resource is made this way.
    static func id(capacity: Int = 96, writing write: (inout NameWriter) -> Void) -> String {
        var writer = NameWriter(capacity: capacity)
        write(&writer)
        return lowercasedText(make(message: &writer.message))
    }

    /// The bytes of a name in NoteGate's namespace: parts joined by U+001F, as `id(_:)` joins them.
    struct NameWriter {
        fileprivate var message: [UInt8] = []
        private var parts = 0

        init(capacity: Int) {
            message.reserveCapacity(SHA1.paddedCount(16 + capacity))
            withUnsafeBytes(of: NameBasedUUID.noteGateNamespace.uuid) { message.append(contentsOf: $0) }
        }

        /// Starts a new part (the separator before every part but the first).
        mutating func beginPart() {
            if parts > 0 { message.append(0x1F) }
            parts += 1
        }

        /// Appends text to the current part.
        mutating func append(_ text: String) { message.append(contentsOf: text.utf8) }

        /// Appends a decimal integer to the current part (as `String(value)` writes it).
        mutating func append(_ value: Int) {
            if value < 0 { message.append(UInt8(ascii: "-")) }
            var magnitude = value.magnitude
            let start = message.count
            repeat {
                message.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            message[start...].reverse()
        }

        mutating func part(_ text: String) {
            beginPart()
            append(text)
        }
    }

    static func id(_ parts: [String]) -> String {
        lowercasedText(make(namespace: noteGateNamespace, name: parts.joined(separator: "\u{1F}")))
    }

    /// `uuid.uuidString.lowercased()` without the two intermediate strings (ids are made for every resource).
    static func lowercasedText(_ uuid: UUID) -> String {
        let hex: StaticString = "0123456789abcdef"
        return withUnsafeBytes(of: uuid.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var position = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        out[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    out[position] = hex.utf8Start[Int(bytes[index] >> 4)]
                    out[position + 1] = hex.utf8Start[Int(bytes[index] & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }
}
