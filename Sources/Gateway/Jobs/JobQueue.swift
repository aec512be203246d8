import Foundation
import GRDB

/// The durable job queue: one SQLite file in WAL mode with `synchronous=FULL`, so a job is on disk before the
/// notification that produced it is acknowledged, and survives a crash (SIGKILL, power loss) of the gateway.
///
/// One gateway process owns a queue file: at start-up `recoverInterrupted()` hands jobs that were being worked on
/// back to `pending`. Delivery is at-least-once per sink and made effectively exactly-once by the sinks
/// (conditional creates on deterministic identifiers, files named by job) plus the per-sink delivered markers.
public final class JobQueue: Sendable {
    let pool: DatabasePool
    public let path: String

    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // FULL: a committed enqueue survives power loss too, not only a process crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw JobQueueError(.openFailed, "cannot open job queue at \(path)", cause: error)
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE job (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    dedupe_key TEXT NOT NULL UNIQUE,
                    subscription TEXT NOT NULL,
                    event_number TEXT,
                    focus TEXT,
                    source_base_url TEXT,
                    payload BLOB,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    not_before REAL NOT NULL,
                    result BLOB,
                    last_error TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX job_ready ON job(state, not_before);
                CREATE TABLE delivery (
                    job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
                    sink TEXT NOT NULL,
                    delivered_at REAL NOT NULL,
                    PRIMARY KEY (job_id, sink)
                );
                CREATE TABLE subscription_state (
                    subscription TEXT PRIMARY KEY,
                    last_event_number INTEGER NOT NULL,
                    missed_events INTEGER NOT NULL DEFAULT 0,
                    updated_at REAL NOT NULL
                );
                """)
        }
        return migrator
    }

    // MARK: Enqueue

    /// Stores the jobs of one notification and updates the subscription's event counter in ONE transaction.
    /// Jobs whose `dedupeKey` is already queued are skipped (a re-sent notification).
    @discardableResult
    public func enqueue(
        _ jobs: [NewNotificationJob], events: SubscriptionEventObservation? = nil, now: Date = Date()
    ) throws -> EnqueueReceipt {
        do {
            return try pool.write { db in
                var inserted: [Int64] = []
                for job in jobs {
                    try db.execute(
                        sql: """
                            INSERT OR IGNORE INTO job (dedupe_key, subscription, event_number, focus, source_base_url,
                                payload, state, attempts, not_before, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)
                            """,
                        arguments: [
                            job.dedupeKey, job.subscription, job.eventNumber, job.focus, job.sourceBaseURL,
                            job.payload, now.timeIntervalSince1970, now.timeIntervalSince1970,
                            now.timeIntervalSince1970,
                        ])
                    if db.changesCount > 0 { inserted.append(db.lastInsertedRowID) }
                }
                let gap = try events.flatMap { try Self.observe($0, db: db, now: now) }
                return EnqueueReceipt(
                    insertedJobIDs: inserted, duplicateCount: jobs.count - inserted.count, gap: gap)
            }
        } catch let error as JobQueueError {
            throw error
        } catch {
            throw JobQueueError(.writeFailed, "cannot enqueue \(jobs.count) job(s)", cause: error)
        }
    }

    /// Records a notification's event counter (also for handshakes and heartbeats, whose counter reveals missed
    /// events too) and reports a gap when events between the last seen number and this notification are missing.
    public func observe(_ events: SubscriptionEventObservation, now: Date = Date()) throws -> SubscriptionEventGap? {
        do {
            return try pool.write { db in try Self.observe(events, db: db, now: now) }
        } catch {
            throw JobQueueError(.writeFailed, "cannot record subscription events", cause: error)
        }
    }

    private static func observe(
        _ events: SubscriptionEventObservation, db: Database, now: Date
    ) throws -> SubscriptionEventGap? {
        guard let highest = events.highestEventNumber else { return nil }
        let row = try Row.fetchOne(
            db, sql: "SELECT last_event_number FROM subscription_state WHERE subscription = ?",
            arguments: [events.subscription])
        var gap: SubscriptionEventGap?
        if let last: Int64 = row?["last_event_number"] {
            let firstNew = events.lowestEventNumber ?? highest
            if firstNew > last + 1 {
                gap = SubscriptionEventGap(
                    subscription: events.subscription, lastSeen: last, received: firstNew,
                    missedCount: firstNew - last - 1)
            }
            if highest > last {
                try db.execute(
                    sql: """
                        UPDATE subscription_state SET last_event_number = ?, missed_events = missed_events + ?,
                            updated_at = ? WHERE subscription = ?
                        """,
                    arguments: [highest, gap?.missedCount ?? 0, now.timeIntervalSince1970, events.subscription])
            }
        } else {
            // First notification seen for this subscription: it sets the baseline (no history to compare with).
            try db.execute(
                sql: """
                    INSERT INTO subscription_state (subscription, last_event_number, missed_events, updated_at)
                    VALUES (?, ?, 0, ?)
                    """,
                arguments: [events.subscription, highest, now.timeIntervalSince1970])
        }
        return gap
    }

    /// Total events missed per subscription so far.
    public func missedEvents() throws -> [String: Int64] {
        try read("subscription state") { db in
            var result: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT subscription, missed_events FROM subscription_state") {
                result[row["subscription"]] = row["missed_events"]
            }
            return result
        }
    }

    // MARK: Worker side

    /// Hands jobs left `processing` by a previous (crashed or killed) process back to `pending`.
    @discardableResult
    public func recoverInterrupted(now: Date = Date()) throws -> Int {
        try write("recover interrupted jobs") { db in
            try db.execute(
                sql: "UPDATE job SET state = 'pending', updated_at = ? WHERE state = 'processing'",
                arguments: [now.timeIntervalSince1970])
            return db.changesCount
        }
    }

    /// Atomically takes the oldest ready job (pending, `notBefore` reached) and marks it `processing`.
    public func claimNext(now: Date = Date()) throws -> NotificationJob? {
        try write("claim a job") { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM job WHERE state = 'pending' AND not_before <= ?
                    ORDER BY not_before, id LIMIT 1
                    """,
                arguments: [now.timeIntervalSince1970])
            else { return nil }
            let id: Int64 = row["id"]
            try db.execute(
                sql: "UPDATE job SET state = 'processing', updated_at = ? WHERE id = ?",
                arguments: [now.timeIntervalSince1970, id])
            var job = try Self.job(from: row, db: db)
            job.state = .processing
            return job
        }
    }

    /// Keeps the extraction result so a retry or restart delivers without re-running the pipeline.
    public func storeResult(jobID: Int64, result: Data, now: Date = Date()) throws {
        try write("store a job result") { db in
            try db.execute(
                sql: "UPDATE job SET result = ?, updated_at = ? WHERE id = ?",
                arguments: [result, now.timeIntervalSince1970, jobID])
        }
    }

    /// Records that `sink` acknowledged the job's results (so a retry skips it).
    public func markDelivered(jobID: Int64, sink: String, now: Date = Date()) throws {
        try write("mark a delivery") { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO delivery (job_id, sink, delivered_at) VALUES (?, ?, ?)",
                arguments: [jobID, sink, now.timeIntervalSince1970])
        }
    }

    public func complete(jobID: Int64, now: Date = Date()) throws {
        try setState(.done, jobID: jobID, error: nil, now: now)
    }

    /// Puts the job back to `pending` until `notBefore`, counting the attempt.
    public func retry(jobID: Int64, error: String, notBefore: Date, now: Date = Date()) throws {
        try write("reschedule a job") { db in
            try db.execute(
                sql: """
                    UPDATE job SET state = 'pending', attempts = attempts + 1, not_before = ?, last_error = ?,
                        updated_at = ? WHERE id = ?
                    """,
                arguments: [notBefore.timeIntervalSince1970, error, now.timeIntervalSince1970, jobID])
        }
    }

    /// Gives up on the job (dead letter); it stays in the file with its last error for inspection.
    public func deadLetter(jobID: Int64, error: String, now: Date = Date()) throws {
        try write("dead-letter a job") { db in
            try db.execute(
                sql: """
                    UPDATE job SET state = 'dead', attempts = attempts + 1, last_error = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [error, now.timeIntervalSince1970, jobID])
        }
    }

    private func setState(_ state: NotificationJob.State, jobID: Int64, error: String?, now: Date) throws {
        try write("update a job") { db in
            try db.execute(
                sql: "UPDATE job SET state = ?, last_error = COALESCE(?, last_error), updated_at = ? WHERE id = ?",
                arguments: [state.rawValue, error, now.timeIntervalSince1970, jobID])
        }
    }

    // MARK: Inspection

    public func job(id: Int64) throws -> NotificationJob? {
        try read("read a job") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [id])
                .map { try Self.job(from: $0, db: db) }
        }
    }

    public func jobs(in state: NotificationJob.State? = nil) throws -> [NotificationJob] {
        try read("list jobs") { db in
            let rows: [Row]
            if let state {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM job WHERE state = ? ORDER BY id", arguments: [state.rawValue])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM job ORDER BY id")
            }
            return try rows.map { try Self.job(from: $0, db: db) }
        }
    }

    /// Number of jobs per state (every state present, zero when empty).
    public func counts() throws -> [NotificationJob.State: Int] {
        try read("count jobs") { db in
            var counts = Dictionary(uniqueKeysWithValues: NotificationJob.State.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM job GROUP BY state") {
                if let state = NotificationJob.State(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// When the earliest pending job becomes ready (nil when nothing is pending).
    public func nextReadyDate() throws -> Date? {
        try read("find the next ready job") { db in
            try Double.fetchOne(db, sql: "SELECT MIN(not_before) FROM job WHERE state = 'pending'")
                .map { Date(timeIntervalSince1970: $0) }
        }
    }

    private static func job(from row: Row, db: Database) throws -> NotificationJob {
        let id: Int64 = row["id"]
        let sinks = try String.fetchAll(db, sql: "SELECT sink FROM delivery WHERE job_id = ?", arguments: [id])
        return NotificationJob(
            id: id, dedupeKey: row["dedupe_key"], subscription: row["subscription"],
            eventNumber: row["event_number"], focus: row["focus"], sourceBaseURL: row["source_base_url"],
            payload: row["payload"], state: NotificationJob.State(rawValue: row["state"]) ?? .pending,
            attempts: row["attempts"], notBefore: Date(timeIntervalSince1970: row["not_before"]),
            result: row["result"], lastError: row["last_error"], deliveredSinks: Set(sinks),
            createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    private func write<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch {
            throw JobQueueError(.writeFailed, "cannot \(what)", cause: error)
        }
    }

    private func read<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch {
            throw JobQueueError(.readFailed, "cannot \(what)", cause: error)
        }
    }
}
