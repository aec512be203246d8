/// BILOU tags over a fixed, sorted label list. Tag 0 is O; label i has B = 1+4i, I = 2+4i, L = 3+4i, U = 4+4i.
public struct TagSet: Sendable, Hashable, Codable {
    public enum Position: Int, Sendable { case outside = -1, begin = 0, inside = 1, last = 2, unit = 3 }

    public let labels: [String]
    public var count: Int { 1 + labels.count * 4 }

    public init(labels: some Sequence<String>) {
        self.labels = Array(Set(labels)).sorted()
    }

    public func labelIndex(_ label: String) -> Int? { labels.firstIndex(of: label) }

    @inline(__always) public func tag(label: Int, _ position: Position) -> Int { 1 + label * 4 + position.rawValue }
    @inline(__always) public func position(of tag: Int) -> Position { tag == 0 ? .outside : Position(rawValue: (tag - 1) % 4)! }
    @inline(__always) public func label(of tag: Int) -> Int { tag == 0 ? -1 : (tag - 1) / 4 }

    public func name(of tag: Int) -> String {
        if tag == 0 { return "O" }
        let prefix = ["B", "I", "L", "U"][(tag - 1) % 4]
        return prefix + "-" + labels[(tag - 1) / 4]
    }

    /// Whether `next` may follow `previous` (`nil` = sequence start) in a well-formed BILOU sequence.
    public func allows(_ previous: Int?, _ next: Int) -> Bool {
        let open = previous.map { position(of: $0) == .begin || position(of: $0) == .inside } ?? false
        let nextPosition = position(of: next)
        if open {
            return (nextPosition == .inside || nextPosition == .last) && label(of: next) == label(of: previous!)
        }
        return nextPosition == .outside || nextPosition == .begin || nextPosition == .unit
    }

    /// Whether a sequence may end on `tag`.
    public func allowsEnd(_ tag: Int) -> Bool {
        let position = position(of: tag)
        return position == .outside || position == .last || position == .unit
    }
}
