import Domain
import Foundation
import Storage

/// Everything Parley keeps about a member, as they download it (`/settings/export`).
/// Field names are part of the documented format (docs/OPERATIONS.md): add, never rename.
public struct AccountExport: Codable, Sendable {
    public struct Profile: Codable, Sendable {
        public var id: Int64
        public var email: String
        public var displayName: String
        public var bio: String
        public var role: String
        public var createdAt: Date
        public var hasPassword: Bool
        public var hasUploadedAvatar: Bool
        public var notifyReplies: Bool
        public var notifyMentions: Bool
    }

    public struct ExportedComment: Codable, Sendable {
        public var id: Int64
        public var postID: Int64
        public var parentID: Int64?
        public var text: String
        public var createdAt: Date
        public var editedAt: Date?
        public var deletedAt: Date?
        public var likeCount: Int
    }

    public struct ExportedLike: Codable, Sendable {
        public var commentID: Int64
        public var createdAt: Date
    }

    public struct Newsletter: Codable, Sendable {
        public var status: String
        public var subscribedAt: Date
        public var confirmedAt: Date?
    }

    public var format: String = "parley-account-export/1"
    public var exportedAt: Date
    public var profile: Profile
    public var comments: [ExportedComment]
    public var likes: [ExportedLike]
    public var followedPostIDs: [Int64]
    public var newsletter: Newsletter?

    /// Pretty, key-sorted JSON with ISO 8601 dates: readable by a person and by a program.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }
}

extension Actions {
    /// All the viewer's data: profile, every comment (deleted ones too, as stored), likes,
    /// follows and newsletter status. Read in pages, so a prolific member costs steps, not one huge read.
    public func exportAccount(of viewer: Member?) async throws -> AccountExport {
        guard let viewer, let member = try await store.member(id: viewer.id) else { throw FieldError("account", .signInRequired) }
        var comments: [Comment] = []
        var before: CommentID?
        while true {
            // Their own data, whatever moderation made of it: every row, as staff would list it.
            let page = try await store.comments(authorID: member.id, before: before, limit: 500, visibleTo: .staff)
            comments += page
            guard page.count == 500, let last = page.last else { break }
            before = last.id
        }
        let subscriber = try await store.subscriber(email: member.email)
        return AccountExport(
            exportedAt: now,
            profile: .init(
                id: member.id.rawValue, email: member.email, displayName: member.displayName, bio: member.bio,
                role: member.role.rawValue, createdAt: member.createdAt,
                hasPassword: try await store.passwordHash(memberID: member.id) != nil,
                hasUploadedAvatar: member.avatarVersion != nil, notifyReplies: member.notifyReplies,
                notifyMentions: member.notifyMentions),
            comments: comments.map {
                .init(
                    id: $0.id.rawValue, postID: $0.postID.rawValue, parentID: $0.parentID?.rawValue, text: $0.bodyText,
                    createdAt: $0.createdAt, editedAt: $0.editedAt, deletedAt: $0.deletedAt, likeCount: $0.likeCount)
            },
            likes: try await store.likes(memberID: member.id).map { .init(commentID: $0.commentID.rawValue, createdAt: $0.at) },
            followedPostIDs: try await store.followedPostIDs(memberID: member.id).map(\.rawValue),
            newsletter: subscriber.map { .init(status: $0.status.rawValue, subscribedAt: $0.createdAt, confirmedAt: $0.confirmedAt) })
    }

    /// Deletes the viewer's account, once they typed their own email to confirm. Their
    /// comments go as `MailSettings.deletedAccountComments` says; everything else that is
    /// theirs goes (see `MemberStore.deleteAccount`). The owner cannot delete themselves:
    /// a publication without its owner has no one left to run it.
    public func deleteAccount(confirmEmail: String, by viewer: Member?) async throws {
        guard let viewer else { throw FieldError("confirm", .signInRequired) }
        guard viewer.role != .owner else { throw FieldError("confirm", .notAllowed) }
        let typed = confirmEmail.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !typed.isEmpty else { throw FieldError("confirm", .required) }
        guard typed == viewer.email else { throw FieldError("confirm", .mismatch) }
        try await store.deleteAccount(memberID: viewer.id, comments: mail.deletedAccountComments, at: now)
    }
}
