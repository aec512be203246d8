/// A growable list of plain values in manual memory, emptied and refilled for every sentence of a note.
///
/// `Array.removeAll(keepingCapacity:)` and `append` cost a generic range replacement and a uniqueness check per
/// call; the analyzer's per-sentence lists (phrase matches, chosen cues) are rebuilt tens of thousands of times per
/// corpus pass, so they live here instead. Only for trivial types (no references): elements are never
/// deinitialized.
final class ScratchBuffer<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        precondition(_isPOD(Element.self), "ScratchBuffer holds trivial values only")
        self.capacity = capacity
        self.base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    func removeAll() {
        count = 0
    }

    @inline(__always)
    func append(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    private func grow() {
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        grown.moveInitialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity *= 2
    }

    /// The current elements; valid until the next `append` or `removeAll`.
    var elements: UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base, count: count)
    }
}
