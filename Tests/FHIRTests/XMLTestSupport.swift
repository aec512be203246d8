import CLibXML2
import Foundation
@testable import FHIR

/// An independent canonical form of an XML document for comparing writer output with the official XML:
/// one line per element start (namespace, name, sorted attributes), text and element end. Comments, processing
/// instructions and whitespace-only text are dropped (insignificant in FHIR XML and in rendered XHTML), and runs
/// of whitespace in text become one space.
enum XMLCanonicalForm {
    static func lines(_ bytes: [UInt8]) throws -> [String] {
        try bytes.withUnsafeBytes { buffer in
            let reader = try LibXMLStreamReader(buffer: buffer)
            var lines: [String] = []
            while try reader.read() {
                switch reader.nodeType {
                case LibXMLStreamReader.NodeType.element:
                    guard let node = reader.currentNode else { continue }
                    let namespace = node.pointee.ns?.pointee.href.map { String(cString: $0) } ?? ""
                    var attributes: [String] = []
                    var attribute = node.pointee.properties
                    while let current = attribute {
                        attribute = current.pointee.next
                        let value = xmlNodeListGetString(current.pointee.doc, current.pointee.children, 1)
                        defer { notegate_xmlFree(value) }
                        let attributeNamespace = current.pointee.ns?.pointee.href.map { String(cString: $0) } ?? ""
                        attributes.append(
                            "{\(attributeNamespace)}\(String(cString: current.pointee.name))="
                                + "\(value.map { String(cString: $0) } ?? "")")
                    }
                    lines.append("<{\(namespace)}\(String(cString: node.pointee.name)) \(attributes.sorted())")
                    if reader.isEmptyElement { lines.append("</>") }
                case LibXMLStreamReader.NodeType.endElement:
                    lines.append("</>")
                case LibXMLStreamReader.NodeType.text, LibXMLStreamReader.NodeType.cdata,
                    LibXMLStreamReader.NodeType.whitespace, LibXMLStreamReader.NodeType.significantWhitespace:
                    let text = reader.constValue.map { String(cString: $0) } ?? ""
                    if !text.allSatisfy(\.isWhitespace) {
                        lines.append("#" + text)
                    }
                default:
                    break
                }
            }
            // Adjacent text nodes (split around a dropped comment) are one text.
            var merged: [String] = []
            for line in lines {
                if line.hasPrefix("#"), let last = merged.last, last.hasPrefix("#") {
                    merged[merged.count - 1] = last + line.dropFirst()
                } else {
                    merged.append(line)
                }
            }
            // Inside the narrative, runs of whitespace render as one space.
            return merged.map { line in
                guard line.hasPrefix("#") else { return line }
                return "#" + line.dropFirst().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
        }
    }

    /// The first differing line of two canonical forms, for failure messages.
    static func firstDifference(_ left: [String], _ right: [String]) -> String {
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : "<end>"
            let b = index < right.count ? right[index] : "<end>"
            if a != b { return "line \(index): \(a.prefix(160)) ≠ \(b.prefix(160))" }
        }
        return "equal"
    }
}

/// A tree in a comparable form that keeps primitive kinds (unlike `CanonicalTree`): siblings of different names
/// sorted by name (repetitions keep their order), narrative markup canonicalized.
struct TypedComparableTree: Equatable {
    let element: FHIRElement

    init(_ element: FHIRElement) throws {
        self.element = try Self.normalize(element)
    }

    static func normalize(_ element: FHIRElement) throws -> FHIRElement {
        var copy = element
        if let markup = element.xhtml {
            copy.xhtml = collapsingWhitespace(try XHTMLMarkup.canonical(markup, sortingAttributes: true))
        }
        copy.children = try element.children.map(normalize).enumerated().sorted {
            ($0.element.name, $0.offset) < ($1.element.name, $1.offset)
        }.map(\.element)
        return copy
    }

    /// Whitespace between tags dropped and runs of whitespace made one space: how XHTML renders, and the only
    /// liberty the FHIR build tool takes between the XML and JSON spellings of one narrative.
    static func collapsingWhitespace(_ markup: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in markup {
            if character.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace, character != "<", out.last != ">" { out.append(" ") }
            pendingSpace = false
            out.append(character)
        }
        return out
    }

    /// A readable description of the first difference.
    static func difference(_ left: FHIRElement, _ right: FHIRElement, path: String = "") -> String? {
        let here = path.isEmpty ? left.name : path + "." + left.name
        if left.name != right.name { return "\(here): name \(left.name) ≠ \(right.name)" }
        if left.value != right.value {
            return "\(here): value \(String(describing: left.value)) ≠ \(String(describing: right.value))"
        }
        if left.id != right.id { return "\(here): id \(left.id ?? "nil") ≠ \(right.id ?? "nil")" }
        if left.resourceType != right.resourceType { return "\(here): resourceType differs" }
        if left.xhtml != right.xhtml {
            return "\(here): xhtml \(left.xhtml?.prefix(120) ?? "nil") ≠ \(right.xhtml?.prefix(120) ?? "nil")"
        }
        if left.children.count != right.children.count {
            return "\(here): \(left.children.map(\.name)) ≠ \(right.children.map(\.name))"
        }
        for (a, b) in zip(left.children, right.children) {
            if let found = difference(a, b, path: here) { return found }
        }
        return nil
    }
}
