import Foundation
import Testing
@testable import FHIR

/// Mutated documents never crash or hang the reader, the validator or the writer: every truncation and a fixed
/// set of byte flips of a realistic resource either parse or throw a located `FHIRParseError`.
@Suite("FHIR JSON robustness")
struct FHIRJSONRobustnessTests {
    static let document: [UInt8] = {
        let url = Bundle.module.url(forResource: "Fixtures/documentreference-note", withExtension: "json")!
        return [UInt8](try! Data(contentsOf: url))
    }()

    @Test("every truncation is rejected with a position inside the input")
    func truncations() {
        for length in 0..<Self.document.lastIndex(of: UInt8(ascii: "}"))! {
            let prefix = Array(Self.document[..<length])
            do {
                _ = try FHIRJSON.parse(prefix)
                Issue.record("accepted a truncation at \(length)")
            } catch {
                #expect(error.code == .truncated || error.code == .syntax, "length \(length): \(error)")
                #expect((error.line ?? 0) >= 1 && (error.column ?? 0) >= 1)
            }
        }
    }

    @Test("byte flips parse or fail cleanly, and whatever parses validates and re-serializes")
    func byteFlips() {
        var generator = SplitMix64(seed: 0x5EED)
        let replacements: [UInt8] = [0x00, 0x22, 0x2C, 0x3A, 0x5B, 0x5D, 0x7B, 0x7D, 0x5C, 0x6E, 0x30, 0x80, 0xFF, 0xC3]
        var parsed = 0
        for _ in 0..<2_000 {
            var bytes = Self.document
            let position = Int(generator.next() % UInt64(bytes.count))
            bytes[position] = replacements[Int(generator.next() % UInt64(replacements.count))]
            do {
                let tree = try FHIRJSON.parse(bytes)
                parsed += 1
                _ = FHIRValidator().validate(tree)
                let written = FHIRJSON.serializeBytes(tree)
                #expect(FHIRJSON.serializeBytes(try FHIRJSON.parse(written)) == written)
            } catch {
                #expect(error.line != nil || error.code == .inputTooLarge)
            }
        }
        #expect(parsed > 0)
    }
}

/// A small deterministic generator so the mutations are the same on every run.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
