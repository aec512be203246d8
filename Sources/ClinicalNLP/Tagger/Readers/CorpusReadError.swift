/// A corpus or model file that cannot be used, with the place it went wrong (file and 1-based line, 0 when unknown).
public struct CorpusReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        case unreadableFile
        case malformedLine
        case spanOutOfRange
        case overlappingSpans
        case emptySpan
        case textMismatch
        case unknownLabel
        case unsupportedModelVersion
        case malformedModel
        case unknownFormat
    }

    public var code: Code
    public var file: String
    public var line: Int
    public var message: String
    public var cause: String?

    public init(_ code: Code, file: String, line: Int, _ message: String, cause: String? = nil) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
        self.cause = cause
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return "\(place): \(message)" + (cause.map { " (\($0))" } ?? "")
    }
}
