/// A rule file that cannot be used: the message names the file, the line and the reason.
public struct ContextRuleError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public static let unreadableFile = Code(name: "unreadableFile")
        public static let wrongColumnCount = Code(name: "wrongColumnCount")
        public static let emptyPhrase = Code(name: "emptyPhrase")
        public static let unknownKind = Code(name: "unknownKind")
        public static let unknownCategory = Code(name: "unknownCategory")
        public static let invalidWindow = Code(name: "invalidWindow")
        public static let unknownSection = Code(name: "unknownSection")
        public static let duplicateRule = Code(name: "duplicateRule")
        public static let noRules = Code(name: "noRules")
        public var description: String { name }
    }

    public var code: Code
    /// File name (or a caller-chosen label for in-memory rules).
    public var file: String
    /// 1-based line number; 0 when the error concerns the whole file.
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
