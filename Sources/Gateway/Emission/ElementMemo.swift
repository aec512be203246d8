import ClinicalNLP
import Terminology
import FHIR
import Synchronization

/// Sub-trees that recur unchanged in many emitted resources (the assertion extension of an affirmed problem,
/// `verificationStatus = confirmed`, the coding of a frequent concept), built once and shared.
///
/// An emitted resource is some sixty small nodes, and building them (one array per complex node) is most of the
/// emitter's cost; a shared sub-tree costs one retain. The keys come from small, closed sets (assertion values ×
/// sections, status codes, the concepts a site's notes mention), so the memo is not evicted: past
/// `maximumEntries` new sub-trees are simply built each time.
final class ElementMemo<Key: Hashable & Sendable>: Sendable {
    private let elements = Mutex<[Key: FHIRElement]>([:])
    /// The compact JSON of memoised sub-trees, once asked for: the compact `$extract` answer splices these bytes
    /// where the tree path would write the same sub-tree. Its own table, so a lookup copies only the bytes.
    private let renderings = Mutex<[Key: [UInt8]]>([:])
    let maximumEntries: Int

    init(maximumEntries: Int = 20_000) {
        self.maximumEntries = maximumEntries
    }

    func element(_ key: Key, build: () -> FHIRElement) -> FHIRElement {
        if let hit = elements.withLock({ $0[key] }) { return hit }
        let element = build()
        elements.withLock { table in
            if table.count < maximumEntries { table[key] = element }
        }
        return element
    }

    /// The compact JSON of the sub-tree memoised under `key` (built by `build` when absent), rendered as the
    /// FHIR type `type` (see `FHIRJSON.serializeFragment`) once.
    func json(_ key: Key, type: String, build: () -> FHIRElement) -> [UInt8] {
        if let hit = renderings.withLock({ $0[key] }) { return hit }
        let bytes = FHIRJSON.serializeFragment(element(key, build: build), type: type)
        renderings.withLock { table in
            if table.count < maximumEntries { table[key] = bytes }
        }
        return bytes
    }
}

/// The memos of one `ResourceEmitter`.
final class EmitterMemos: Sendable {
    /// Keyed by what the sub-tree is built from: a kind tag and the strings that vary.
    let constants = ElementMemo<ConstantKey>()
    let resolutions = ElementMemo<ResolutionKey>()
    let dosages = ElementMemo<DosageKey>()
    /// `meta` renderings by profiled kind and review tags (`ResourceEmitter.metaJSON`).
    let metaRenderings = Mutex<[[UInt8]?]>(Array(repeating: nil, count: 12))
    let assertions = ElementMemo<AssertionKey>()
    /// The codings of a resolved concept as one CodeableConcept without text (compact JSON path only).
    let codings = ElementMemo<CodingsKey>()

    /// The assertion values and section an assertion extension is built from (enums and flags: cheap to hash).
    struct AssertionKey: Hashable, Sendable {
        var flags: UInt8
        var experiencer: Assertion.Experiencer
        var section: SectionCategory
    }

    /// The concepts a `code`'s codings are built from. Hashes the concept ids only; equality compares the
    /// concepts whole, so two stores that number concepts differently can never share an entry by mistake.
    struct CodingsKey: Hashable, Sendable {
        var source: Concept?
        var standard: Concept

        func hash(into hasher: inout Hasher) {
            hasher.combine(standard.conceptId)
            hasher.combine(source?.conceptId ?? -1)
        }
    }

    /// A kind of sub-tree and up to four strings it is built from (a struct, not an array: a lookup allocates nothing).
    struct ConstantKey: Hashable, Sendable {
        var kind: Kind
        var a: String
        var b: String = ""
        var c: String = ""
        var d: String = ""

        enum Kind: UInt8, Sendable { case tags, codeableConcept, coding, omopCoding, meta }

        /// Hashes the short, discriminating strings only (codes, names of elements, flags), never the long system
        /// URIs and display names: every emitted resource looks up several keys, and hashing a URI cost more than
        /// the lookup saved. Equality still compares every field, so a collision costs a comparison, not a wrong hit.
        func hash(into hasher: inout Hasher) {
            hasher.combine(kind)
            switch kind {
            case .tags, .omopCoding, .meta: hasher.combine(a)
            case .codeableConcept: hasher.combine(a); hasher.combine(c)
            case .coding: hasher.combine(b)
            }
        }
    }

    /// Everything the resolution extension is built from.
    struct ResolutionKey: Hashable, Sendable {
        var score: Double?
        var matchKind: String?
        var ambiguous: Bool
        var mentionSource: String
        var mentionScore: Double
        var resolvedText: String?
    }
}

/// What `DosageBuilder` reads from a drug's attributes: their order, kinds, texts and values (not their offsets),
/// so one dosage serves every mention written the same way.
struct DosageKey: Hashable, Sendable {
    struct Part: Hashable, Sendable {
        var kind: MedicationAttribute.Kind
        var text: String
        var value: String
    }

    var parts: [Part]

    init(_ attributes: [MedicationAttribute]) {
        parts = attributes.sorted { $0.range.lowerBound < $1.range.lowerBound }.map { Part(kind: $0.kind, text: $0.text, value: $0.value) }
    }
}
