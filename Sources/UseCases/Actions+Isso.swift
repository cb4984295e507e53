import Domain
import Foundation
import Storage

/// The discussion an Isso request names: one of this site's posts (the URI was its own path),
/// or the page of an allowed site, whose discussion its first comment makes.
public enum IssoTarget: Sendable {
    case post(Post)
    case page(PageURL, title: String)
}

/// What an anonymous commenter typed about themselves (Isso's `author`, `email`, `website`).
public struct GuestAuthor: Sendable {
    public var name: String
    public var email: String?
    public var website: String?

    public init(name: String, email: String?, website: String?) {
        self.name = name
        self.email = email
        self.website = website
    }
}

/// Who writes through the Isso API: a signed-in member as themselves, or a guest.
public enum IssoCommenter: Sendable {
    case member(Member)
    case guest(GuestAuthor)
}

extension Actions {
    /// Posts a comment that came through the Isso API. A member comments as themselves; a guest
    /// (the caller checked that anonymous comments are allowed) becomes a new `MemberKind.guest`
    /// member under a placeholder address (`GuestAddress.make()`), whatever address was typed:
    /// a typed address proves nothing, so it must never earn a badge, turn into an account at
    /// the owner's sign-in, take the address, draw an import, or skip "the first comments are
    /// held" by naming someone known (docs/ISSO.md). Every rule of a comment
    /// applies (bans, the discussion's setting, blocked words, holding): a guest's comment is
    /// checked before the guest is stored, so a refused comment leaves nothing behind.
    public func postIssoComment(
        on target: IssoTarget, replyTo parentID: CommentID?, text: String, by commenter: IssoCommenter
    )
        async throws -> Comment
    {
        let body = try Self.commentText(text)
        let author: Member
        switch commenter {
        case .member(let member):
            author = member
        case .guest(let guest):
            let name = try DisplayName.normalize(guest.name, field: "author")
            let typed = TextInput.oneLine(guest.email ?? "")
            // Checked so a malformed address is refused as before, then not kept.
            if !typed.isEmpty { _ = try EmailAddress.normalize(typed, field: "email") }
            let website = try GuestWebsite.normalize(guest.website)
            try await checkGuestComment(body, on: target, replyTo: parentID, name: name)
            author = try await store.insertMember(
                NewMember(
                    email: GuestAddress.make(), displayName: name, role: .member, passwordHash: nil, createdAt: now, kind: .guest,
                    website: website))
        }
        switch target {
        case .post(let post): return try await postComment(postID: post.id, replyTo: parentID, text: body, by: author)
        case .page(let url, let title): return try await postPageComment(url: url, title: title, replyTo: parentID, text: body, by: author)
        }
    }

    /// The rules a guest's comment meets, asked of the guest-to-be before it is stored.
    private func checkGuestComment(_ body: String, on target: IssoTarget, replyTo parentID: CommentID?, name: String) async throws {
        let unsaved = unsavedGuest(name: name)
        let post: Post
        switch target {
        case .post(let existing):
            guard existing.isVisible(at: clock()) else { throw FieldError("post", .notFound) }
            post = existing
        case .page(let url, let title):
            post =
                try await store.pageDiscussion(url: url)
                ?? Self.unsavedPageDiscussion(url, title: Self.pageTitle(title, url: url), by: unsaved, at: now)
        }
        if let parentID {
            guard let parent = try await store.comment(id: parentID), parent.postID == post.id, !parent.isDeleted,
                parent.status == .visible
            else { throw FieldError("parent", .notFound) }
        }
        let settings = try await requireParticipation(in: post, by: unsaved, field: "body")
        _ = try await holdNote(for: body, by: unsaved, settings: settings, appliesPolicy: false)
    }

    /// A guest as the participation rules see one before (or without) storing it: no ban, no
    /// subscription, no staff role.
    private func unsavedGuest(name: String) -> Member {
        Member(
            id: MemberID(0), email: "", displayName: name, role: .member, createdAt: now, notifyReplies: false, notifyMentions: false,
            kind: .guest)
    }

    // MARK: Votes

