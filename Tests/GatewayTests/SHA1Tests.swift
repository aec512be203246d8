import Foundation
import Testing
@testable import Gateway

@Suite("SHA-1 and name-based UUID text")
struct SHA1Tests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("FIPS 180 test vectors, including messages that end at and across the padding boundary")
    func vectors() {
        #expect(Self.hex(SHA1.hash(Array("".utf8))) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(Self.hex(SHA1.hash(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        // 56 bytes: the length no longer fits in the first block.
        #expect(Self.hex(SHA1.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        // 1,000 bytes of 'a' (many blocks).
        #expect(Self.hex(SHA1.hash([UInt8](repeating: 0x61, count: 1000))) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }

    @Test("The lower-case UUID text equals Foundation's uuidString, lower-cased")
    func uuidText() {
        for name in ["", "a", "DocumentReference/1\u{1F}10-20\u{1F}omop:201826\u{1F}Condition", "ü€😀"] {
            let uuid = NameBasedUUID.make(namespace: NameBasedUUID.noteGateNamespace, name: name)
            #expect(NameBasedUUID.lowercasedText(uuid) == uuid.uuidString.lowercased())
        }
    }

    @Test("A name written part by part gives the id of the same parts joined")
    func nameWriter() {
        let cases: [(String, Int, Int, String, String)] = [
            ("DocumentReference/1", 10, 20, "omop:201826", "Condition"),
            ("urn:uuid:0f2c", 0, 7, "text:chest pain", "Procedure"),
            ("http://example.org|note-ü", 123_456, 9_876_543, "text:ß \"x\"", "NOTE_NLP"),
        ]
        for (identity, start, end, concept, type) in cases {
            let joined = NameBasedUUID.id(identity, "\(start)-\(end)", concept, type)
            let written = NameBasedUUID.id(capacity: 8) { name in
                name.part(identity)
                name.beginPart()
                name.append(start)
                name.append("-")
                name.append(end)
                name.part(concept)
                name.part(type)
            }
            #expect(written == joined)
        }
        #expect(NameBasedUUID.id { $0.part("only") } == NameBasedUUID.id("only"))
        #expect(NameBasedUUID.id { $0.beginPart(); $0.append(-42) } == NameBasedUUID.id("-42"))
    }
}
