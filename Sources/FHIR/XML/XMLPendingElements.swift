/// The finished elements whose parent is still open, as one flat stack.
///
/// When an element closes, its children are the top `count - start` entries; they are moved (not copied) into one
/// exactly-sized array. That saves the repeated growth of many small child arrays and the reference counting of
/// copying elements, which together dominated reading time.
struct XMLPendingElements: ~Copyable {
    fileprivate var base: UnsafeMutablePointer<FHIRElement>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    mutating func append(_ element: consuming FHIRElement) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Moves the entries from `start` to the top out, in order, as an array.
    mutating func removeAll(from start: Int) -> [FHIRElement] {
        let taken = count - start
        guard taken > 0 else { return [] }
        let source = base + start
        let children = [FHIRElement](unsafeUninitializedCapacity: taken) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: source, count: taken)
            initialized = taken
        }
        count = start
        return children
    }

    /// Moves the top entry out.
    mutating func removeLast() -> FHIRElement {
        count -= 1
        return (base + count).move()
    }

    private mutating func grow() {
        let larger = capacity * 2
        let moved = UnsafeMutablePointer<FHIRElement>.allocate(capacity: larger)
        moved.moveInitialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }
}

extension XMLPendingElements {
    /// The names of the entries in `start..<end` (for error paths).
    func names(from start: Int, upTo end: Int) -> [String] {
        guard start < end, end <= count else { return [] }
        return (start..<end).map { base[$0].name }
    }
}
