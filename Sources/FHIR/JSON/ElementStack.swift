/// The children of the objects the JSON reader has open, as one stack. Each object moves its segment into an
/// exact-size array when it closes. Elements are moved, not copied, so closing an object costs no reference
/// counting (an `Array` segment copy would retain and then release every field of every child).
final class ElementStack {
    private var base: UnsafeMutablePointer<FHIRElement>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        self.base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func push(_ element: consuming FHIRElement) {
        if count == capacity {
            let larger = UnsafeMutablePointer<FHIRElement>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Moves the elements from `start` to the top into a new array and pops them.
    func popArray(from start: Int) -> [FHIRElement] {
        let length = count - start
        guard length > 0 else { return [] }
        let source = base + start
        let result = [FHIRElement](unsafeUninitializedCapacity: length) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: source, count: length)
            initialized = length
        }
        count = start
        return result
    }
}
