@testable import FHIR

/// A tree compared without regard to the order of differently named siblings (writers reorder members by the
/// definitions), but with the order of repetitions of one name kept.
struct CanonicalTree: Equatable {
    let element: FHIRElement

    init(_ element: FHIRElement) {
        self.element = CanonicalTree.normalize(element)
    }

    static func normalize(_ element: FHIRElement) -> FHIRElement {
        var copy = element
        copy.children = element.children.map(normalize).enumerated().sorted {
            ($0.element.name, $0.offset) < ($1.element.name, $1.offset)
        }.map(\.element)
        // JSON kind is a reading detail; the value text is what must survive.
        if let value = copy.value { copy.value = FHIRPrimitive(value.text, kind: .string) }
        return copy
    }
}

/// Number literals outside strings in a JSON document (to check that decimal text survives).
enum NumberLiterals {
    static func all(in bytes: [UInt8]) -> [String] {
        var numbers: [String] = []
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == 0x5C { index += 2; continue }
                if byte == 0x22 { inString = false }
                index += 1
                continue
            }
            if byte == 0x22 { inString = true; index += 1; continue }
            if byte == 0x2D || (byte >= 0x30 && byte <= 0x39) {
                let start = index
                while index < bytes.count, "-+.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
                numbers.append(String(decoding: bytes[start..<index], as: UTF8.self))
                continue
            }
            index += 1
        }
        return numbers
    }
}
