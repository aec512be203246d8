import FHIR
import Foundation
import Testing
@testable import Gateway

@Suite("Documents of one input processed concurrently")
struct ConcurrentDocumentsTests {
    static let notes = [
        "ASSESSMENT: Type 2 diabetes mellitus. Continue metformin 500 mg twice daily.",
        "She denies chest pain. History of appendectomy.",
        "Family history of asthma in her mother.",
        "PLAN: start lisinopril 10 mg daily for hypertension.",
        "No evidence of pneumonia.",
        "Possible chronic kidney disease.",
        "Atorvastatin 20 mg at night for hyperlipidemia.",
    ]

    static func input(_ notes: [String], bad: Int? = nil) -> FHIRElement {
        bundle(notes.enumerated().map { index, note in
            let content = index == bad
                ? attachment(contentType: "text/plain", base64: "not base64!")
                : attachment(contentType: "text/plain; charset=utf-8", data: Array(note.utf8))
            return ("urn:uuid:00000000-0000-4000-8000-00000000000\(index)", documentReference(id: "d\(index)", attachments: [content]))
        })
    }

    @Test("Given a Bundle of many documents processed three at a time, then the results are in input order and equal to each document processed alone")
    func orderAndEquality() async throws {
        let engine = try TestEngine.get()
        let together = try await ExtractionPipeline(engine: engine, documentConcurrency: 3)
            .run(Self.input(Self.notes, bad: 3), recordedAt: TestPaths.recordedAt)
        #expect(together.documents.map(\.context.reference) == Self.notes.indices.map { "DocumentReference/d\($0)" })
        // The bad document has its issue and nothing else; the others are untouched by it.
        #expect(together.documents[3].resources.isEmpty)
        #expect(together.documents[3].issues.contains { $0.code == .invalid || $0.code == .structure || $0.code == .value })
        for (index, note) in Self.notes.enumerated() where index != 3 {
            let alone = try await engine.extract(
                bundle([("urn:uuid:00000000-0000-4000-8000-00000000000\(index)",
                         documentReference(id: "d\(index)", attachments: [attachment(contentType: "text/plain; charset=utf-8", data: Array(note.utf8))]))]),
                recordedAt: TestPaths.recordedAt)
            #expect(FHIRJSON.serializeBytes(BundleWriter.bundle(resources: together.documents[index].resources, kind: .collection, timestamp: nil, outcome: nil))
                == FHIRJSON.serializeBytes(BundleWriter.bundle(resources: alone.resources, kind: .collection, timestamp: nil, outcome: nil)),
                "document \(index)")
        }
        // Not vacuous: most of these notes emit resources.
        #expect(together.documents.filter { !$0.resources.isEmpty }.count >= 5)
    }
}