    /// Isso's like or dislike from a client address: one vote per address and comment (the
    /// address kept only as a keyed hash, `issoVoter`), never on a comment posted from that
    /// address. A like adds to the comment's like count, which Parley's pages show. The counts
    /// after the vote; nil for a comment that is not there for everyone. `voter` is the
    /// signed-in member, or nil for a guest (the caller checked that anonymous comments are
    /// allowed); either meets the discussion's rules as a comment would (bans, a closed
    /// discussion, subscribers or staff only), thrown as a `FieldError` on "vote".
    public func issoVote(commentID: CommentID, address: String?, like: Bool, by voter: Member?) async throws -> IssoVotes? {
        guard let comment = try await store.comment(id: commentID), !comment.isDeleted, comment.status == .visible,
            let post = try await store.post(id: comment.postID), post.isVisible(at: clock())
        else { return nil }
        _ = try await requireParticipation(in: post, by: voter ?? unsavedGuest(name: ""), field: "vote")
        guard let votes = try await store.issoVote(commentID: commentID, voter: try await issoVoter(address: address), like: like) else {
            return nil
        }
        if votes.likes != comment.likeCount { await announceLikes(comment, count: votes.likes) }
        return votes
    }

    /// Keeps the author's own address among a new comment's voters, so they cannot vote on it.
    public func recordIssoAuthorVote(commentID: CommentID, address: String?) async throws {
        try await store.recordIssoVoter(commentID: commentID, voter: try await issoVoter(address: address))
    }

    /// A client address as `isso_votes` keeps it: an HMAC under the site's key of the address's
    /// rate-limit key (an IPv6 address by its /64), so the table holds no address.
    func issoVoter(address: String?) async throws -> String {
        let key = address.flatMap { IPAddress($0) }?.limitKey ?? "unknown"
        return try await LinkSigner.load(store).mac("isso-voter:" + key)
    }

    /// What Isso's `hash` of an author is: 12 hex digits that stay the same for one author (the
    /// client draws its identicon from them) and tell nothing about them.
    public func issoAuthorHashes(_ ids: Set<MemberID>) async throws -> [MemberID: String] {
        let signer = try await LinkSigner.load(store)
        return Dictionary(uniqueKeysWithValues: ids.map { ($0, String(SecretToken.hash(signer.mac("isso-author:\($0)")).prefix(12))) })
    }

    // MARK: Edit cookies

    /// The value of Isso's edit cookie for `comment`: its expiry and an HMAC under the site's
    /// key over the comment, the expiry and a digest of its text as it is now, so an edit (which
    /// hands out a new one) or a deletion voids the old one, as in Isso.
    public func issoEditToken(for comment: Comment, expires: Date) async throws -> String {
        let expiry = Int64(expires.timeIntervalSince1970)
        return "\(expiry).\(try await LinkSigner.load(store).mac(Self.issoEditMessage(comment, expiry: expiry)))"
    }

    /// Whether `token` is a live edit cookie of `comment` as it is now.
    public func issoEditTokenIsValid(_ token: String, for comment: Comment) async throws -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.utf8.count <= 200, parts.count == 2, let expiry = Int64(parts[0]),
            Date(timeIntervalSince1970: TimeInterval(expiry)) > clock()
        else { return false }
        let expected = try await LinkSigner.load(store).mac(Self.issoEditMessage(comment, expiry: expiry))
        return SecretToken.constantTimeEquals(expected, String(parts[1]))
    }

    private static func issoEditMessage(_ comment: Comment, expiry: Int64) -> String {
        "isso-edit:\(comment.id):\(expiry):\(SecretToken.hash(comment.bodyText))"
    }

    /// Edits a comment for the holder of its edit cookie (checked by the caller): as its author.
    public func editIssoComment(_ comment: Comment, text: String) async throws -> Comment {
        guard let author = try await store.member(id: comment.authorID) else { throw FieldError("comment", .notFound) }
        return try await editComment(id: comment.id, text: text, by: author)
    }

    /// Deletes a comment for the holder of its edit cookie (checked by the caller): as its author.
    public func deleteIssoComment(_ comment: Comment) async throws -> CommentDeletion {
        guard let author = try await store.member(id: comment.authorID) else { throw FieldError("comment", .notFound) }
        return try await deleteComment(id: comment.id, by: author).outcome
    }
}
