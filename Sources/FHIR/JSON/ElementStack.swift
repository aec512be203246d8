/// The children of the objects the JSON reader has open, as one stack. Each object moves its segment into an
/// exact-size array when it closes. Elements are moved, not copied, so closing an object costs no reference
/// counting (an `Array` segment copy would retain and then release every field of every child).
///
/// A struct over manually managed memory, not a class: the profile showed a retain/release pair around every
/// push on a class instance. The owner calls `release()` when the parse ends (also after an error).
struct ElementStack {
    private var base: UnsafeMutablePointer<FHIRElement>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        self.base = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func push(_ element: consuming FHIRElement) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<FHIRElement>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    /// Moves the elements from `start` to the top into a new array and pops them.
    mutating func popArray(from start: Int) -> [FHIRElement] {
        let length = count - start
        guard length > 0 else { return [] }
        let source = base + start
        count = start
        // Small arrays (most complex elements have one to six children) are built as array literals: the
        // compiler allocates those with the specialised storage type, while `init(unsafeUninitializedCapacity:)`
        // looks the generic storage metadata up at run time on every call (4% of a parse in `perf`).
        switch length {
        case 1:
            return [source.move()]
        case 2:
            let first = source.move()
            return [first, (source + 1).move()]
        case 3:
            let first = source.move()
            let second = (source + 1).move()
            return [first, second, (source + 2).move()]
        case 4:
            let first = source.move()
            let second = (source + 1).move()
            let third = (source + 2).move()
            return [first, second, third, (source + 3).move()]
        case 5:
            let first = source.move()
            let second = (source + 1).move()
            let third = (source + 2).move()
            let fourth = (source + 3).move()
            return [first, second, third, fourth, (source + 4).move()]
        case 6:
            let first = source.move()
            let second = (source + 1).move()
            let third = (source + 2).move()
            let fourth = (source + 3).move()
            let fifth = (source + 4).move()
            return [first, second, third, fourth, fifth, (source + 5).move()]
        default:
            break
        }
        let result = [FHIRElement](unsafeUninitializedCapacity: length) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: source, count: length)
            initialized = length
        }
        return result
    }

    /// Destroys what is left (elements of objects an error left open) and frees the storage.
    mutating func release() {
        base.deinitialize(count: count)
        base.deallocate()
        count = 0
        capacity = 0
    }
}
