import Domain
import Foundation
import Storage

extension Actions {
    /// Comments on a page of another site (the embed). The page's discussion is made by the
    /// first comment that passes every rule, so a refused comment (no text, a ban, a blocked
    /// word) leaves no empty discussion behind; two first comments at once make one discussion
    /// (`PageStore.ensurePageDiscussion`). Which origins may embed is the web room's question:
    /// callers ask it before this.
    ///
    /// The discussion is titled `title` (the page's own, as the embed read it; the URL when
    /// empty) and belongs to the publication's first owner, so no reader is ever shown as its
    /// author.
    public func postPageComment(
        url: PageURL, title: String, replyTo parentID: CommentID?, text: String, by viewer: Member?
    )
        async throws -> Comment
    {
        guard let viewer else { throw FieldError("body", .signInRequired) }
        let body = try Self.commentText(text)
        if let post = try await store.pageDiscussion(url: url) {
            return try await postComment(postID: post.id, replyTo: parentID, text: body, by: viewer)
        }
        // No discussion yet: nothing to reply to, and the rules are asked before one is made.
        if parentID != nil { throw FieldError("parent", .notFound) }
        let pageTitle = Self.pageTitle(title, url: url)
        let settings = try await requireParticipation(
            in: Self.unsavedPageDiscussion(url, title: pageTitle, by: viewer, at: now), by: viewer, field: "body")
        _ = try await holdNote(for: body, by: viewer, settings: settings, appliesPolicy: false)
        let owner = try await store.memberList(search: nil, roles: [.owner], after: nil, limit: 1).first ?? viewer
        let post = try await ensurePageDiscussion(url: url, title: pageTitle, authorID: owner.id)
        return try await postComment(postID: post.id, replyTo: nil, text: body, by: viewer)
    }

    /// The title a page gives its discussion: trimmed, at most `Limits.pageTitleLength`
    /// characters (a longer one is cut, since the reader did not type it), the URL when empty.
    static func pageTitle(_ raw: String, url: PageURL) -> String {
        let trimmed = TextInput.oneLine(raw)
        let title = trimmed.isEmpty ? url.text : trimmed
        return String(title.prefix(Limits.pageTitleLength))
    }

    /// The discussion as it will be made, for the participation rules to judge before it is.
    static func unsavedPageDiscussion(_ url: PageURL, title: String, by viewer: Member, at: Date) -> Post {
        Post(
            id: PostID(0), slug: "", title: title, subtitle: "", bodyMarkdown: "", bodyHTML: "", authorID: viewer.id, state: .page,
            audience: .everyone, discussion: .open, publishedAt: at, createdAt: at, commentCount: 0, pageURL: url)
    }

    /// Finds or makes the page's discussion. Its slug is the title's with a digest of the URL
    /// (`my-post-3f2a9c1e`), so two pages with one title do not meet; in the unlikely case the
    /// slug is taken, a longer digest is tried.
    private func ensurePageDiscussion(url: PageURL, title: String, authorID: MemberID) async throws -> Post {
        let digest = SecretToken.hash(url.text)
        let stem = String(Slug.make(from: title).prefix(Limits.slugLength - 34))
        for length in [8, 16, 32] {
            let slug = stem.isEmpty ? "page-\(digest.prefix(length))" : "\(stem)-\(digest.prefix(length))"
            do {
                return try await store.ensurePageDiscussion(url: url, title: title, slug: slug, authorID: authorID, at: now)
            } catch StoreError.duplicate(field: "slug") {
                continue
            }
        }
        throw FieldError("url", .notAllowed)
    }
}
