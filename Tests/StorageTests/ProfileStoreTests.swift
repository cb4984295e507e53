import Domain
import Foundation
import Storage
import Testing

@Suite("Members: profiles, passwords, switches and avatars")
struct ProfileStoreTests {
    static func avatar(_ version: String, _ bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47], at date: Date = t0) -> AvatarImage {
        AvatarImage(contentType: "image/png", bytes: Data(bytes), version: version, updatedAt: date)
    }

    @Test(
        "Given a new member, when read, then replies and mentions are on, there is no avatar and the account is live",
        arguments: StoreKind.allCases)
    func defaults(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            #expect(ada.notifyReplies && ada.notifyMentions)
            #expect(ada.avatarVersion == nil && ada.deletedAt == nil && !ada.isDeleted)
            #expect(try await site.store.member(id: ada.id) == ada)
            #expect(try await site.store.avatar(memberID: ada.id) == nil)
        }
    }

    @Test(
        "Given a member, when the profile is updated, then name and bio change and mentions find the new name only",
        arguments: StoreKind.allCases)
    func updateProfile(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            #expect(try await site.store.members(nameKeys: ["ada"]) == [ada])
            try await site.store.updateProfile(memberID: ada.id, displayName: "Ada  Lovelace", bio: "Counts things")
            let updated = try #require(try await site.store.member(id: ada.id))
            #expect(updated.displayName == "Ada  Lovelace" && updated.bio == "Counts things")
            #expect(updated.email == ada.email && updated.role == ada.role)
            #expect(try await site.store.members(nameKeys: [NameKey.of("ADA lovelace ")]) == [updated])
            #expect(try await site.store.members(nameKeys: ["ada"]).isEmpty)
            await #expect(throws: StoreError.missing("member")) {
                try await site.store.updateProfile(memberID: MemberID(999), displayName: "Nobody", bio: "")
            }
        }
    }

    @Test(
        "Given names in any case and spacing, when mentions are looked up by key, then the matching live members come, in id order",
        arguments: StoreKind.allCases)
    func nameKeys(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let emile = try await site.store.insertMember(
                NewMember(
                    email: "emile@example.com", displayName: "ÉMILE  Zola",
                    role: .member, passwordHash: nil, createdAt: t0))
            let bob = try await site.member("bob")
            let twin = try await site.store.insertMember(
                NewMember(
                    email: "bob2@example.com", displayName: "BOB",
                    role: .member, passwordHash: nil, createdAt: t0))
            let gone = try await site.member("cyd")
            try await site.store.deleteAccount(memberID: gone.id, comments: .remove, at: at(1))
            #expect(try await site.store.members(nameKeys: ["émile zola", "bob", "cyd", "nobody"]) == [emile, bob, twin])
            #expect(try await site.store.members(nameKeys: []).isEmpty)
            // A deleted member's key is empty: an empty key finds no one.
            #expect(try await site.store.members(nameKeys: [""]).isEmpty)
        }
    }

    @Test("Given a member, when the password is set and removed, then the hash follows", arguments: StoreKind.allCases)
    func password(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            try await site.store.setPasswordHash("$2b$first", memberID: ada.id)
            #expect(try await site.store.passwordHash(memberID: ada.id) == "$2b$first")
            try await site.store.setPasswordHash("$2b$second", memberID: ada.id)
            #expect(try await site.store.passwordHash(memberID: ada.id) == "$2b$second")
            try await site.store.setPasswordHash(nil, memberID: ada.id)
            #expect(try await site.store.passwordHash(memberID: ada.id) == nil)
            await #expect(throws: StoreError.missing("member")) {
                try await site.store.setPasswordHash("$2b$x", memberID: MemberID(999))
            }
        }
    }

    @Test(
        "Given a member, when the mail switches are turned, then the member reads back with them",
        arguments: StoreKind.allCases)
    func switches(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            try await site.store.setNotificationSwitches(memberID: ada.id, replies: false, mentions: true)
            var read = try #require(try await site.store.member(id: ada.id))
            #expect(!read.notifyReplies && read.notifyMentions)
            try await site.store.setNotificationSwitches(memberID: ada.id, replies: true, mentions: false)
            read = try #require(try await site.store.member(email: ada.email))
            #expect(read.notifyReplies && !read.notifyMentions)
            await #expect(throws: StoreError.missing("member")) {
                try await site.store.setNotificationSwitches(memberID: MemberID(999), replies: true, mentions: true)
            }
        }
    }

    @Test(
        "Given a member, when an avatar is set, replaced and removed, then the bytes and the member's version follow",
        arguments: StoreKind.allCases)
    func avatar(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            let first = Self.avatar("v1", at: Date(timeIntervalSince1970: 1_750_000_000.123_456))
            try await site.store.setAvatar(first, memberID: ada.id)
            let stored = try #require(try await site.store.avatar(memberID: ada.id))
            #expect(stored.bytes == first.bytes && stored.version == "v1" && stored.contentType == "image/png")
            #expect(stored.updatedAt == first.updatedAt.truncatedToMilliseconds)
            #expect(try await site.store.member(id: ada.id)?.avatarVersion == "v1")

            let second = AvatarImage(contentType: "image/webp", bytes: Data([1, 2, 3, 0, 255]), version: "v2", updatedAt: at(5))
            try await site.store.setAvatar(second, memberID: ada.id)
            #expect(try await site.store.avatar(memberID: ada.id) == second)
            #expect(try await site.store.members(ids: [ada.id])[ada.id]?.avatarVersion == "v2")
            #expect(try await site.store.avatar(memberID: bob.id) == nil)

            try await site.store.setAvatar(nil, memberID: ada.id)
            #expect(try await site.store.avatar(memberID: ada.id) == nil)
            #expect(try await site.store.member(id: ada.id)?.avatarVersion == nil)
            await #expect(throws: StoreError.missing("member")) {
                try await site.store.setAvatar(Self.avatar("v3"), memberID: MemberID(999))
            }
        }
    }
}
