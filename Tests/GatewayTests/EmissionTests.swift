import ClinicalNLP
import FHIR
import Foundation
import Terminology
import Testing
@testable import Gateway

@Suite struct EmissionTests {
    let versions = ProcessingVersions(noteGate: "0.1.0", pipeline: "test-pipeline", vocabularyRelease: "test-release")
    let context = DocumentContext(reference: "DocumentReference/d1", identity: "DocumentReference/d1",
                                  subject: .complex("subject", [.string("reference", "Patient/p1")]),
                                  encounter: .complex("encounter", [.string("reference", "Encounter/e1")]),
                                  date: "2026-02-01", path: "DocumentReference", attachmentPath: "DocumentReference.content[0].attachment")
    let asthma = Concept(conceptId: 317009, name: "Asthma", domainId: "Condition", vocabularyId: "SNOMED",
                         conceptClassId: "Clinical Finding", standardConcept: "S", conceptCode: "195967001")

    func finding(_ label: EntityLabel, _ assertion: Assertion, match: Bool = true, section: SectionCategory = .assessmentAndPlan) -> Finding {
        let mention = Mention(range: 10..<16, text: "asthma", label: label, source: "omop")
        return Finding(entity: Entity(mention: mention, section: section, assertion: assertion),
                       match: match ? ConceptMatch(standard: asthma, score: 0.97, matchKind: "exact") : nil)
    }

    func emit(_ findings: [Finding], options: EmissionOptions = .init()) -> [FHIRElement] {
        ResourceEmitter(options: options, versions: versions).emit(findings, context: context, recordedAt: "2026-01-01T00:00:00Z").resources
    }

    @Test(arguments: [
        (Assertion(), "active", "unconfirmed"),
        (Assertion(negated: true), nil, "refuted"),
        (Assertion(possible: true), "active", "provisional"),
        (Assertion(historical: true), "resolved", "unconfirmed"),
    ] as [(Assertion, String?, String)])
    func conditionStatuses(assertion: Assertion, clinical: String?, verification: String) throws {
        let condition = try #require(emit([finding(.problem, assertion)]).first)
        #expect(condition.string(path: "clinicalStatus.coding.code") == clinical)
        #expect(condition.string(path: "verificationStatus.coding.code") == verification)
        #expect(ProfileChecker.check(condition).isEmpty)
    }

    @Test func hypotheticalAndFamilyProblemsAreNotConditionsByDefault() {
        #expect(emit([finding(.problem, Assertion(hypothetical: true))]).isEmpty)
        #expect(emit([finding(.problem, Assertion(experiencer: .family))]).isEmpty)
        let optional = emit([finding(.problem, Assertion(hypothetical: true))], options: EmissionOptions(emitHypotheticalConditions: true))
        #expect(optional.first?.string(path: "verificationStatus.coding.code") == "provisional")
    }

    @Test(arguments: [
        (Assertion(), "active", "completed"), (Assertion(negated: true), "not-taken", "not-done"),
        (Assertion(possible: true), "unknown", "unknown"), (Assertion(hypothetical: true), "intended", "preparation"),
        (Assertion(historical: true), "completed", "completed"),
    ] as [(Assertion, String, String)])
    func medicationAndProcedureStatuses(assertion: Assertion, medication: String, procedure: String) {
        #expect(emit([finding(.medication, assertion)]).first?.string("status") == medication)
        #expect(emit([finding(.procedure, assertion)]).first?.string("status") == procedure)
        #expect(emit([finding(.medication, Assertion(experiencer: .family))]).isEmpty)
    }

    @Test func codingTraceAndProvenance() throws {
        let resources = emit([finding(.problem, Assertion(), section: .problemList)])
        let condition = try #require(resources.first)
        let codings = condition.all(path: "code.coding")
        #expect(codings.map { $0.string("system") } == ["http://snomed.info/sct", "https://fhir-terminology.ohdsi.org"])
        #expect(codings.last?.string("version") == "test-release")
        #expect(codings.last?.string("code") == "317009")
        #expect(condition.string(path: "category.coding.code") == "problem-list-item")
        let derivation = try #require(condition.extensions(url: NoteGateURIs.derivationReference).first)
        #expect(derivation.extensions(url: "offset").first?.integer("valueInteger") == 10)
        #expect(derivation.extensions(url: "length").first?.integer("valueInteger") == 6)
        let provenance = try #require(resources.last)
        #expect(provenance.resourceType == "Provenance")
        #expect(provenance.strings("recorded") == ["2026-01-01T00:00:00Z"])
        #expect(provenance.string(path: "target.reference") == "Condition/\(condition.logicalID!)")
    }

