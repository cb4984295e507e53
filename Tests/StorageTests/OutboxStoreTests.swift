import Domain
import Foundation
import Storage
import Testing

@testable import StoragePostgres
@testable import StorageSQLite

/// A job whose message is recognisable by `n`; the store never looks inside.
func outboxJob(_ n: Int, to recipient: String? = nil) -> NewOutboxJob {
    NewOutboxJob(recipient: recipient ?? "reader\(n)@example.com", messageJSON: #"{"n":\#(n)}"#)
}

/// Two stores on one site, as two instances share it (see `withTwoSites`).
func withTwoStores(_ kind: StoreKind, _ body: (any OutboxStore, any OutboxStore) async throws -> Void) async throws {
    try await withTwoSites(kind) { one, two in try await body(one.store, two.store) }
}

@Suite("Outbox")
struct OutboxStoreTests {
    @Test(
        "Given an empty outbox, when messages are enqueued, then each is pending, due now, untried, and counted",
        arguments: StoreKind.allCases)
    func enqueue(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let store = site.store
            #expect(try await store.outboxCounts() == OutboxCounts())
            #expect(try await store.enqueue([], now: t0) == [])
            let ids = try await store.enqueue([outboxJob(1), outboxJob(2), outboxJob(3)], now: at(0.0005))
            #expect(ids.count == 3)
            #expect(ids == ids.sorted())
            #expect(Set(ids).count == 3)
            let first = try #require(try await store.outboxJob(id: ids[0]))
            // Whole milliseconds, as every engine keeps them.
            #expect(
                first
                    == OutboxJob(
                        id: ids[0], recipient: "reader1@example.com", messageJSON: #"{"n":1}"#,
                        status: .pending, attempts: 0, nextAttemptAt: t0, lockedUntil: nil,
                        claimedBy: nil, lastError: nil, createdAt: t0, sentAt: nil))
            #expect(try await store.outboxJob(id: ids[2])?.messageJSON == #"{"n":3}"#)
            #expect(try await store.outboxCounts() == OutboxCounts(pending: 3))
            #expect(try await store.outboxJob(id: OutboxJobID(999_999)) == nil)
        }
    }

    @Test(
        "Given a sent job and the record to keep, when marked sent, then the record replaces the message; marking again changes nothing",
        arguments: StoreKind.allCases)
    func sentKeepsOnlyTheRecord(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ids = try await site.store.enqueue([outboxJob(1), outboxJob(2)], now: t0)
            try await site.store.markSent(ids[0], at: t0, keeping: #"{"record":1}"#)
            try await site.store.markSent(ids[1], at: t0)
            #expect(try await site.store.outboxJob(id: ids[0])?.messageJSON == #"{"record":1}"#)
            #expect(try await site.store.outboxJob(id: ids[1])?.messageJSON == #"{"n":2}"#)
            try await site.store.markSent(ids[0], at: t0, keeping: #"{"record":2}"#)
            #expect(try await site.store.outboxJob(id: ids[0])?.messageJSON == #"{"record":1}"#)
        }
    }

    @Test(
        "Given a thousand messages enqueued at once, when read back, then every id holds its own message, in order",
        arguments: StoreKind.allCases)
    func bigEnqueueKeepsOrder(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ids = try await site.store.enqueue((0..<1000).map { outboxJob($0) }, now: t0)
            #expect(ids.count == 1000)
            for n in [0, 1, 499, 998, 999] {
                #expect(try await site.store.outboxJob(id: ids[n])?.messageJSON == #"{"n":\#(n)}"#)
            }
            #expect(try await site.store.outboxCounts() == OutboxCounts(pending: 1000))
        }
    }

    @Test(
        "Given a message of any text, when stored and read, then it comes back byte for byte",
        arguments: StoreKind.allCases)
    func textKeptExactly(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let json = #"{"subject":"Grüße — «quotes» 'single' \"double\" \\ 日本語 🚀","text":"line\r\nline\u0000?"}"#
            let ids = try await site.store.enqueue([NewOutboxJob(recipient: "zoë@example.com", messageJSON: json)], now: t0)
            let job = try #require(try await site.store.outboxJob(id: ids[0]))
            #expect(job.messageJSON == json)
            #expect(job.recipient == "zoë@example.com")
        }
    }

    @Test(
        "Given jobs due now and later, when a worker claims, then it gets only the due ones, oldest first, within its limit, leased to it",
        arguments: StoreKind.allCases)
    func claimDue(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let store = site.store
            let early = try await store.enqueue([outboxJob(1), outboxJob(2)], now: t0)
            let later = try await store.enqueue([outboxJob(3)], now: at(60))
            #expect(try await store.claimDue(now: at(10), limit: 0, lease: 30, worker: "w1") == [])

            let claimed = try await store.claimDue(now: at(10), limit: 10, lease: 600, worker: "w1")
            #expect(claimed.map(\.id) == early)
            for job in claimed {
                #expect(job.status == .pending)
                #expect(job.attempts == 1)
                #expect(job.claimedBy == "w1")
                #expect(job.lockedUntil == at(610))
                #expect(job.nextAttemptAt == at(610))
                #expect(try await store.outboxJob(id: job.id) == job)
            }
            // The later one, once due; the limit holds.
            _ = try await store.enqueue([outboxJob(4)], now: at(60))
            let next = try await store.claimDue(now: at(60), limit: 1, lease: 600, worker: "w1")
            #expect(next.map(\.id) == later)
            #expect(try await store.outboxCounts() == OutboxCounts(pending: 4))
        }
    }

    @Test(
        "Given a claimed job, when others claim before its lease ends, then they get nothing; once it has ended, another worker gets it with one more attempt",
        arguments: StoreKind.allCases)
    func leaseExpiry(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let store = site.store
            let ids = try await store.enqueue([outboxJob(1)], now: t0)
            #expect(try await store.claimDue(now: t0, limit: 5, lease: 60, worker: "dead").count == 1)
            #expect(try await store.claimDue(now: at(1), limit: 5, lease: 60, worker: "w2") == [])
            #expect(try await store.claimDue(now: at(59.999), limit: 5, lease: 60, worker: "w2") == [])

            let again = try await store.claimDue(now: at(60), limit: 5, lease: 60, worker: "w2")
            #expect(again.map(\.id) == ids)
            #expect(again.first?.attempts == 2)
            #expect(again.first?.claimedBy == "w2")
            #expect(again.first?.lockedUntil == at(120))
        }
    }

    @Test(
        "Given a claimed job, when it is marked sent, then it is sent for good: never claimed again, a second mark or a late failure changes nothing",
        arguments: StoreKind.allCases)
    func markSent(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let store = site.store
            let id = try await store.enqueue([outboxJob(1)], now: t0)[0]
            _ = try await store.claimDue(now: t0, limit: 5, lease: 60, worker: "w1")
            try await store.markSent(id, at: at(2))

            let sent = try #require(try await store.outboxJob(id: id))
            #expect(sent.status == .sent)
            #expect(sent.sentAt == at(2))
            #expect(sent.lockedUntil == nil)
            #expect(sent.attempts == 1)
            #expect(sent.claimedBy == "w1")
            #expect(try await store.claimDue(now: at(86_400 * 365), limit: 5, lease: 60, worker: "w2") == [])

            try await store.markSent(id, at: at(9))
            try await store.markFailed(id, error: "too late", retryAt: nil)
            try await store.markFailed(id, error: "too late", retryAt: at(10))
            #expect(try await store.outboxJob(id: id) == sent)
            #expect(try await store.outboxCounts() == OutboxCounts(sent: 1))
        }
    }

    @Test(
        "Given a claimed job, when an attempt fails with a retry time, then it keeps the error and comes due exactly then",
        arguments: StoreKind.allCases)
    func retryTiming(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let store = site.store
            let id = try await store.enqueue([outboxJob(1)], now: t0)[0]
            _ = try await store.claimDue(now: t0, limit: 5, lease: 600, worker: "w1")
            try await store.markFailed(id, error: "451 try again later", retryAt: at(30))

            let waiting = try #require(try await store.outboxJob(id: id))
            #expect(waiting.status == .pending)
            #expect(waiting.lastError == "451 try again later")
            #expect(waiting.lockedUntil == nil)
            #expect(waiting.nextAttemptAt == at(30))
            #expect(waiting.attempts == 1)

            #expect(try await store.claimDue(now: at(29.999), limit: 5, lease: 600, worker: "w1") == [])
            let retried = try await store.claimDue(now: at(30), limit: 5, lease: 600, worker: "w1")
            #expect(retried.map(\.id) == [id])
            #expect(retried.first?.attempts == 2)
            // The error stays on record after the success that follows.
            try await store.markSent(id, at: at(31))
            #expect(try await store.outboxJob(id: id)?.lastError == "451 try again later")
        }
    }

    @Test(
        "Given a claimed job, when it is given up, then it is failed with its last error and never claimed again; a late success still counts",
        arguments: StoreKind.allCases)
    func giveUp(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let store = site.store
            let ids = try await store.enqueue([outboxJob(1), outboxJob(2)], now: t0)
            _ = try await store.claimDue(now: t0, limit: 5, lease: 60, worker: "w1")
            try await store.markFailed(ids[0], error: "550 no such mailbox", retryAt: nil)
            try await store.markFailed(ids[1], error: "451 later", retryAt: at(5))

            let failed = try #require(try await store.outboxJob(id: ids[0]))
            #expect(failed.status == .failed)
            #expect(failed.lastError == "550 no such mailbox")
            #expect(failed.lockedUntil == nil)
            #expect(failed.sentAt == nil)
            #expect(try await store.outboxCounts() == OutboxCounts(pending: 1, failed: 1))
            #expect(try await store.claimDue(now: at(86_400 * 365), limit: 5, lease: 60, worker: "w1").map(\.id) == [ids[1]])

            // A failed job does not come back to pending...
            try await store.markFailed(ids[0], error: "other", retryAt: at(10))
            #expect(try await store.outboxJob(id: ids[0]) == failed)
            // ...but a worker whose send did go through after all records it.
            try await store.markSent(ids[0], at: at(11))
            #expect(try await store.outboxJob(id: ids[0])?.status == .sent)
        }
    }

    @Test("Given no such job, when it is marked, then the store says it is missing", arguments: StoreKind.allCases)
    func unknownJob(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let nobody = OutboxJobID(424_242)
            await #expect(throws: StoreError.missing("outbox job")) { try await site.store.markSent(nobody, at: t0) }
            await #expect(throws: StoreError.missing("outbox job")) {
                try await site.store.markFailed(nobody, error: "x", retryAt: nil)
            }
            await #expect(throws: StoreError.missing("outbox job")) {
                try await site.store.markFailed(nobody, error: "x", retryAt: at(1))
            }
        }
    }

    @Test(
        "Given many due jobs and four workers on two stores, when they claim at once, then every job is claimed exactly once",
        arguments: StoreKind.allCases)
    func concurrentClaimsNeverShare(kind: StoreKind) async throws {
        try await withTwoStores(kind) { one, two in
            let ids = try await one.enqueue((0..<300).map { outboxJob($0) }, now: t0)
            let claims = try await withThrowingTaskGroup(of: [OutboxJob].self) { group in
                for (index, store) in [one, two, one, two].enumerated() {
                    group.addTask {
                        var mine: [OutboxJob] = []
                        // Bounded, so that a claim that never empties the queue fails instead of hanging.
                        for _ in 0..<1000 {
                            let batch = try await store.claimDue(now: at(1), limit: 7, lease: 600, worker: "w\(index)")
                            if batch.isEmpty { break }
                            mine += batch
                        }
                        return mine
                    }
                }
                var all: [[OutboxJob]] = []
                for try await claimed in group { all.append(claimed) }
                return all
            }
            let claimed = claims.flatMap { $0 }
            #expect(claimed.count == 300)
            #expect(Set(claimed.map(\.id)) == Set(ids))
            #expect(claimed.allSatisfy { $0.attempts == 1 })
            for worker in claims {
                #expect(Set(worker.compactMap(\.claimedBy)).count <= 1)
            }
            // What each store says agrees with what each claimer got.
            for job in claimed.prefix(20) {
                #expect(try await two.outboxJob(id: job.id)?.claimedBy == job.claimedBy)
            }
        }
    }
}

