import Testing
@testable import Gateway

@Suite struct StrictBase64Tests {
    @Test func decodesPaddedAndWrapped() throws {
        #expect(try StrictBase64.decode("aGVsbG8=") == Array("hello".utf8))
        #expect(try StrictBase64.decode("aGVs\r\nbG8h") == Array("hello!".utf8))
        #expect(try StrictBase64.decode("aGk=") == Array("hi".utf8))
        #expect(try StrictBase64.decode("aA==") == Array("h".utf8))
        #expect(try StrictBase64.decode("") == [])
    }

    @Test(arguments: [
        ("aGVsbG8*", StrictBase64.DecodingError(reason: .invalidCharacter, offset: 7)),
        ("aGVsbG8", StrictBase64.DecodingError(reason: .truncated, offset: 4)),
        ("aG=sbG8=", StrictBase64.DecodingError(reason: .misplacedPadding, offset: 2)),
        ("aGk=aGk=", StrictBase64.DecodingError(reason: .misplacedPadding, offset: 3)),
        ("aGl=", StrictBase64.DecodingError(reason: .nonZeroPaddingBits, offset: 0)),
        ("aB==", StrictBase64.DecodingError(reason: .nonZeroPaddingBits, offset: 0)),
        ("a===", StrictBase64.DecodingError(reason: .misplacedPadding, offset: 1)),
        ("aGVsbG8-", StrictBase64.DecodingError(reason: .invalidCharacter, offset: 7)),
    ])
    func rejectsNonStrictInput(text: String, expected: StrictBase64.DecodingError) {
        #expect(throws: expected) { try StrictBase64.decode(text) }
    }
}

@Suite struct CharsetDecoderTests {
    @Test func utf8IsDefaultAndBOMIsStripped() throws {
        #expect(try CharsetDecoder.decode([0xEF, 0xBB, 0xBF] + Array("café".utf8), charset: nil) == "café")
        #expect(try CharsetDecoder.decode(Array("naïve".utf8), charset: .utf8) == "naïve")
    }

    @Test func invalidUTF8ReportsByteOffset() {
        #expect(throws: CharsetDecoder.DecodingError(charset: .utf8, byteOffset: 3, reason: "invalid sequence of 1 byte(s)")) {
            try CharsetDecoder.decode([0x61, 0x62, 0x63, 0xE9, 0x64], charset: nil)
        }
    }

    @Test func latin1AndWindows1252() throws {
        #expect(try CharsetDecoder.decode([0x63, 0x61, 0x66, 0xE9], charset: .latin1) == "café")
        #expect(try CharsetDecoder.decode([0x93, 0x6F, 0x6B, 0x94, 0x20, 0x80, 0x96], charset: .windows1252) == "\u{201C}ok\u{201D} €–")
        #expect(try CharsetDecoder.decode([0x80], charset: .latin1) == "\u{80}")
    }

    @Test func utf16WithAndWithoutBOM() throws {
        let le: [UInt8] = [0xFF, 0xFE, 0x68, 0x00, 0xE9, 0x00, 0x3D, 0xD8, 0x00, 0xDE]
        #expect(try CharsetDecoder.decode(le, charset: .utf16) == "hé😀")
        #expect(try CharsetDecoder.decode(le, charset: nil) == "hé😀")
        #expect(try CharsetDecoder.decode([0xFE, 0xFF, 0x00, 0x68], charset: .utf16) == "h")
        #expect(try CharsetDecoder.decode([0x00, 0x68, 0x00, 0x69], charset: .utf16BE) == "hi")
        #expect(throws: CharsetDecoder.DecodingError.self) { try CharsetDecoder.decode([0x68, 0x00], charset: .utf16) }
        #expect(throws: CharsetDecoder.DecodingError.self) { try CharsetDecoder.decode([0xFF, 0xFE, 0x68], charset: .utf16) }
        #expect(throws: CharsetDecoder.DecodingError.self) { try CharsetDecoder.decode([0xFF, 0xFE, 0x00, 0xDC], charset: .utf16) }
    }

    @Test func labels() {
        #expect(CharsetDecoder.Charset(label: "UTF-8") == .utf8)
        #expect(CharsetDecoder.Charset(label: "Latin1") == .latin1)
        #expect(CharsetDecoder.Charset(label: "cp1252") == .windows1252)
        #expect(CharsetDecoder.Charset(label: "ebcdic") == nil)
    }

    @Test func mediaTypeParsing() {
        let type = MediaType(parsing: "Text/HTML; Charset=\"ISO-8859-1\"")
        #expect(type?.essence == "text/html")
        #expect(type?.charset == "ISO-8859-1")
        #expect(type?.textKind == .html)
        #expect(MediaType(parsing: "application/pdf")?.textKind == nil)
        #expect(MediaType(parsing: "garbage") == nil)
    }
}

@Suite struct HTMLTextStripperTests {
    @Test func blocksBecomeLinesAndEntitiesDecode() {
        let html = """
            <!DOCTYPE html><html><head><title>Note</title><style>p { color: red }</style></head>
            <body><h1>Assessment</h1><p>Patient   has&nbsp;hypertension &amp; type&#32;2 diabetes.</p>
            <!-- reviewed --><ul><li>Aspirin 81&#xA0;mg</li><li>Temp 38&deg;C</li></ul>
            <table><tr><td>Na</td><td>140</td></tr></table>x &lt; y &unknown; a&b<br/>end</body></html>
            """
        #expect(HTMLTextStripper.plainText(fromMarkup: html) == """
            Assessment
            Patient has hypertension & type 2 diabetes.
            Aspirin 81 mg
            Temp 38°C
            Na 140
            x < y &unknown; a&b
            end

            """)
    }

    @Test func preformattedKeepsWhitespaceAndScriptIsDropped() {
        let html = "<div>a<script>var x = '<p>';</script></div><pre>  two\n  lines</pre><p>b</p>"
        #expect(HTMLTextStripper.plainText(fromMarkup: html) == "a\n  two\n  lines\nb\n")
    }

    @Test func xhtmlNamespacesAndCDATA() {
        let xhtml = #"<x:div xmlns:x="http://www.w3.org/1999/xhtml"><x:p title="a > b">One</x:p><x:p><![CDATA[Two <b>]]></x:p></x:div>"#
        #expect(HTMLTextStripper.plainText(fromMarkup: xhtml) == "One\nTwo <b>\n")
    }
}
