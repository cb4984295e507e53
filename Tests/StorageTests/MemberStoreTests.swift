import Domain
import Foundation
import Storage
import Testing

@Suite("Members")
struct MemberStoreTests {
    @Test(
        "Given a new member, when inserted, then it gets an id and reads back by id and by email",
        arguments: StoreKind.allCases)
    func insertAndRead(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            // A time with a fraction of a millisecond: stores keep whole milliseconds.
            let created = Date(timeIntervalSince1970: 1_750_000_000.123_456)
            let inserted = try await site.store.insertMember(
                NewMember(
                    email: "ada@example.com", displayName: "Ada", bio: "Counts things", role: .admin,
                    passwordHash: "$2b$hash", createdAt: created))
            #expect(inserted.email == "ada@example.com")
            #expect(inserted.displayName == "Ada")
            #expect(inserted.bio == "Counts things")
            #expect(inserted.role == .admin)
            #expect(inserted.createdAt == created.truncatedToMilliseconds)
            #expect(try await site.store.member(id: inserted.id) == inserted)
            #expect(try await site.store.member(email: "ada@example.com") == inserted)
            #expect(try await site.store.passwordHash(memberID: inserted.id) == "$2b$hash")
            #expect(try await site.store.memberCount() == 1)
        }
    }

    @Test("Given no such member, when looked up, then nothing is found", arguments: StoreKind.allCases)
    func unknownMember(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            #expect(try await site.store.member(id: MemberID(ada.id.rawValue + 1)) == nil)
            #expect(try await site.store.member(email: "nobody@example.com") == nil)
            #expect(try await site.store.passwordHash(memberID: MemberID(ada.id.rawValue + 1)) == nil)
        }
    }

    @Test("Given a member without a password, when its hash is read, then it is nil", arguments: StoreKind.allCases)
    func noPassword(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", passwordHash: nil)
            #expect(try await site.store.passwordHash(memberID: ada.id) == nil)
        }
    }

    @Test(
        "Given a member, when another is inserted with the same email, then it is refused as a duplicate",
        arguments: StoreKind.allCases)
    func duplicateEmail(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.member("ada")
            await #expect(throws: StoreError.duplicate(field: "email")) {
                try await site.member("ada", role: .owner)
            }
            #expect(try await site.store.memberCount() == 1)
        }
    }

    @Test(
        "Given a member, when someone signs up with the same address in other letter case, then it is a duplicate",
        arguments: StoreKind.allCases)
    func duplicateEmailOtherCase(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.member("ada")
            // Use cases hand the store canonical addresses; the store's rule is then exact equality.
            let canonical = try EmailAddress.normalize("  ADA@Example.COM ")
            await #expect(throws: StoreError.duplicate(field: "email")) {
                try await site.store.insertMember(
                    NewMember(
                        email: canonical, displayName: "Impostor", role: .member,
                        passwordHash: nil, createdAt: t0))
            }
            #expect(try await site.store.memberCount() == 1)
        }
    }

    @Test(
        "Given some members, when several are read by id, then the known ones come back keyed by id",
        arguments: StoreKind.allCases)
    func manyByID(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            try await site.member("cyd")
            let found = try await site.store.members(ids: [ada.id, bob.id, MemberID(999)])
            #expect(found == [ada.id: ada, bob.id: bob])
            #expect(try await site.store.members(ids: []).isEmpty)
            #expect(try await site.store.memberCount() == 3)
        }
    }

    @Test(
        "Given many members, when more are read by id than SQLite binds at once, then all come back",
        arguments: StoreKind.allCases)
    func manyMoreByID(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            var ids: Set<MemberID> = [ada.id]
            for raw in 1...1_200 { ids.insert(MemberID(Int64(raw) + 10_000)) }
            #expect(try await site.store.members(ids: ids) == [ada.id: ada])
        }
    }
}

