import Domain
import Foundation
import Storage
import Testing

@testable import StoragePostgres
@testable import StorageSQLite

extension Site {
    /// The writer's audience ports: the engines have them, the in-memory reference does not.
    var audience: any SubscriberAdminStore & FiguresStore { store as! any SubscriberAdminStore & FiguresStore }

    /// An import of `emails` as `mode`, each opt-in address with a token and a mail of its own.
    func importAddresses(
        _ emails: [String], _ mode: SubscriberImport.Mode, by actor: Member, at date: Date
    ) async throws
        -> SubscriberImportResult
    {
        let addresses = emails.map { email in
            mode == .optIn
                ? SubscriberImport.Address(
                    email: email, confirmTokenHash: "hash-\(email)", mail: NewOutboxJob(recipient: email, messageJSON: "{}"))
                : SubscriberImport.Address(email: email)
        }
        let action: AuditAction = mode == .optIn ? .importSubscribers : .importConfirmedSubscribers
        return try await audience.importSubscribers(
            SubscriberImport(mode: mode, addresses: addresses, now: date),
            audit: NewAuditEntry(at: date, actorID: actor.id, action: action, reason: "from the old list"))
    }
}

@Suite("The subscriber list as the writer manages it")
struct SubscriberAdminStoreTests {
    @Test(
        "Given subscribers of every kind, the list filters by status, source and part of the address, newest first, in pages",
        arguments: StoreKind.allCases)
    func listing(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let owner = try await site.member("owner", role: .owner)
            #expect(try await site.store.insertSubscriber(email: "added@example.com", createdAt: t0))
            _ = try await site.store.requestSubscription(
                email: "form_1@example.com", confirmTokenHash: "t1", now: at(1),
                mail: NewOutboxJob(recipient: "form_1@example.com", messageJSON: "{}"))
            _ = try await site.importAddresses(["ann@example.org", "formx1@example.org"], .confirmedElsewhere, by: owner, at: at(2))
            let all = try await site.audience.subscriberList(filter: SubscriberFilter(), before: nil, limit: 10)
            #expect(all.map(\.email) == ["formx1@example.org", "ann@example.org", "form_1@example.com", "added@example.com"])
            #expect(all.map(\.source) == [.importConfirmed, .importConfirmed, .form, .added])
            let active = try await site.audience.subscriberList(filter: SubscriberFilter(status: .active), before: nil, limit: 10)
            #expect(active.map(\.email) == ["formx1@example.org", "ann@example.org", "added@example.com"])
            let imported = try await site.audience.subscriberList(
                filter: SubscriberFilter(source: .importConfirmed), before: nil, limit: 10)
            #expect(imported.count == 2)
            // "_" is a letter here, not LIKE's any-character; and the search folds case.
            let search = try await site.audience.subscriberList(filter: SubscriberFilter(search: " FORM_ "), before: nil, limit: 10)
            #expect(search.map(\.email) == ["form_1@example.com"])
            let page = try await site.audience.subscriberList(filter: SubscriberFilter(), before: all[1].id, limit: 1)
            #expect(page.map(\.email) == ["form_1@example.com"])
            #expect(try await site.audience.subscriberCounts() == [.active: 3, .pending: 1])
        }
    }

    @Test(
        "Given a list, when addresses are imported for double opt-in, then only new ones are added as pending, each mailed once, and the audit log names them",
        arguments: StoreKind.allCases)
    func importOptIn(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let owner = try await site.member("owner", role: .owner)
            #expect(try await site.store.insertSubscriber(email: "old@example.com", createdAt: t0))
            #expect(try await site.store.insertSubscriber(email: "gone@example.com", createdAt: t0))
            let gone = try #require(try await site.store.subscriber(email: "gone@example.com"))
            #expect(try await site.store.unsubscribe(id: gone.id, now: at(1)))
            let before = try await site.store.outboxCounts()

            let result = try await site.importAddresses(
                ["new1@example.com", "old@example.com", "gone@example.com", "new2@example.com"], .optIn, by: owner, at: at(5))

            #expect(result == SubscriberImportResult(added: ["new1@example.com", "new2@example.com"], alreadyListed: 2))
            let new1 = try #require(try await site.store.subscriber(email: "new1@example.com"))
            #expect(new1.status == .pending && new1.source == .importOptIn && new1.confirmedAt == nil)
            #expect(try await site.store.subscriber(email: "gone@example.com")?.status == .unsubscribed)
            #expect(try await site.store.outboxCounts().pending == before.pending + 2)
            let jobs = try await site.store.claimDue(now: at(6), limit: 10, lease: 60, worker: "test")
            #expect(jobs.map(\.recipient).sorted() == ["new1@example.com", "new2@example.com"])
            // The confirmation link of the import confirms as a form's does.
            let confirmed = try await site.store.confirmSubscription(tokenHash: "hash-new1@example.com", requestedAfter: at(0), now: at(7))
            #expect(confirmed?.status == .active && confirmed?.source == .importOptIn)
            let log = try await site.moderation.auditLog(filter: AuditFilter(action: .importSubscribers), before: nil, limit: 5)
            #expect(log.count == 1)
            #expect(log.first?.actorID == owner.id && log.first?.reason == "from the old list")
            #expect(log.first?.after == "new1@example.com\nnew2@example.com")
        }
    }

    @Test(
        "Given an attested import, then new addresses are active at once, confirmed now, no mail is queued, and the attestation is logged",
        arguments: StoreKind.allCases)
    func importConfirmed(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let owner = try await site.member("owner", role: .owner)
            let before = try await site.store.outboxCounts()
            let many = (0..<150).map { "reader\($0)@example.com" }
            let result = try await site.importAddresses(many, .confirmedElsewhere, by: owner, at: at(9))
            #expect(result.added == many && result.alreadyListed == 0)
            let first = try #require(try await site.store.subscriber(email: "reader0@example.com"))
            #expect(first.status == .active && first.source == .importConfirmed && first.confirmedAt == at(9))
            #expect(try await site.store.outboxCounts() == before)
            #expect(try await site.store.subscriberCount(status: .active) == 150)
            let entry = try #require(
                try await site.moderation.auditLog(filter: AuditFilter(action: .importConfirmedSubscribers), before: nil, limit: 5).first)
            let lines = entry.after.split(separator: "\n")
            #expect(lines.count == SubscriberImport.auditedAddresses + 1)
            #expect(lines.last == "… +50")
            // The same list again adds nothing, and says so.
            let again = try await site.importAddresses(Array(many.prefix(3)), .confirmedElsewhere, by: owner, at: at(10))
            #expect(again == SubscriberImportResult(added: [], alreadyListed: 3))
        }
    }

    @Test(
        "Given a subscriber, when it is removed, then it stays on the list as unsubscribed, left then, an import leaves it alone, and the audit log keeps its address",
        arguments: StoreKind.allCases)
    func remove(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let owner = try await site.member("owner", role: .owner)
            #expect(try await site.store.insertSubscriber(email: "leave@example.com", createdAt: t0))
            let subscriber = try #require(try await site.store.subscriber(email: "leave@example.com"))
            let audit = NewAuditEntry(at: at(3), actorID: owner.id, action: .removeSubscriber)
            let removed = try await site.audience.removeSubscriber(id: subscriber.id, audit: audit)
            #expect(removed?.email == "leave@example.com" && removed?.status == .unsubscribed)
            let kept = try #require(try await site.store.subscriber(id: subscriber.id))
            #expect(kept.status == .unsubscribed)
            // Removing it again, or an unknown id, changes nothing.
            #expect(try await site.audience.removeSubscriber(id: subscriber.id, audit: audit) == nil)
            #expect(try await site.audience.removeSubscriber(id: SubscriberID(999_999), audit: audit) == nil)
            let log = try await site.moderation.auditLog(filter: AuditFilter(action: .removeSubscriber), before: nil, limit: 5)
            #expect(log.map(\.before) == ["leave@example.com"])
            // An attested import does not bring the address back.
            let imported = try await site.importAddresses(["leave@example.com"], .confirmedElsewhere, by: owner, at: at(4))
            #expect(imported == SubscriberImportResult(added: [], alreadyListed: 1))
            #expect(try await site.store.subscriber(id: subscriber.id)?.status == .unsubscribed)
            // The figures count it as left on the day it was removed.
            let growth = try await site.audience.subscriberGrowth(since: t0)
            let day = Int((at(3).timeIntervalSince1970 / 86_400).rounded(.down))
            #expect(growth.days.contains { $0.day == day && $0.left == 1 })
            // Subscribing again from the form starts a new confirmation.
            let again = try await site.store.requestSubscription(
                email: "leave@example.com", confirmTokenHash: "again", now: at(5),
                mail: NewOutboxJob(recipient: "leave@example.com", messageJSON: "{}"))
            #expect(again == .confirmationSent)
            #expect(try await site.store.subscriber(id: subscriber.id)?.status == .pending)
        }
    }
}

