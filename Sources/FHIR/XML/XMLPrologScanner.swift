/// Finds a DOCTYPE declaration in the prolog before libxml2 sees the document.
///
/// libxml2's reader parses ahead of the node it reports, so by the time it would hand over the DOCTYPE node it may
/// already have parsed the internal subset and the first elements (and reported entity errors from there). A
/// DOCTYPE can only stand in the prolog — after the XML declaration, comments and processing instructions and
/// before the root element — so this short scan refuses it up front with its exact position.
enum XMLPrologScanner {
    /// Line and column (1-based, columns in bytes) of `<!DOCTYPE`, or nil when the prolog has none.
    static func doctypePosition(in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int)? {
        var index = 0
        var line = 1
        var lineStart = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }

        func starts(with literal: StaticString, at position: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            let pointer = literal.utf8Start
            for offset in 0..<count where bytes[position + offset] != pointer[offset] { return false }
            return true
        }

        /// Moves past `terminator`, counting lines; false when the input ends first.
        func skip(past terminator: StaticString) -> Bool {
            while index < bytes.count {
                if starts(with: terminator, at: index) {
                    index += terminator.utf8CodeUnitCount
                    return true
                }
                if bytes[index] == 0x0A {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
            return false
        }

        while index < bytes.count {
            switch bytes[index] {
            case 0x0A:
                line += 1
                index += 1
                lineStart = index
            case 0x20, 0x09, 0x0D:
                index += 1
            case UInt8(ascii: "<"):
                if starts(with: "<!DOCTYPE", at: index) { return (line, index - lineStart + 1) }
                if starts(with: "<?", at: index) {
                    guard skip(past: "?>") else { return nil }
                } else if starts(with: "<!--", at: index) {
                    guard skip(past: "-->") else { return nil }
                } else {
                    return nil  // the root element: the prolog is over
                }
            default:
                return nil
            }
        }
        return nil
    }
}
