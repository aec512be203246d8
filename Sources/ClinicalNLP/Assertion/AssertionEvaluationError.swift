/// An evaluation file that cannot be scored. Rows are not skipped: the first bad row stops the run, so a score
/// always covers the whole file.
public struct AssertionEvaluationError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public static let unreadableFile = Code(name: "unreadableFile")
        public static let missingHeader = Code(name: "missingHeader")
        public static let wrongColumnCount = Code(name: "wrongColumnCount")
        public static let emptyField = Code(name: "emptyField")
        public static let unknownValue = Code(name: "unknownValue")
        public static let noRows = Code(name: "noRows")
        public var description: String { name }
    }

    public var code: Code
    public var file: String
    /// 1-based line; 0 for the whole file.
    public var line: Int
    public var reason: String
    public var cause: (any Error)?

    public init(code: Code, file: String, line: Int, reason: String, cause: (any Error)? = nil) {
        self.code = code
        self.file = file
        self.line = line
        self.reason = reason
        self.cause = cause
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)"
    }
}
