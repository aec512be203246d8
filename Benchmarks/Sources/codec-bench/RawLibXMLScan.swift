import CLibXML2
import Foundation

/// The reference point for XML parsing: libxml2's xmlReader walking every node and every attribute value of a
/// document with the same safe options as the FHIR reader, but building nothing (no Strings, no tree).
enum RawLibXMLScan {
    /// Returns a checksum (node count plus attribute value lengths) so the work cannot be optimised away.
    static func scan(_ document: Data) -> Int {
        document.withUnsafeBytes { buffer -> Int in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self),
                let reader = xmlReaderForMemory(
                    base, Int32(buffer.count), nil, "UTF-8",
                    Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue))
            else { return -1 }
            defer { xmlFreeTextReader(reader) }
            var checksum = 0
            while xmlTextReaderRead(reader) == 1 {
                checksum &+= Int(xmlTextReaderNodeType(reader))
                guard xmlTextReaderNodeType(reader) == 1, let node = xmlTextReaderCurrentNode(reader) else { continue }
                var attribute = node.pointee.properties
                while let current = attribute {
                    if let text = current.pointee.children?.pointee.content { checksum &+= strlen(text) }
                    attribute = current.pointee.next
                }
            }
            return checksum
        }
    }
}