@Suite("Outbox on SQLite")
struct SQLiteOutboxTests {
    @Test(
        "Given jobs enqueued and one claimed, when the file is closed without a word and opened again, then every job is still there as it was"
    )
    func survivesReopen() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("site.sqlite")
        let store = try SQLiteStore(path: path)
        let ids = try await store.enqueue([outboxJob(1), outboxJob(2)], now: t0)
        let claimed = try await store.claimDue(now: t0, limit: 1, lease: 60, worker: "dies")
        let before = [try await store.outboxJob(id: ids[0]), try await store.outboxJob(id: ids[1])]
        try store.close()

        let again = try SQLiteStore(path: path)
        defer { try? again.close() }
        #expect([try await again.outboxJob(id: ids[0]), try await again.outboxJob(id: ids[1])] == before)
        #expect(try await again.claimDue(now: at(1), limit: 5, lease: 60, worker: "next").map(\.id) == [ids[1]])
        #expect(try await again.claimDue(now: at(60), limit: 5, lease: 60, worker: "next").map(\.id) == claimed.map(\.id))
    }

    @Test("Given the claim's read, when SQLite plans it, then it seeks the claim index and never sorts")
    func claimUsesItsIndex() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(path: directory.path("site.sqlite"))
        defer { try? store.close() }
        let plan = try await store.queryPlan(SQLiteStore.outboxDueSQL, [t0.millisecondsSince1970, 20])
        #expect(plan.contains { $0.contains("INDEX outbox_claim") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    @Test(
        "Given the outbox table, when raw SQL breaks an invariant the store keeps, then SQLite refuses it",
        arguments: OutboxSchemaCases.refused)
    func schemaRefuses(sql: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(path: directory.path("site.sqlite"))
        defer { try? store.close() }
        _ = try await store.enqueue([outboxJob(1)], now: t0)
        await #expect(throws: (any Error).self) { try await store.executeRaw(sql) }
    }
}

