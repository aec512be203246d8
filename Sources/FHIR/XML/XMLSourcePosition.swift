import CLibXML2

/// Finds the column of an element's start tag in the source bytes, for error messages.
///
/// libxml2 records only the line of a node, and its parser position runs up to a chunk ahead of the node the
/// reader is on, so the column is recovered here: the first `<name` of the node's qualified name on that line.
/// Only used on the error path.
enum XMLSourcePosition {
    static func column(ofElement node: xmlNodePtr, line: Int, in buffer: UnsafeRawBufferPointer) -> Int? {
        guard line >= 1, let name = node.pointee.name else { return nil }
        var tag: [UInt8] = [UInt8(ascii: "<")]
        if let prefix = node.pointee.ns?.pointee.prefix {
            tag += Array(XMLNames.string(prefix).utf8) + [UInt8(ascii: ":")]
        }
        tag += Array(XMLNames.string(name).utf8)
        let bytes = buffer.bindMemory(to: UInt8.self)
        var lineStart = 0
        var currentLine = 1
        while currentLine < line {
            guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else { return nil }
            lineStart = newline + 1
            currentLine += 1
        }
        let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
        var position = lineStart
        while position + tag.count <= lineEnd {
            if bytes[position] == tag[0], bytes[position..<(position + tag.count)].elementsEqual(tag) {
                let after = position + tag.count
                // The name must end there (`<code` must not match `<coding`).
                if after >= bytes.count || !isNameByte(bytes[after]) { return position - lineStart + 1 }
            }
            position += 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: ":"):
            return true
        default:
            return byte >= 0x80
        }
    }
}
