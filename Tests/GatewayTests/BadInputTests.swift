import FHIR
import Foundation
import Testing
@testable import Gateway

/// Malformed documents get a precise issue (code, diagnostics, FHIRPath) while the other documents of the same
/// Bundle are processed.
@Suite struct BadInputTests {
    let good = documentReference(id: "good", attachments: [attachment(contentType: "text/plain", data: Array("Assessment:\nAsthma.\n".utf8))])

    func issues(for bad: FHIRElement) async throws -> (ExtractionResult, [OperationOutcome.Issue]) {
        let input = bundle([("urn:uuid:1", good), ("urn:uuid:2", bad)])
        let result = try await TestEngine.get().extract(input, recordedAt: TestPaths.recordedAt)
        // The good document is still processed.
        #expect(result.resources.contains { $0.resourceType == "Condition" && $0.string(path: "code.text") == "Asthma" })
        return (result, result.documents[1].issues)
    }

    @Test func badBase64() async throws {
        let (_, issues) = try await issues(for: documentReference(id: "b", attachments: [attachment(contentType: "text/plain", base64: "SGVsbG8*")]))
        #expect(issues.count == 1)
        #expect(issues.first?.code == .invalid)
        #expect(issues.first?.expression == ["Bundle.entry[1].resource.content[0].attachment.data"])
        #expect(issues.first?.diagnostics?.contains("offset 7") == true)
    }

    @Test func unknownBinaryReference() async throws {
        let (_, issues) = try await issues(for: documentReference(id: "b", attachments: [attachment(contentType: "text/plain", url: "Binary/nowhere")]))
        #expect(issues.first?.code == .notFound)
        #expect(issues.first?.expression == ["Bundle.entry[1].resource.content[0].attachment.url"])
    }

    @Test func unsupportedType() async throws {
        let pdf = documentReference(id: "b", attachments: [attachment(contentType: "application/pdf", data: Array("%PDF-1.4".utf8)),
                                                          attachment(contentType: "image/png", data: [0x89, 0x50])])
        let (_, issues) = try await issues(for: pdf)
        #expect(issues.first?.code == .notSupported)
        #expect(issues.first?.diagnostics?.contains("application/pdf, image/png") == true)
        // A PDF mislabelled as text is recognised too.
        let disguised = documentReference(id: "c", attachments: [attachment(contentType: "text/plain", data: Array("%PDF-1.7 ...".utf8))])
        #expect(try await self.issues(for: disguised).1.first?.code == .notSupported)
    }

    @Test func badCharsetAndBadBytes() async throws {
        let unknown = documentReference(id: "b", attachments: [attachment(contentType: "text/plain; charset=ebcdic", data: [0x41])])
        let (_, first) = try await issues(for: unknown)
        #expect(first.first?.code == .notSupported)
        #expect(first.first?.expression == ["Bundle.entry[1].resource.content[0].attachment.contentType"])
        let invalid = documentReference(id: "c", attachments: [attachment(contentType: "text/plain; charset=utf-8", data: [0x41, 0xFF, 0x42])])
        let (_, second) = try await issues(for: invalid)
        #expect(second.first?.code == .invalid)
        #expect(second.first?.diagnostics?.contains("byte 1") == true)
    }

    @Test func oversizeAttachment() async throws {
        var configuration = GatewayConfiguration()
        configuration.limits.maximumAttachmentBytes = 10
        let extractor = NoteTextExtractor(limits: configuration.limits)
        let doc = documentReference(id: "big", attachments: [attachment(contentType: "text/plain", data: Array(repeating: 0x41, count: 100))])
        await #expect(throws: GatewayError.self) { try await extractor.extract(from: doc, path: "DocumentReference", index: BundleIndex(root: doc)) }
        do { _ = try await extractor.extract(from: doc, path: "DocumentReference", index: BundleIndex(root: doc)) } catch {
            #expect(error.issueType == .tooLong)
        }
    }

    @Test func fallsBackToTheNextReadableAttachmentWithAWarning() async throws {
        let doc = documentReference(id: "two", attachments: [
            attachment(contentType: "text/plain", base64: "@@@@"),
            attachment(contentType: "text/html", data: Array("<p>Asthma</p>".utf8)),
        ])
        let note = try await NoteTextExtractor().extract(from: doc, path: "DocumentReference", index: BundleIndex(root: doc))
        #expect(note.text == "Asthma\n")
        #expect(note.attachmentPath == "DocumentReference.content[1].attachment")
        #expect(note.warnings.map(\.code) == [.invalidBase64])
    }

    @Test func binaryByRelativeReferenceAndContained() async throws {
        let binary = FHIRElement.resource("Binary", id: "b1", [.string("contentType", "text/plain; charset=ISO-8859-1"),
                                                                .string("data", Data([0x63, 0x61, 0x66, 0xE9]).base64EncodedString())])
        let doc = documentReference(id: "d", attachments: [attachment(contentType: "text/plain", url: "Binary/b1")])
        let input = bundle([("http://example.org/fhir/DocumentReference/d", doc), ("http://example.org/fhir/Binary/b1", binary)])
        let note = try await NoteTextExtractor().extract(from: doc, path: "Bundle.entry[0].resource", index: BundleIndex(root: input))
        #expect(note.text == "café")
        #expect(note.origin == .bundleBinary(path: "Bundle.entry[1].resource"))
    }

    @Test func remoteBinaryIsFetchedOnlyFromTheConfiguredServer() async throws {
        struct FakeServer: AttachmentFetcher {
            func url(for reference: String) -> String? {
                reference.hasPrefix("http") ? (reference.hasPrefix("https://fhir.example/") ? reference : nil) : "https://fhir.example/" + reference
            }
            func fetch(url: String, expression: String) async throws(GatewayError) -> (bytes: [UInt8], mediaType: MediaType?) {
                guard url == "https://fhir.example/Binary/n1" else { throw GatewayError(.unresolvedReference, "404", expression: expression) }
                return (Array("Assessment:\nPneumonia.\n".utf8), MediaType(parsing: "text/plain"))
            }
        }
        let extractor = NoteTextExtractor(fetcher: FakeServer())
        let doc = documentReference(id: "r", attachments: [attachment(contentType: "text/plain", url: "Binary/n1")])
        let note = try await extractor.extract(from: doc, path: "DocumentReference", index: BundleIndex(root: doc))
        #expect(note.text.contains("Pneumonia"))
        #expect(note.origin == .remote(url: "https://fhir.example/Binary/n1"))
        let elsewhere = documentReference(id: "s", attachments: [attachment(contentType: "text/plain", url: "https://evil.example/Binary/x")])
        await #expect(throws: GatewayError.self) { try await extractor.extract(from: elsewhere, path: "DocumentReference", index: BundleIndex(root: elsewhere)) }
    }

    @Test func wrongResourceTypeAndEmptyBundle() async throws {
        let engine = try TestEngine.get()
        await #expect(throws: GatewayError.self) { try await engine.extract(.resource("Patient", id: "p")) }
        let empty = try await engine.extract(bundle([]))
        #expect(empty.issues.first?.code == .notFound)
        #expect(empty.resources.isEmpty)
    }

    @Test func documentWithoutSubjectIsReportedAndStillAnnotated() async throws {
        let doc = documentReference(id: "anon", attachments: [attachment(contentType: "text/plain", data: Array("Asthma.".utf8))], subject: false)
        let result = try await TestEngine.get().extract(doc)
        #expect(result.resources.isEmpty)
        #expect(result.issues.first?.code == .required)
        #expect(result.documents.first?.findings.isEmpty == false)
    }
}
