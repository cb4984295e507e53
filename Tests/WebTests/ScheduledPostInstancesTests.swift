import Domain
import Foundation
import Logging
import Storage
import Testing
import UseCases

@testable import StoragePostgres

/// Scheduling with several instances on one PostgreSQL: each runs its own scheduler, and a
/// scheduled post is still published once and mailed once to each subscriber.
@Suite("Scheduled posts on two instances of one PostgreSQL")
struct ScheduledPostInstancesTests {
    /// Two clients of one fresh schema, as two `parley serve` processes would have.
    static func twoInstances(_ url: String) async throws -> ([PostgresStore], [RunningClient], String) {
        let schema = "w_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var configuration = try PostgresStore.configuration(url: url)
        configuration.options.additionalStartupParameters.append(("search_path", schema))
        configuration.options.maximumConnections = 3
        var logger = Logger(label: "parley.web-tests")
        logger.logLevel = .error
        let stores = [
            PostgresStore(configuration: configuration, logger: logger), PostgresStore(configuration: configuration, logger: logger),
        ]
        let running = stores.map { store in RunningClient(Task { try await store.run() }) }
        try await stores[0].executeRaw("CREATE SCHEMA \(schema)")
        try await stores[0].migrate()
        return (stores, running, schema)
    }

    @Test("Given a post scheduled with email and two instances, when both schedulers run at its time, then it is published and mailed once")
    func publishedAndMailedOnce() async throws {
        guard let url = TestEngine.postgresURL else { return }
        let (stores, running, schema) = try await Self.twoInstances(url)
        defer { _ = running }
        let now = Date()
        let instances = stores.map { store in
            Actions(store: store, clock: { now.addingTimeInterval(120) }, passwords: PasswordHasher(cost: 4))
        }
        let writer = Actions(store: stores[0], clock: { now }, passwords: PasswordHasher(cost: 4))
        let owner = try await writer.addMember(AddMemberInput(email: "owner@example.com", displayName: "Olive", role: .owner))
        for n in 0..<25 { _ = try await stores[0].insertSubscriber(email: "reader\(n)@example.com", createdAt: now) }
        let post = try await writer.createPost(
            PostForm(title: "At its time", bodyMarkdown: "Words.", sendsEmail: true), intent: .schedule(now.addingTimeInterval(60)),
            by: .member(owner))
        #expect(post.state == .scheduled)

        // Both instances run their passes at once, as their schedulers would, several times over.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for actions in instances {
                group.addTask {
                    for _ in 0..<4 {
                        _ = try await actions.publishDuePosts()
                        _ = try await actions.sendNewsletterBatches(batchSize: 10)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await stores[1].post(id: post.id)?.state == .published)
        var letters: [String] = []
        var id: Int64 = 1
        var misses = 0
        while misses < 20 {
            if let job = try await stores[1].outboxJob(id: OutboxJobID(id)) {
                letters.append(job.recipient)
                misses = 0
            } else {
                misses += 1
            }
            id += 1
        }
        #expect(letters.count == 25)
        #expect(Set(letters).count == 25)
        try await stores[0].executeRaw("DROP SCHEMA \(schema) CASCADE")
    }
}
