import Domain
import Foundation

/// A comment form that was refused: its text comes back with the reason next to it.
struct DraftComment: Sendable {
    var text: String
    var error: String?
    /// The comment replied to; nil for the composer of a new root comment.
    var parentID: CommentID?
}

/// Everything a comment card needs besides the comment: shared by every card of a page.
struct CardContext: Sendable {
    let post: Post
    let members: [MemberID: Member]
    let liked: Set<CommentID>
    let viewer: Member?
    let csrf: String
    let text: Catalogue
    let now: Date
    /// The comment a permalink points at: drawn marked.
    var marked: CommentID? = nil
    /// The card whose reply box is open (no-JS "Reply" link, or a refused reply).
    var replyOpen: CommentID? = nil
    var draft: DraftComment? = nil
    /// Whether folded replies get their "N more replies" link (not in the post page preview).
    var showsFolds = true
    /// Comments shown only as the way down to a focused one: their fold link lists all their replies.
    var foldsFromStart: Set<CommentID> = []
    /// Authors with an active subscription: the "Subscriber" badge.
    var subscribers: Set<MemberID> = []
    /// Members the viewer muted: their cards are collapsed.
    var muted: Set<MemberID> = []
    /// Why the viewer may not comment, reply or like here (see `DiscussionStanding`); nil: they may.
    var standing: FieldError.Reason? = nil

    var isStaff: Bool { viewer?.role.isStaff ?? false }

    /// Whether the viewer may read `comment`'s text: everyone a visible one, its author a
    /// held one, staff any. Anyone else sees a hidden comment only as a placeholder.
    func mayRead(_ comment: Comment) -> Bool {
        CommentVisibility.of(viewer).showsText(of: comment)
    }
}

/// The comment card: avatar, name, badge, time, body, like, reply, permalink, menu, replies.
enum CommentCardView {
    static func render(_ node: ThreadNode, _ ctx: CardContext) -> HTML {
        let comment = node.comment
        let slug = ctx.post.slug
        let replies: HTML = node.replies.isEmpty ? "" : "<div class=\"replies\">\(node.replies.map { render($0, ctx) })</div>"
        let fold: HTML =
            ctx.showsFolds && node.hiddenReplyCount > 0
            ? "<a class=\"more-replies\" href=\"\(ctx.foldsFromStart.contains(comment.id) ? Paths.commentAnchor(slug, comment.id) : Paths.moreReplies(slug, node))\">\(ctx.text.moreReplies(node.hiddenReplyCount))</a>"
            : ""
        let markedClass = ctx.marked == comment.id ? " marked" : ""
        let current: HTML = ctx.marked == comment.id ? " aria-current=\"true\" tabindex=\"-1\"" : ""

        if comment.isDeleted || !ctx.mayRead(comment) {
            let placeholder = comment.isDeleted ? ctx.text.commentDeleted : ctx.text.rules.commentHidden
            return """
                <article class="comment deleted\(markedClass)" id="comment-\(comment.id)" data-comment-id="\(comment.id)"\(current)>\
                <div class="comment-main"><div class="comment-content"><p class="comment-deleted">\(placeholder)</p></div>\(replies)\(fold)</div></article>
                """
        }

        let author = ctx.members[comment.authorID]
        let name = ctx.text.name(of: author)
        let badge = badges(comment, author: author, ctx)
        let edited: HTML = comment.editedAt == nil ? "" : "<span class=\"edited\">· \(ctx.text.edited)</span>"
        let iso = UTCDate(comment.createdAt).iso8601
        let age = ctx.text.relativeAge(RelativeAge(of: comment.createdAt, now: ctx.now))

        let statusClass = comment.status == .visible ? "" : " \(comment.status.rawValue)"
        let featuredClass = comment.featuredAt == nil ? "" : " featured"
        let content: HTML = """
            <header class="comment-meta"><a class="comment-author" href="\(Paths.member(comment.authorID))">\(name)</a>\(badge)\
            <a class="comment-time permalink" href="\(Paths.comment(slug, comment.id))" title="\(ctx.text.permalink)">\
            <time datetime="\(iso)" title="\(ctx.text.fullDate(comment.createdAt))">\(age)</time></a>\(edited)</header>\
            <div class="comment-body">\(HTML(trusted: comment.bodyHTML))</div>\
            \(actions(comment, ctx))
            """
        let shown: HTML =
            ctx.muted.contains(comment.authorID) && ctx.viewer?.id != comment.authorID
            ? "<details class=\"muted-comment\"><summary>\(ctx.text.rules.mutedComment)</summary>\(content)</details>" : content
        return """
            <article class="comment\(markedClass)\(statusClass)\(featuredClass)" id="comment-\(comment.id)" data-comment-id="\(comment.id)"\(current)>\
            <img class="avatar" src="\(Paths.avatar(author, id: comment.authorID))" alt="\(ctx.text.avatarAlt(name))" width="32" height="32" loading="lazy">\
            <div class="comment-main"><div class="comment-content">\(shown)</div>\
            \(ctx.replyOpen == comment.id ? replyForm(to: comment, ctx) : "")\
            \(replies)\(fold)</div></article>
            """
    }

