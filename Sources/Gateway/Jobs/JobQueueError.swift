/// A failure of the durable job queue (opening, migrating or writing the SQLite file), SwiftNIO style.
public struct JobQueueError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable { case openFailed, writeFailed, readFailed, unknownJob }
        fileprivate let base: Base
        private init(_ base: Base) { self.base = base }

        public static let openFailed = Code(.openFailed)
        public static let writeFailed = Code(.writeFailed)
        public static let readFailed = Code(.readFailed)
        public static let unknownJob = Code(.unknownJob)
        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let cause { text += " — caused by: \(cause)" }
        return text
    }
}