@Suite("The dashboard's figures")
struct FiguresStoreTests {
    static let day: TimeInterval = 86_400

    @Test(
        "Given subscribers who join and leave on different days, the growth counts those before the start and each day's changes",
        arguments: StoreKind.allCases)
    func growth(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let start = Date(timeIntervalSince1970: (t0.timeIntervalSince1970 / Self.day).rounded(.down) * Self.day)
            let firstDay = Int(start.timeIntervalSince1970 / Self.day)
            // Two before the start; one of them leaves on day 1.
            #expect(try await site.store.insertSubscriber(email: "a@example.com", createdAt: start.addingTimeInterval(-5 * Self.day)))
            #expect(try await site.store.insertSubscriber(email: "b@example.com", createdAt: start.addingTimeInterval(-2 * Self.day)))
            let b = try #require(try await site.store.subscriber(email: "b@example.com"))
            #expect(try await site.store.unsubscribe(id: b.id, now: start.addingTimeInterval(Self.day + 60)))
            // One confirms by link on day 2; one only asks (pending counts nowhere).
            _ = try await site.store.requestSubscription(
                email: "c@example.com", confirmTokenHash: "c", now: start.addingTimeInterval(2 * Self.day),
                mail: NewOutboxJob(recipient: "c@example.com", messageJSON: "{}"))
            _ = try await site.store.confirmSubscription(
                tokenHash: "c", requestedAfter: start, now: start.addingTimeInterval(2 * Self.day + 30))
            _ = try await site.store.requestSubscription(
                email: "d@example.com", confirmTokenHash: "d", now: start.addingTimeInterval(2 * Self.day),
                mail: NewOutboxJob(recipient: "d@example.com", messageJSON: "{}"))

            let growth = try await site.audience.subscriberGrowth(since: start.addingTimeInterval(3600))
            #expect(growth.before == 2)
            #expect(
                growth.days == [
                    SubscriberDay(day: firstDay + 1, joined: 0, left: 1), SubscriberDay(day: firstDay + 2, joined: 1, left: 0),
                ])
            // From a later start, b is gone already and c is not there yet.
            let later = try await site.audience.subscriberGrowth(since: start.addingTimeInterval(2 * Self.day))
            #expect(later.before == 1 && later.days == [SubscriberDay(day: firstDay + 2, joined: 1, left: 0)])
            // b comes back on day 4: counted from then, the old departure forgotten.
            _ = try await site.store.requestSubscription(
                email: "b@example.com", confirmTokenHash: "b2", now: start.addingTimeInterval(4 * Self.day),
                mail: NewOutboxJob(recipient: "b@example.com", messageJSON: "{}"))
            _ = try await site.store.confirmSubscription(
                tokenHash: "b2", requestedAfter: start, now: start.addingTimeInterval(4 * Self.day + 1))
            let back = try await site.audience.subscriberGrowth(since: start)
            #expect(back.before == 1)
            #expect(back.days.map(\.day) == [firstDay + 2, firstDay + 4] && back.days.map(\.left) == [0, 0])
            #expect(try await site.audience.dashboardGlance(commentsSince: start, subscribersSince: start).newSubscribers == 2)
        }
    }

    @Test(
        "Given posts with discussions, the figures count comments and likes per post, the top commenters and posts by discussion size",
        arguments: StoreKind.allCases)
    func discussions(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let owner = try await site.member("owner", role: .owner)
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            let first = try await site.post("first", by: owner, publishedAt: at(0))
            let second = try await site.post("second", by: owner, publishedAt: at(100))
            _ = try await site.post("draft", by: owner, state: .draft, publishedAt: nil)
            let quiet = try await site.post("quiet", by: owner, publishedAt: at(50))
            let a1 = try await site.comment(on: first, by: ada, at: at(200))
            let a2 = try await site.comment(on: first, by: ada, replyingTo: a1, at: at(201))
            let b1 = try await site.comment(on: second, by: bob, at: at(202))
            let b2 = try await site.comment(on: second, by: bob, at: at(203))
            let old = try await site.comment(on: second, by: bob, at: at(-1000))
            _ = try await site.store.toggleLike(commentID: a1.id, memberID: bob.id, at: at(300))
            _ = try await site.store.toggleLike(commentID: a2.id, memberID: bob.id, at: at(300))
            _ = try await site.store.toggleLike(commentID: b1.id, memberID: ada.id, at: at(300))
            // A removed comment and its like count for nothing.
            _ = try await site.store.toggleLike(commentID: b2.id, memberID: ada.id, at: at(300))
            _ = try await site.moderation.removeComment(id: b2.id, audit: NewAuditEntry(at: at(301), actorID: owner.id, action: .remove))
            _ = old

            let figures = try await site.audience.postFigures(limit: 10)
            #expect(figures.map(\.slug) == ["second", "quiet", "first"])
            #expect(figures.map(\.comments) == [2, 0, 2])
            #expect(figures.map(\.likes) == [1, 0, 2])
            #expect(figures.map(\.postLikes) == [0, 0, 0])
            // Likes from letters are counted apart, per post.
            let readers = site.store as! any ReaderStore
            for (index, email) in ["r1@example.com", "r2@example.com"].enumerated() {
                #expect(try await site.store.insertSubscriber(email: email, createdAt: t0))
                let subscriber = try #require(try await site.store.subscriber(email: email))
                #expect(try await readers.likePost(postID: quiet.id, subscriberID: subscriber.id, at: at(400)))
                if index == 0 { #expect(try await readers.likePost(postID: first.id, subscriberID: subscriber.id, at: at(400))) }
            }
            let withLetters = try await site.audience.postFigures(limit: 10)
            #expect(withLetters.map(\.postLikes) == [0, 2, 1])
            #expect(withLetters.map(\.likes) == [1, 0, 2])
            #expect(try await site.audience.postFigures(limit: 1).map(\.postID) == [second.id])

            let top = try await site.audience.topCommenters(since: at(0), limit: 10)
            #expect(
                top == [
                    CommenterFigures(memberID: ada.id, comments: 2, likes: 2), CommenterFigures(memberID: bob.id, comments: 1, likes: 1),
                ])
            // A tie goes to the lower id.
            let allTime = try await site.audience.topCommenters(since: at(-2000), limit: 2)
            #expect(
                allTime == [
                    CommenterFigures(memberID: ada.id, comments: 2, likes: 2), CommenterFigures(memberID: bob.id, comments: 2, likes: 1),
                ])

            #expect(try await site.audience.postsByDiscussionSize(bounds: [0, 1, 2, 5]) == [1, 0, 2, 0])
            #expect(try await site.audience.postsByDiscussionSize(bounds: DiscussionSizes.bounds) == [1, 2, 0, 0, 0])

            let glance = try await site.audience.dashboardGlance(commentsSince: at(0), subscribersSince: at(0))
            #expect(glance.posts == [.published: 3, .draft: 1])
            #expect(glance.recentComments == 3)
            _ = quiet
        }
    }
}