    static func actions(_ comment: Comment, _ ctx: CardContext) -> HTML {
        let slug = ctx.post.slug
        let liked = ctx.liked.contains(comment.id)
        let likeLabel = "\(liked ? ctx.text.unlike : ctx.text.like) (\(ctx.text.likesLabel(comment.likeCount)))"
        let isAuthor = ctx.viewer?.id == comment.authorID
        let canDelete = isAuthor || (ctx.viewer?.role.isStaff ?? false)
        var menuItems: [HTML] = []
        if isAuthor {
            menuItems.append("<a class=\"menu-item edit-link\" href=\"\(Paths.edit(slug, comment.id))\">\(ctx.text.edit)</a>")
        }
        menuItems += CardModeration.menuItems(comment, ctx)
        if canDelete {
            menuItems.append(
                """
                <form method="post" action="\(Paths.delete(slug, comment.id))" class="delete-form" data-confirm="\(ctx.text.deleteConfirm)">\
                \(csrfField(ctx.csrf))<button type="submit" class="menu-item danger">\(ctx.text.delete)</button></form>
                """)
        }
        let menu: HTML =
            menuItems.isEmpty
            ? ""
            : """
            <details class="comment-menu"><summary aria-label="\(ctx.text.commentMenu)">…</summary><div class="menu-items">\(menuItems)</div></details>
            """
        let isVisible = comment.status == .visible
        let canReply = isVisible && (ctx.viewer == nil || ctx.standing == nil)
        let like: HTML =
            isVisible
            ? """
            <form method="post" action="\(Paths.like(slug, comment.id))" class="like-form">\(csrfField(ctx.csrf))\
            <button type="submit" class="like-button" aria-pressed="\(liked ? "true" : "false")" aria-label="\(likeLabel)">\
            \(heart)<span class="like-count">\(comment.likeCount)</span></button></form>
            """ : ""
        return """
            <footer class="comment-actions">\(like)\
            \(canReply ? "<a class=\"reply-link\" href=\"\(Paths.replyForm(slug, comment.id))\" data-reply-to=\"\(comment.id)\">\(ctx.text.reply)</a>" as HTML : "")\
            <a class="permalink-link" href="\(Paths.commentAnchor(slug, comment.id))">\(ctx.text.permalink)</a>\
            \(menu)</footer>
            """
    }

    /// The reply box under a card, open without JavaScript through `?reply=1`.
    static func replyForm(to comment: Comment, _ ctx: CardContext) -> HTML {
        let refusedHere = ctx.draft?.parentID == comment.id
        guard refusedHere || comment.status == .visible && (ctx.viewer == nil || ctx.standing == nil) else { return "" }
        guard ctx.viewer != nil else {
            return
                "<p class=\"reply-signin\" id=\"reply-\(comment.id)\"><a href=\"\(Paths.signIn(next: Paths.replyForm(ctx.post.slug, comment.id)))\">\(ctx.text.signInToComment)</a></p>"
        }
        let draft = ctx.draft?.parentID == comment.id ? ctx.draft : nil
        return CommentFormView.render(
            action: Paths.postComments(ctx.post.slug), parentID: comment.id, draft: draft,
            placeholder: ctx.text.replyPlaceholder, button: ctx.text.replyButton,
            id: "reply-\(comment.id)", ctx: ctx)
    }

    static let heart: HTML = """
        <svg class="heart" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path d="M12 21s-7.5-4.6-9.6-9.2C.9 8.4 3 4.5 6.8 4.5c2.1 0 3.6 1.1 4.4 2.5h1.6c.8-1.4 2.3-2.5 4.4-2.5 3.8 0 5.9 3.9 4.4 7.3C19.5 16.4 12 21 12 21z"/></svg>
        """
}

/// The hidden field that carries the CSRF token in every form.
func csrfField(_ token: String) -> HTML {
    "<input type=\"hidden\" name=\"_csrf\" value=\"\(token)\">"
}

/// A comment form: the composer of a root comment, a reply box, or an edit box.
enum CommentFormView {
    static func render(
        action: String, parentID: CommentID?, draft: DraftComment?, placeholder: String, button: String,
        id: String, ctx: CardContext, cancel: String? = nil, cancelsInPlace: Bool = false
    ) -> HTML {
        let fieldID = "\(id)-body"
        let errorID = "\(id)-error"
        let error: HTML = draft?.error.map { "<p class=\"field-error\" id=\"\(errorID)\" role=\"alert\">\($0)</p>" } ?? ""
        let described: HTML = draft?.error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(errorID)\""
        let parentField: HTML = parentID.map { "<input type=\"hidden\" name=\"parent_id\" value=\"\($0)\">" } ?? ""
        let cancelLink: HTML =
            cancelsInPlace
            ? "<button type=\"button\" class=\"button secondary cancel-reply\">\(ctx.text.cancel)</button>"
            : cancel.map { "<a class=\"button secondary\" href=\"\($0)\">\(ctx.text.cancel)</a>" } ?? ""
        return """
            <form method="post" action="\(action)" class="comment-form" id="\(id)">\(csrfField(ctx.csrf))\(parentField)\
            <label class="visually-hidden" for="\(fieldID)">\(parentID == nil ? ctx.text.composerLabel : placeholder)</label>\
            <textarea id="\(fieldID)" name="body" rows="3" maxlength="\(Limits.commentLength)" required placeholder="\(placeholder)"\(described)>\
            \(draft?.text ?? "")</textarea>\(error)\
            <div class="form-actions">\(cancelLink)<button type="submit" class="button">\(button)</button></div></form>
            """
    }
}

/// The reply box the page script clones under a card when Reply is clicked.
enum ReplyTemplate {
    static func render(_ ctx: CardContext) -> HTML {
        guard ctx.viewer != nil, ctx.standing == nil else { return "" }
        let form = CommentFormView.render(
            action: Paths.postComments(ctx.post.slug), parentID: CommentID(0), draft: nil,
            placeholder: ctx.text.replyPlaceholder, button: ctx.text.replyButton,
            id: "reply-template-form", ctx: ctx, cancelsInPlace: true)
        return "<template id=\"reply-template\">\(form)</template>"
    }
}
