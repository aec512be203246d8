import FHIR
import Foundation

/// Writes a job's resources as bulk-data style NDJSON: one file per resource type and job,
/// `<directory>/<ResourceType>.job-<id>.ndjson`. Each file is written to a temporary name, flushed and renamed,
/// so a reader never sees half a file and a re-delivery replaces the file instead of appending a duplicate.
public struct NDJSONDirectorySink: DeliverySink {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public var name: String { "ndjson:\(directory.path)" }

    public func deliver(_ resources: [FHIRElement], job: NotificationJob) async throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var byType: [String: Data] = [:]
            var order: [String] = []
            for resource in resources {
                let type = resource.resourceType ?? resource.name
                if byType[type] == nil { order.append(type) }
                byType[type, default: Data()].append(FHIRJSON.serialize(resource))
                byType[type]!.append(0x0A)
            }
            for type in order {
                let target = directory.appendingPathComponent("\(type).job-\(job.id).ndjson")
                let temporary = directory.appendingPathComponent(".\(type).job-\(job.id).ndjson.partial")
                let handle = try Self.create(temporary)
                try handle.write(contentsOf: byType[type]!)
                try handle.synchronize()
                try handle.close()
                // rename(2) replaces the target atomically.
                guard rename(temporary.path, target.path) == 0 else {
                    throw JobFailure(
                        .noStore, "cannot rename \(temporary.path) to \(target.path): errno \(errno)", retryable: true)
                }
            }
        } catch let failure as JobFailure {
            throw failure
        } catch {
            throw JobFailure(.noStore, "cannot write NDJSON to \(directory.path): \(error)", retryable: true)
        }
    }

    private static func create(_ url: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw JobFailure(.noStore, "cannot create \(url.path)", retryable: true)
        }
        return try FileHandle(forWritingTo: url)
    }
}