@Suite("Outbox on PostgreSQL", .enabled(if: PostgresTestDatabase.url != nil))
struct PostgresOutboxTests {
    @Test(
        "Given the outbox table, when raw SQL breaks an invariant the store keeps, then PostgreSQL refuses it",
        arguments: OutboxSchemaCases.refused)
    func schemaRefuses(sql: String) async throws {
        try await PostgresTestDatabase.withSchema { stores in
            _ = try await stores[0].enqueue([outboxJob(1)], now: t0)
            await #expect(throws: (any Error).self) { try await stores[0].executeRaw(sql) }
        }
    }

    @Test("Given an instance holding a job's row locked, when another instance claims, then it skips that job at once instead of waiting")
    func claimSkipsLockedRows() async throws {
        try await PostgresTestDatabase.withSchema(stores: 2) { stores in
            let ids = try await stores[0].enqueue([outboxJob(1), outboxJob(2)], now: t0)
            let (locked, lockTaken) = AsyncStream<Void>.makeStream()
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Instance one locks the first job, as its claim would, and holds the lock for 3 s.
                group.addTask {
                    try await stores[0].transaction { connection in
                        try await connection.query(
                            "SELECT id FROM outbox WHERE id = \(ids[0].rawValue) FOR UPDATE",
                            logger: PostgresTestDatabase.logger)
                        lockTaken.yield()
                        try await Task.sleep(for: .seconds(3))
                    }
                }
                for await _ in locked { break }
                let started = ContinuousClock.now
                let claimed = try await stores[1].claimDue(now: t0, limit: 5, lease: 60, worker: "two")
                // Waiting for the lock would take the rest of the 3 s and then claim both.
                #expect(ContinuousClock.now - started < .seconds(2))
                #expect(claimed.map(\.id) == [ids[1]])
                try await group.waitForAll()
            }
            #expect(try await stores[1].claimDue(now: t0, limit: 5, lease: 60, worker: "two").map(\.id) == [ids[0]])
        }
    }
}

enum OutboxSchemaCases {
    static let refused = [
        "UPDATE outbox SET status = 'lost'",
        "UPDATE outbox SET attempts = -1",
        "UPDATE outbox SET sent_at = 1",
        "UPDATE outbox SET status = 'sent'",
        "UPDATE outbox SET message_json = NULL",
        "UPDATE outbox SET recipient = NULL",
        "UPDATE outbox SET next_attempt_at = NULL",
    ]
}
