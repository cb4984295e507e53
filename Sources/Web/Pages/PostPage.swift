import Domain
import Foundation
import Storage

/// `/p/{slug}`: the article, "Discussion about this post" with a preview, "More from", "Ready for more?".
enum PostPage {
    struct Model: Sendable {
        let chrome: PageChrome
        let post: Post
        let author: Member?
        let preview: ThreadsOnPage
        let moreComments: Int
        let morePosts: [Post]
        let morePostAuthors: [MemberID: Member]
        let now: Date
        /// Whether the viewer follows this discussion; nil when signed out.
        let following: Bool?
        var draft: DraftComment?
        /// Why the viewer may not comment here (shown instead of the composer), or nil.
        var standing: FieldError.Reason? = nil
        /// What the reader gets of the post and its likes (`PostReading`).
        var reading: PostReading
        /// The live-updates stream of the discussion, when the page offers it.
        var live: LiveSection? = nil
    }

    /// Reads what the page shows: the top root comments with their first replies, counts,
    /// and a few other posts. A fixed number of small indexed reads, whatever the thread size.
    /// `reading` has no default: every caller says what this viewer may read of the post.
    static func load(
        post: Post, reading: PostReading, chrome: PageChrome, store: any SiteStore, now: Date, draft: DraftComment? = nil
    ) async throws -> Model {
        let visibility = CommentVisibility.of(chrome.viewer)
        let roots = try await PinnedComment.first(
            in: try await store.rootComments(postID: post.id, sort: .top, after: nil, limit: Limits.previewRoots, visibleTo: visibility),
            post: post, store: store)
        let more = try await store.recentPosts(now: now, limit: Limits.morePosts, excluding: post.id)
        // The post's and the other posts' authors come with the comments' authors: one read.
        let preview = try await ThreadsOnPage.read(
            tops: roots, relativeDepth: 1, replyLimit: Limits.previewRepliesPerRoot,
            viewer: chrome.viewer, alsoMembers: Set([post.authorID] + more.map(\.authorID)),
            store: store)
        let following = try await chrome.viewer.asyncMap { try await store.isFollowing(memberID: $0.id, postID: post.id) }
        let standing = try await DiscussionStanding.read(post: post, viewer: chrome.viewer, store: store, now: now)
        return Model(
            chrome: chrome, post: post, author: preview.members[post.authorID], preview: preview,
            moreComments: CommentTree.moreComments(total: post.commentCount, shown: preview.threads),
            morePosts: more, morePostAuthors: preview.members, now: now, following: following, draft: draft, standing: standing,
            reading: reading)
    }

    static func render(_ model: Model) -> HTML {
        let text = model.chrome.text
        let post = model.post
        let ctx = CardContext(
            post: post, members: model.preview.members, liked: model.preview.liked, viewer: model.chrome.viewer,
            csrf: model.chrome.csrf, text: text, now: model.now, draft: model.draft, showsFolds: false,
            subscribers: model.preview.subscribers, muted: model.preview.muted, standing: model.standing)
        let more: HTML =
            model.moreComments > 0
            ? "<a class=\"more-comments\" href=\"\(Paths.postComments(post.slug))\">\(text.moreComments(model.moreComments))</a>"
            : ""
        let cards: HTML =
            model.preview.threads.isEmpty
            ? "<p class=\"empty no-comments\">\(text.noComments)</p>"
            : "<div class=\"comment-list\">\(model.preview.threads.map { CommentCardView.render($0, ctx) })</div>"
        let morePosts: HTML =
            model.morePosts.isEmpty
            ? "<p class=\"empty\">\(text.noPosts)</p>"
            : "<ul class=\"post-list\">\(model.morePosts.map { PostListView.item($0, author: model.morePostAuthors[$0.authorID], text: text) })</ul>"
        return Layout.page(
            title: "\(post.title) - \(model.chrome.publication.name)", chrome: model.chrome, description: post.subtitle,
            social: model.reading.social(post, chrome: model.chrome),
            main: """
                \(ArticleView.render(post: post, author: model.author, text: text, body: model.reading.body(post, chrome: model.chrome)))\
                \(model.reading.likesLine(text))\
                <section class="discussion" id="discussion" aria-labelledby="discussion-heading" data-post-slug="\(post.slug)"\
                \(model.live?.attributes(text) ?? "")>\
                <h2 id="discussion-heading">\(text.discussionHeading)</h2>\
                \(Composer.render(post: post, ctx: ctx, returnPath: Paths.post(post.slug)))\
                \(FollowButton.render(post: post, following: model.following, chrome: model.chrome))\
                \(DiscussionSettingsLink.render(post: post, ctx: ctx))\
                \(ReplyTemplate.render(ctx))\(cards)\(more)\(model.live == nil ? "" : LiveSection.script)</section>\
                <section class="more-from" aria-labelledby="more-from-heading"><h2 id="more-from-heading">\(text.moreFrom(model.chrome.publication.name))</h2>\(morePosts)</section>
                """)
    }
}