    @Test func unresolvedMentionsAreTaggedOrLeftOut() throws {
        let unresolved = try #require(emit([finding(.problem, Assertion(), match: false)]).first)
        #expect(unresolved.all(path: "code.coding").isEmpty)
        #expect(unresolved.string(path: "code.text") == "asthma")
        #expect(unresolved.all(path: "meta.tag").contains { $0.string("code") == "unresolved" })
        #expect(ProfileChecker.check(unresolved).isEmpty)
        #expect(emit([finding(.problem, Assertion(), match: false)], options: EmissionOptions(emitUnresolved: false)).isEmpty)
    }

    @Test func idsAreDeterministicV5UUIDs() {
        let a = ResourceEmitter.resourceID(for: finding(.problem, Assertion()), resourceType: "Condition", documentIdentity: "DocumentReference/d1")
        let b = ResourceEmitter.resourceID(for: finding(.problem, Assertion()), resourceType: "Condition", documentIdentity: "DocumentReference/d1")
        let c = ResourceEmitter.resourceID(for: finding(.problem, Assertion()), resourceType: "Condition", documentIdentity: "DocumentReference/d2")
        #expect(a == b)
        #expect(a != c)
        #expect(Array(a)[14] == "5")
        // RFC 9562 test vector: v5 of "www.example.com" in the DNS namespace.
        let dns = UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!
        #expect(NameBasedUUID.make(namespace: dns, name: "www.example.com").uuidString.lowercased() == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test func transactionUsesConditionalCreates() throws {
        let resources = emit([finding(.problem, Assertion())])
        let transaction = BundleWriter.bundle(resources: resources, kind: .transaction, timestamp: nil, outcome: nil)
        let requests = transaction.all(path: "entry.request")
        #expect(requests.map { $0.string("method") } == ["POST", "POST"])
        #expect(requests.first?.string("ifNoneExist") == "identifier=\(NoteGateURIs.identifierSystem)|\(resources[0].logicalID!)")
        #expect(requests.last?.string("ifNoneExist") == "_tag=\(NoteGateURIs.identifierSystem)|\(resources[1].logicalID!)")
        // Provenance.target points at the entry's fullUrl inside the Bundle.
        let provenance = try #require(transaction.all(path: "entry.resource").last)
        #expect(provenance.string(path: "target.reference") == "urn:uuid:\(resources[0].logicalID!)")
    }

    @Test func dosageFromMedicationAttributes() throws {
        let attributes = [
            MedicationAttribute(kind: .strength, range: 20..<26, text: "500 mg", value: "500 mg"),
            MedicationAttribute(kind: .route, range: 27..<29, text: "PO", value: "oral"),
            MedicationAttribute(kind: .frequency, range: 30..<33, text: "BID", value: "BID"),
            MedicationAttribute(kind: .prn, range: 34..<37, text: "PRN", value: "prn"),
        ]
        let dosage = try #require(DosageBuilder.dosage(from: attributes))
        #expect(dosage.string("text") == "500 mg PO BID PRN")
        #expect(dosage.string(path: "route.coding.code") == "26643006")
        #expect(dosage.integer(path: "timing.repeat.frequency") == 2)
        #expect(dosage.string(path: "timing.code.coding.code") == "BID")
        #expect(dosage.boolean("asNeededBoolean") == true)
        #expect(dosage.string(path: "doseAndRate.doseQuantity.value") == "500")
        #expect(dosage.string(path: "doseAndRate.doseQuantity.code") == "mg")
        let every = DosageBuilder.parseFrequency("every 4-6 hours")
        #expect(every.repeatParts.map(\.name) == ["frequency", "period", "periodMax", "periodUnit"])
    }

    @Test func noteNLPColumns() async throws {
        let result = try await TestEngine.get().extract(documentReference(id: "n", attachments: [
            attachment(contentType: "text/plain", data: Array("History of Present Illness:\nNo asthma. Mother has hypertension.\n".utf8))]))
        let rows = NoteNLPWriter().rows(result)
        #expect(NoteNLPWriter.columns.count == 14)
        #expect(rows.allSatisfy { $0.count == 14 })
        let asthma = try #require(rows.first { $0[5] == "asthma" })
        #expect(asthma[11] == "N")
        #expect(asthma[13].hasPrefix("negated=yes,subject=patient"))
        #expect(asthma[4] == "31")
    }
}

extension FHIRElement {
    func integer(path: String) -> Int? { first(path: path)?.value?.intValue }
}
