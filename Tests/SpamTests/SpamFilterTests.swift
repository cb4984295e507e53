import Domain
import Foundation
import Spam
import StorageSQLite
import Testing
import UseCases

/// The use cases' spam filter on a real SQLite file: the built-in model plus what the site learns.
@Suite("Spam filter learning")
struct SpamFilterTests {
    /// Runs `body` with a filter on a fresh SQLite site in a folder of its own, removed after.
    func withFilter(_ body: (SpamFilter) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-spam-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("parley.sqlite").path)
        defer { try? store.close() }
        try await body(SpamFilter(store: store))
    }

    let newcomer = SpamAuthorSignals(accountAge: 1200, approvedComments: 0, isFirstComment: true)

    @Test("Given a word moderators marked as spam several times, when a new comment with it arrives, then it scores higher than before")
    func learningRaisesTheScore() async throws {
        try await withFilter { filter in
            let fresh = "Has anyone tried the zorbly kettle? Mine arrived yesterday."
            let before = try await filter.assess(text: fresh, author: newcomer)

            for text in ["zorbly kettles half price today", "zorbly deals for everyone", "get your zorbly now", "zorbly zorbly"] {
                try await filter.learn(text: text, author: newcomer, as: .spam)
            }

            let after = try await filter.assess(text: fresh, author: newcomer)
            #expect(after.score > before.score)
            #expect(after.topFeatures.contains { $0.feature == "zorbly" && $0.weight > 0 })
        }
    }

    @Test("Given a decision learned and then reversed, when the comment is scored again, then the score is as before")
    func reversingUnlearns() async throws {
        try await withFilter { filter in
            let text = "The glimmerwick festival was lovely this year, thanks for the photos."
            let before = try await filter.assess(text: text, author: newcomer)

            try await filter.learn(text: text, author: newcomer, as: .spam)
            try await filter.learn(text: text, author: newcomer, as: .spam)
            let wrong = try await filter.assess(text: text, author: newcomer)
            try await filter.learn(text: text, author: newcomer, as: .spam, reverse: true)
            try await filter.learn(text: text, author: newcomer, as: .spam, reverse: true)

            let after = try await filter.assess(text: text, author: newcomer)
            #expect(wrong.score > before.score)
            #expect(after == before)
        }
    }

    @Test(
        "Given approvals of first comments from new accounts, when another real first comment arrives, then the author signals pull it towards real"
    )
    func authorSignalsLearned() async throws {
        try await withFilter { filter in
            let text = "Thanks for the write-up about the market."
            let before = try await filter.assess(text: text, author: newcomer)
            for _ in 0..<5 { try await filter.learn(text: "Lovely photos of the harbour", author: newcomer, as: .ham) }
            let after = try await filter.assess(text: text, author: newcomer)
            #expect(after.score < before.score)
        }
    }

    @Test("Given an obvious spam comment and an ordinary reply on a new site, when assessed, then only the spam is likely spam")
    func dayOne() async throws {
        try await withFilter { filter in
            let spam = try await filter.assess(
                text: "Cheap cialis and viagra, no prescription, order at https://rx-cheap.example.ru", author: newcomer)
            let reply = try await filter.assess(text: "Good point about the bus timetable, I'll raise it at the meeting.", author: newcomer)
            #expect(spam.likelySpam)
            #expect(!reply.likelySpam)
            #expect(spam.topFeatures.count == 5)
        }
    }

    @Test("Given a site store, when many comments are assessed, then the time per comment is printed (a measurement, not a limit)")
    func timing() async throws {
        try await withFilter { filter in
            // A site that has learned: every tenth corpus comment, so the table is not empty.
            for (index, example) in SpamCorpus.examples.enumerated() where index % 10 == 0 {
                try await filter.learn(text: example.text, author: newcomer, as: example.label)
            }
            let texts = SpamCorpus.examples.prefix(200).map(\.text)
            let clock = ContinuousClock()
            _ = try await filter.assess(text: "warm up the built-in model", author: nil)
            let start = clock.now
            for text in texts { _ = try await filter.assess(text: text, author: newcomer) }
            let each = (clock.now - start) / texts.count
            print(
                "spam filter: one assessment on SQLite (one read, 92 comments learned) took \(each) on average over \(texts.count) comments"
            )
        }
    }
}
