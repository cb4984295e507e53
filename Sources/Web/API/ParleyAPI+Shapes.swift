import API
import Domain
import Foundation
import Markup
import Storage

/// How the API shows the domain's values: the document's schemas made from what the pages read
/// (`ThreadsOnPage`: authors, likes, subscribers), with the pages' rules for badges and for
/// what a viewer may read of a hidden comment.
extension ParleyAPI {
    /// A member as the author of a comment or a post (`post` gives the "author" badge).
    func author(_ member: Member?, id: MemberID, post: Post?, subscribers: Set<MemberID>) -> Components.Schemas.Author {
        var badges: Components.Schemas.Author.BadgesPayload = []
        if let post, post.authorID == id {
            badges.append(.author)
        } else if member?.role.isStaff ?? false {
            badges.append(.staff)
        }
        if subscribers.contains(id) { badges.append(.subscriber) }
        return Components.Schemas.Author(
            id: id.rawValue, name: text.name(of: member), url: Paths.member(id), avatarUrl: Paths.avatar(member, id: id),
            role: Self.role(member?.role ?? .member), badges: badges)
    }

    /// A comment with the replies its thread window shows, as the viewer sees it: a deleted
    /// comment, or a hidden one the viewer may not read, is a placeholder (no author, no text).
    func comment(_ node: ThreadNode, post: Post, reads: ThreadsOnPage) -> Components.Schemas.Comment {
        let comment = node.comment
        let readable = !comment.isDeleted && CommentVisibility.of(viewer).showsText(of: comment)
        let status: Components.Schemas.CommentStatus =
            switch (comment.isDeleted, comment.status) {
            case (true, _): .deleted
            case (false, .visible): .visible
            case (false, .held): .held
            case (false, .removed): .removed
            }
        var shown = Components.Schemas.Comment(
            id: comment.id.rawValue, postId: comment.postID.rawValue, url: Paths.commentAnchor(post.slug, comment.id), status: status,
            html: readable ? comment.bodyHTML : "", createdAt: comment.createdAt, likeCount: comment.likeCount,
            liked: reads.liked.contains(comment.id), replyCount: comment.descendantCount,
            replies: node.replies.map { self.comment($0, post: post, reads: reads) }, moreReplies: node.hiddenReplyCount,
            pinned: post.pinnedCommentID == comment.id && comment.status == .visible,
            highlighted: comment.featuredAt != nil && comment.status == .visible,
            mine: viewer?.id == comment.authorID && !comment.isDeleted)
        shown.parentId = comment.parentID?.rawValue
        shown.editedAt = readable ? comment.editedAt : nil
        if readable {
            shown.author = author(reads.members[comment.authorID], id: comment.authorID, post: post, subscribers: reads.subscribers)
        }
        return shown
    }

    /// One comment on its own (a new or edited one, a moderation decision), read as a page would.
    func comment(_ comment: Comment, post: Post) async throws -> Components.Schemas.Comment {
        let reads = try await ThreadsOnPage.decorate([ThreadNode(comment: comment)], viewer: viewer, store: store)
        return self.comment(ThreadNode(comment: comment), post: post, reads: reads)
    }

    /// A post as its page shows it to the viewer: the whole body, or the teaser of a
    /// subscribers-only post they may not read.
    func post(_ post: Post, author member: Member?, readsWhole: Bool) -> Components.Schemas.Post {
        var shown = Components.Schemas.Post(
            id: post.id.rawValue, slug: post.slug, title: post.title, subtitle: post.subtitle, url: Paths.post(post.slug),
            author: author(member, id: post.authorID, post: post, subscribers: []),
            audience: post.audience == .everyone ? .everyone : .subscribers, discussion: Self.discussion(post.discussion),
            commentCount: post.commentCount,
            html: readsWhole ? post.bodyHTML : "<p class=\"teaser\">\(HTMLEscaping.escape(PostPlainText.teaser(html: post.bodyHTML)))</p>",
            teaser: !readsWhole, publishedAt: post.publishedAt ?? post.createdAt)
        shown.coverImageUrl = post.coverImage.map(Paths.upload)
        shown.updatedAt = post.updatedAt
        return shown
    }

    static func role(_ role: Role) -> Components.Schemas.Role {
        switch role {
        case .owner: .owner
        case .admin: .admin
        case .moderator: .moderator
        case .member: .member
        }
    }

    static func discussion(_ setting: DiscussionSetting) -> Components.Schemas.Post.DiscussionPayload {
        switch setting {
        case .open: .open
        case .subscribers: .subscribers
        case .staff: .staff
        case .closed: .closed
        }
    }

    /// A `cursor` this API did not make (or made for another list or sort).
    var badCursor: APIProblem {
        APIProblem(
            status: .badRequest, title: text.api.malformedTitle, detail: text.api.badCursor,
            fields: [.init(field: "cursor", detail: text.api.badCursor)])
    }

    /// The page-shaped `PageChrome` the pages' reads take: only its viewer matters to them.
    var readerChrome: PageChrome {
        PageChrome(publication: .placeholder, viewer: viewer, csrf: "", text: text, currentPath: "")
    }
}
