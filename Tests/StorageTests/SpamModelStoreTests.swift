import Domain
import Foundation
import Storage
import Testing

extension Site {
    /// The store as the spam filter's port (every engine is one; the reference model is not).
    var spam: any SpamModelStore { store as! any SpamModelStore }
}

@Suite("Spam model store")
struct SpamModelStoreTests {
    @Test("Given a new site, when counts are read, then nothing is learned yet", arguments: StoreKind.allCases)
    func emptyModel(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            #expect(try await site.spam.spamCounts(for: ["pills", "links:0"]) == SpamCounts())
        }
    }

    @Test(
        "Given two spam comments and one real one learned, when their features are read, then each class is counted once per comment",
        arguments: StoreKind.allCases)
    func learnCounts(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            // A feature listed twice counts once.
            try await site.spam.learnSpamFeatures(["pills", "cheap", "pills", "domain:pills.example"], as: .spam, delta: 1)
            try await site.spam.learnSpamFeatures(["pills", "links:0"], as: .spam, delta: 1)
            try await site.spam.learnSpamFeatures(["bread", "links:0"], as: .ham, delta: 1)

            let counts = try await site.spam.spamCounts(for: ["pills", "links:0", "bread", "never-seen"])
            #expect(counts.documents == SpamClassCounts(spam: 2, ham: 1))
            #expect(counts.occurrences == SpamClassCounts(spam: 5, ham: 2))
            #expect(
                counts.features == [
                    "pills": SpamClassCounts(spam: 2, ham: 0), "links:0": SpamClassCounts(spam: 1, ham: 1),
                    "bread": SpamClassCounts(spam: 0, ham: 1),
                ])
        }
    }

    @Test(
        "Given a decision learned, when it is un-learned, then the counts are as before and features left at zero are forgotten",
        arguments: StoreKind.allCases)
    func unlearn(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.spam.learnSpamFeatures(["bread", "links:0"], as: .ham, delta: 1)
            let before = try await site.store.exportSite().spamModel

            try await site.spam.learnSpamFeatures(["bread", "win", "links:0"], as: .spam, delta: 1)
            try await site.spam.learnSpamFeatures(["bread", "win", "links:0"], as: .spam, delta: -1)

            let after = try await site.store.exportSite().spamModel
            #expect(after == before)
            #expect(after.features.map(\.feature) == ["bread", "links:0"])
        }
    }

    @Test(
        "Given nothing learned as spam, when a spam decision is un-learned, then no count goes below zero",
        arguments: StoreKind.allCases)
    func neverNegative(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.spam.learnSpamFeatures(["bread"], as: .ham, delta: 1)
            try await site.spam.learnSpamFeatures(["bread", "cake"], as: .spam, delta: -1)

            let counts = try await site.spam.spamCounts(for: ["bread", "cake"])
            #expect(counts.documents == SpamClassCounts(spam: 0, ham: 1))
            #expect(counts.occurrences == SpamClassCounts(spam: 0, ham: 1))
            #expect(counts.features == ["bread": SpamClassCounts(spam: 0, ham: 1)])
        }
    }

    @Test(
        "Given many moderators deciding at once, when every decision is learned, then none is lost",
        arguments: StoreKind.allCases)
    func concurrentLearning(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let store = site.spam
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await store.learnSpamFeatures(
                            ["casino", "bonus", "word\(index % 3)"], as: index % 2 == 0 ? .spam : .ham, delta: 1)
                    }
                }
                try await group.waitForAll()
            }
            let counts = try await store.spamCounts(for: ["casino", "word0"])
            #expect(counts.documents == SpamClassCounts(spam: 10, ham: 10))
            #expect(counts.features["casino"] == SpamClassCounts(spam: 10, ham: 10))
            #expect(counts.features["word0"].map { $0.spam + $0.ham } == 7)
        }
    }

    @Test(
        "Given a site that learned, when it is copied to another store, then the learned model comes along",
        arguments: StoreKind.allCases)
    func travelsWithTheSite(kind: StoreKind) async throws {
        try await withSite(kind) { source async throws in
            try await source.spam.learnSpamFeatures(["pills", "domain:pills.example", "ünïcode", "links:1"], as: .spam, delta: 1)
            try await source.spam.learnSpamFeatures(["bread", "links:0"], as: .ham, delta: 1)
            let data = try await source.store.exportSite()
            #expect(data.spamModel.features.count == 6)
            #expect(data.counts["spam_features"] == 6)

            try await withSite(kind) { target async throws in
                try await target.store.importSite(data, replacingExisting: false)
                #expect(try await target.store.exportSite().spamModel == data.spamModel)
                try await target.store.eraseSite()
                #expect(try await target.store.exportSite().spamModel.isEmpty)
            }
        }
    }

    @Test(
        "Given a SQLite site that learned, when it is copied to PostgreSQL, then both engines read the same counts",
        .enabled(if: PostgresTestDatabase.url != nil, "needs TEST_POSTGRES_URL"))
    func crossEngine() async throws {
        try await withSite(.sqlite) { sqlite async throws in
            try await sqlite.spam.learnSpamFeatures(
                ["pills", "cheap pills", "domain:pills.example", "ünïcode", "links:1"], as: .spam, delta: 1)
            try await sqlite.spam.learnSpamFeatures(["bread", "links:0", "Zebra", "zebra"], as: .ham, delta: 1)
            let data = try await sqlite.store.exportSite()
            let features = data.spamModel.features.map(\.feature) + ["never"]
            try await withSite(.postgres) { postgres async throws in
                try await postgres.store.importSite(data, replacingExisting: false)
                #expect(try await postgres.store.exportSite().spamModel == data.spamModel)
                #expect(try await postgres.spam.spamCounts(for: features) == sqlite.spam.spamCounts(for: features))
            }
        }
    }
}
