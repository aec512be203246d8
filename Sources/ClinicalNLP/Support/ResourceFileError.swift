import Foundation

/// A rule or lexicon file that cannot be used: which file, which line, and why.
public struct ResourceFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        private init(_ name: String) { self.name = name }
        public static let unreadable = Code("unreadable")
        public static let malformedLine = Code("malformedLine")
        public static let unknownValue = Code("unknownValue")
        public static let duplicate = Code("duplicate")
        public static let empty = Code("empty")
        public var description: String { name }
    }

    public let code: Code
    /// File name or path as given by the caller (never note text).
    public let file: String
    /// 1-based line number, or nil when the error concerns the whole file.
    public let line: Int?
    public let reason: String
    public let underlying: String?

    public init(code: Code, file: String, line: Int?, reason: String, underlying: (any Error)? = nil) {
        self.code = code
        self.file = file
        self.line = line
        self.reason = reason
        self.underlying = underlying.map { String(describing: $0) }
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": \(reason)"
        if let underlying { text += " (\(underlying))" }
        return text
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.code == b.code && a.file == b.file && a.line == b.line && a.reason == b.reason
    }
}

/// Reading rule/lexicon files: tab-separated lines, `#` comments and blank lines skipped.
enum TabularFile {
    /// Calls `body` with (1-based line number, fields) for each data line.
    static func forEachRow(_ content: String, _ body: (Int, [Substring]) throws -> Void) rethrows {
        var lineNumber = 0
        for rawLine in content.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if line.isEmpty || line.first == "#" { continue }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            try body(lineNumber, line.split(separator: "\t", omittingEmptySubsequences: false))
        }
    }

    static func read(_ url: URL) throws -> String {
        do {
            let data = try Data(contentsOf: url)
            guard let text = String(data: data, encoding: .utf8) else {
                throw ResourceFileError(code: .unreadable, file: url.lastPathComponent, line: nil,
                                        reason: "not valid UTF-8")
            }
            return text
        } catch let error as ResourceFileError {
            throw error
        } catch {
            throw ResourceFileError(code: .unreadable, file: url.path, line: nil, reason: "cannot read file",
                                    underlying: error)
        }
    }

    static func bundled(_ name: String) throws -> URL {
        let candidates = [
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources"),
            Bundle.module.url(forResource: name, withExtension: nil),
        ]
        for case let url? in candidates { return url }
        throw ResourceFileError(code: .unreadable, file: name, line: nil, reason: "bundled resource not found")
    }
}