@Suite("Migration 0012_figures")
struct FiguresIndexTests {
    @Test(
        "Given a migrated site, then the figures' comments have their indexes: by creation time (a period's comments) and by post and status (likes per post)",
        arguments: StoreKind.allCases)
    func indexes(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let names: [String]
            if let sqlite = site.store as? SQLiteStore {
                names = try await sqlite.fetchRawStrings("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'comments'")
            } else {
                let postgres = try #require(site.store as? PostgresStore)
                names = try await postgres.fetchRawStrings(
                    "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'comments'")
            }
            #expect(names.contains("comments_created_at"))
            #expect(names.contains("comments_post_status"))
        }
    }
}

@Suite("Migration 0011_audience on SQLite")
struct AudienceMigrationTests {
    @Test(
        "Given a site left at 0008, when it is opened, then the rebuilt audit log keeps its rows and its id sequence, takes the new actions, and old subscribers count in the figures"
    )
    func upgrade() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("old.sqlite")
        try SQLiteStore.makeFile(
            at: path, migratedUpTo: "0008_writer",
            then: [
                "INSERT INTO audit_log (id, at, action, reason) VALUES (7, 1, 'ban', 'spam')",
                "INSERT INTO audit_log (id, at, action) VALUES (8, 2, 'unban')",
                // The sequence remembers 8 after the row is gone: no id is handed out twice.
                "DELETE FROM audit_log WHERE id = 8",
                "INSERT INTO subscribers (email, status, created_at, source) VALUES ('added@example.com', 'active', 5, 'added')",
                """
                INSERT INTO subscribers (email, status, created_at, confirmed_at, source)
                VALUES ('left@example.com', 'unsubscribed', 6, 7, 'form')
                """,
            ])
        let store = try SQLiteStore(path: path)
        defer { try? store.close() }
        let kept = try await store.auditLog(filter: AuditFilter(), before: nil, limit: 10)
        #expect(kept.map(\.id) == [AuditEntryID(7)] && kept.first?.reason == "spam" && kept.first?.action == .ban)
        try await store.appendAudit(NewAuditEntry(at: at(0), actorID: nil, action: .removeSubscriber, before: "x@example.com"))
        #expect(try await store.auditLog(filter: AuditFilter(), before: nil, limit: 10).map(\.id) == [AuditEntryID(9), AuditEntryID(7)])
        #expect(try await store.subscriber(email: "added@example.com")?.confirmedAt == Date(millisecondsSince1970: 5))
        let growth = try await store.subscriberGrowth(since: Date(millisecondsSince1970: 0))
        #expect(growth == SubscriberGrowth(before: 0, days: [SubscriberDay(day: 0, joined: 2, left: 1)]))
    }
}
