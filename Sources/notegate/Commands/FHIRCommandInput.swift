import Foundation

/// Reading a FILE|- argument for the FHIR commands; failures here mean "unreadable input" (exit code 2).
enum FHIRCommandInput {
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ path: String) throws(Unreadable) -> Data {
        if path == "-" {
            return FileHandle.standardInput.readDataToEndOfFile()
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Unreadable(description: "\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw Unreadable(description: "\(path): is a directory") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Unreadable(description: "\(path): cannot be read (\(error.localizedDescription))")
        }
    }

    static func writeStandardOutput(_ data: Data) {
        FileHandle.standardOutput.write(data)
        if data.last != 0x0A { FileHandle.standardOutput.write(Data([0x0A])) }
    }

    static func writeStandardError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
