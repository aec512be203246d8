/// The element path of the JSON reader (for error messages), as a stack over manually managed memory: every member
/// pushes and pops a step, and an `Array` would check uniqueness and capacity on each. The owner calls `release()`
/// when the parse ends.
struct PathStack {
    private var base: UnsafeMutablePointer<JSONReader.PathStep>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 32) {
        self.capacity = capacity
        self.base = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func append(_ step: JSONReader.PathStep) {
        if count == capacity { grow() }
        (base + count).initialize(to: step)
        count += 1
    }

    @inline(__always)
    mutating func removeLast() {
        precondition(count > 0, "PathStack.removeLast on an empty path")
        count -= 1
    }

    subscript(index: Int) -> JSONReader.PathStep {
        get {
            precondition(index >= 0 && index < count, "PathStack index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "PathStack index out of range")
            base[index] = newValue
        }
    }

    /// The steps from the root, for rendering.
    var steps: [JSONReader.PathStep] { Array(UnsafeBufferPointer(start: base, count: count)) }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<JSONReader.PathStep>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    mutating func release() {
        base.deallocate()
        count = 0
        capacity = 0
    }
}