/// The article at the top of the post page.
enum ArticleView {
    static func render(post: Post, author: Member?, text: Catalogue, body: HTML? = nil) -> HTML {
        let date = post.publishedAt ?? post.createdAt
        let iso = UTCDate(date).iso8601
        let subtitle: HTML = post.subtitle.isEmpty ? "" : "<p class=\"subtitle\">\(post.subtitle)</p>"
        let byline: HTML =
            author.map {
                "<img class=\"avatar\" src=\"\(Paths.avatar($0))\" alt=\"\(text.avatarAlt(text.name(of: $0)))\" width=\"36\" height=\"36\"><a class=\"byline-name\" href=\"\(Paths.member($0.id))\">\(text.name(of: $0))</a>"
            } ?? ""
        // The cover is the writer's picture for the post; the title says what it is about.
        let cover: HTML = post.coverImage.map { "<img class=\"post-cover\" src=\"\(Paths.upload($0))\" alt=\"\">" } ?? ""
        let updated: HTML =
            post.updatedAt.map { " <time class=\"updated\" datetime=\"\(UTCDate($0).iso8601)\">\(text.editor.updatedOn($0))</time>" } ?? ""
        return """
            <article class="post">\(cover)<header class="post-header"><h1>\(post.title)</h1>\(subtitle)\
            <div class="byline">\(byline)<time datetime="\(iso)">\(text.fullDayOnly(date))</time>\(updated)</div></header>\
            <div class="post-body">\(body ?? HTML(trusted: post.bodyHTML))</div></article>
            """
    }
}

/// The composer of a new root comment: the viewer's avatar and a box, or a sign-in prompt.
enum Composer {
    static func render(post: Post, ctx: CardContext, returnPath: String) -> HTML {
        let text = ctx.text
        guard let viewer = ctx.viewer else {
            if ctx.standing == .discussionClosed { return "<p class=\"composer closed\">\(text.discussionClosed)</p>" }
            return """
                <div class="composer signed-out"><p><a class="button" href="\(Paths.signIn(next: returnPath + "#discussion"))">\(text.signInToComment)</a> \
                <a href="/subscribe">\(text.orSubscribe)</a></p></div>
                """
        }
        // A refused comment keeps its form, so the typed text is not lost; otherwise the reason
        // stands where the composer would be.
        if let reason = ctx.standing, ctx.draft == nil || ctx.draft?.parentID != nil {
            return "<p class=\"composer closed\">\(text.errorMessage(.field(reason)))</p>"
        }
        let draft = ctx.draft?.parentID == nil ? ctx.draft : nil
        return """
            <div class="composer"><img class="avatar" src="\(Paths.avatar(viewer))" alt="\(text.viewerAvatarAlt)" width="32" height="32">\
            \(CommentFormView.render(action: Paths.postComments(post.slug), parentID: nil, draft: draft, placeholder: text.composerPlaceholder, button: text.postButton, id: "composer", ctx: ctx))</div>
            """
    }
}

/// "Follow this discussion": new comments by email, as a digest. Shown to signed-in readers.
enum FollowButton {
    static func render(post: Post, following: Bool?, chrome: PageChrome) -> HTML {
        guard let following else { return "" }
        let account = chrome.text.account
        return """
            <form method="post" action="\(Paths.follow(post.slug))" class="follow-form">\(csrfField(chrome.csrf))\
            <input type="hidden" name="follow" value="\(following ? "0" : "1")">\
            <button type="submit" class="link-button follow-button" aria-pressed="\(following ? "true" : "false")" title="\(account.followHint)">\
            \(following ? account.following : account.follow)</button></form>
            """
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
