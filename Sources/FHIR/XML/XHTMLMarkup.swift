import Foundation

/// Narrative markup as text (the `text.div` string of JSON).
enum XHTMLMarkup {
    /// The markup rewritten in the reader's canonical style (see `XHTMLMarkupReader`), so two spellings of the
    /// same XHTML (`&quot;` or `"`, `<br></br>` or `<br/>`, prefixes) compare equal. Throws when the text is not
    /// a well-formed XHTML `div`.
    static func canonical(_ markup: String, sortingAttributes: Bool = false) throws(FHIRParseError) -> String {
        let data = Data(markup.utf8)
        do {
            return try data.withUnsafeBytes { buffer throws(FHIRParseError) -> String in
                let reader = try LibXMLStreamReader(buffer: buffer)
                while try reader.read() {
                    guard reader.nodeType == LibXMLStreamReader.NodeType.element else {
                        if reader.nodeType == LibXMLStreamReader.NodeType.documentType {
                            throw FHIRParseError(.forbiddenConstruct, "XHTML: DOCTYPE is not allowed")
                        }
                        continue
                    }
                    guard let node = reader.currentNode, XMLNames.kind(of: node.pointee.ns) == .xhtml,
                        XMLNames.string(node.pointee.name) == "div"
                    else {
                        throw FHIRParseError(.xmlNamespace, "XHTML: the narrative must be an XHTML <div>")
                    }
                    let text = try XHTMLMarkupReader(reader: reader, sortsAttributes: sortingAttributes).readDiv(node)
                    while try reader.read() {}  // libxml2 reports trailing content
                    return text
                }
                throw FHIRParseError(.emptyValue, "XHTML: no <div> element")
            }
        } catch let error as FHIRParseError {
            throw error
        } catch {
            throw FHIRParseError(.syntax, "XHTML: \(error)")
        }
    }
}