@Suite("Sessions")
struct SessionStoreTests {
    @Test(
        "Given a session, when it is looked up before it expires, then its member is found",
        arguments: StoreKind.allCases)
    func liveSession(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            try await site.store.insertSession(tokenHash: "h1", memberID: ada.id, createdAt: t0, expiresAt: at(3600))
            #expect(try await site.store.member(sessionTokenHash: "h1", now: t0) == ada)
            #expect(try await site.store.member(sessionTokenHash: "h1", now: at(3599.999)) == ada)
        }
    }

    @Test(
        "Given a session, when it is looked up at or after its expiry, then no member is found",
        arguments: StoreKind.allCases)
    func expiredSession(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            try await site.store.insertSession(tokenHash: "h1", memberID: ada.id, createdAt: t0, expiresAt: at(3600))
            #expect(try await site.store.member(sessionTokenHash: "h1", now: at(3600)) == nil)
            #expect(try await site.store.member(sessionTokenHash: "h1", now: at(86_400)) == nil)
        }
    }

    @Test("Given an unknown token, when it is looked up, then no member is found", arguments: StoreKind.allCases)
    func unknownSession(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            try await site.store.insertSession(tokenHash: "h1", memberID: ada.id, createdAt: t0, expiresAt: at(3600))
            #expect(try await site.store.member(sessionTokenHash: "h2", now: t0) == nil)
        }
    }

    @Test("Given two sessions, when one is deleted, then only that one stops working", arguments: StoreKind.allCases)
    func deleteSession(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            try await site.store.insertSession(tokenHash: "h1", memberID: ada.id, createdAt: t0, expiresAt: at(3600))
            try await site.store.insertSession(tokenHash: "h2", memberID: ada.id, createdAt: t0, expiresAt: at(3600))
            try await site.store.deleteSession(tokenHash: "h1")
            try await site.store.deleteSession(tokenHash: "never-existed")
            #expect(try await site.store.member(sessionTokenHash: "h1", now: t0) == nil)
            #expect(try await site.store.member(sessionTokenHash: "h2", now: t0) == ada)
        }
    }

    @Test(
        "Given three sessions of one member and one of another, when all but one of the first's end, then only that one and the other's work",
        arguments: StoreKind.allCases)
    func deleteOtherSessions(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            for hash in ["a1", "a2", "a3"] {
                try await site.store.insertSession(tokenHash: hash, memberID: ada.id, createdAt: t0, expiresAt: at(3600))
            }
            try await site.store.insertSession(tokenHash: "b1", memberID: bob.id, createdAt: t0, expiresAt: at(3600))
            try await site.store.deleteSessions(memberID: ada.id, keeping: "a2")
            #expect(try await site.store.member(sessionTokenHash: "a1", now: t0) == nil)
            #expect(try await site.store.member(sessionTokenHash: "a2", now: t0) == ada)
            #expect(try await site.store.member(sessionTokenHash: "a3", now: t0) == nil)
            #expect(try await site.store.member(sessionTokenHash: "b1", now: t0) == bob)
            try await site.store.deleteSessions(memberID: ada.id, keeping: nil)
            #expect(try await site.store.member(sessionTokenHash: "a2", now: t0) == nil)
        }
    }

    @Test(
        "Given no such member, when a session is inserted for it, then it is refused as missing",
        arguments: StoreKind.allCases)
    func sessionForUnknownMember(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            await #expect(throws: StoreError.missing("member")) {
                try await site.store.insertSession(tokenHash: "h1", memberID: MemberID(42), createdAt: t0, expiresAt: at(60))
            }
            #expect(try await site.store.member(sessionTokenHash: "h1", now: t0) == nil)
        }
    }

    @Test(
        "Given a session, when another is inserted with the same token hash, then it is refused as a duplicate",
        arguments: StoreKind.allCases)
    func duplicateToken(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            try await site.store.insertSession(tokenHash: "h1", memberID: ada.id, createdAt: t0, expiresAt: at(60))
            await #expect(throws: StoreError.duplicate(field: "token_hash")) {
                try await site.store.insertSession(tokenHash: "h1", memberID: bob.id, createdAt: t0, expiresAt: at(60))
            }
            #expect(try await site.store.member(sessionTokenHash: "h1", now: t0) == ada)
        }
    }
}
