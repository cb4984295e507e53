import Domain
import Foundation
import Hummingbird
import UseCases

extension SiteRoutes {
    /// The reader pages: the archive with its search, and the page a newsletter's like link opens.
    func registerReaders(on site: RouterGroup<AppRequestContext>) {
        site.get("/archive") { request, context in try await archive(request, context) }
        site.get("/p/:slug/like") { request, context in try await letterLikePage(request, context) }
    }

    /// The form behind a newsletter's like link.
    func readersFormRoutes() -> [FormRoute] {
        [FormRoute("/p/:slug/like", field: "like", refused: { try await refusedMessage($0, $1, $2) }) { try await likeFromLetter($0, $1) }]
    }

    /// `GET /archive[?q=...][&page=N]`.
    func archive(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        let query = String((parameters.get("q") ?? "").prefix(SearchTerms.maxQueryLength)).trimmingCharacters(in: .whitespacesAndNewlines)
        let size = Limits.archivePageSize
        let lastPage = Limits.maxSearchOffset / size + 1
        let page = min(max(parameters.get("page").flatMap { Int($0) } ?? 1, 1), lastPage)
        let offset = (page - 1) * size
        // One more than a page, to know whether there is a next one.
        let found =
            query.isEmpty
            ? try await store.archivePosts(now: now, limit: size + 1, offset: offset)
            : try await actions.searchPosts(query: query, viewer: context.viewer, limit: size + 1, offset: offset)
        let posts = Array(found.prefix(size))
        let model = ArchivePage.Model(
            chrome: try await chrome(request, context), query: query, posts: posts,
            authors: try await store.members(ids: Set(posts.map(\.authorID))), page: page,
            hasNextPage: found.count > size && page < lastPage)
        return Reply.page(ArchivePage.render(model))
    }

    /// `GET /p/{slug}/like?s=...&sig=...`: what a like link from a newsletter opens. It only
    /// asks (mail scanners open every link); the button likes the post.
    func letterLikePage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        // Links in letters already sent name the slug the post had then: a renamed post's
        // link is sent on, signature and all, to its address now.
        guard let post = try await visiblePost(context) else { return try await movedOrNotFound(request, context) }
        let chrome = try await chrome(request, context)
        let parameters = request.uri.queryParameters
        guard let link = LetterLikeLink(subscriber: parameters.get("s"), signature: parameters.get("sig")),
            try await actions.isGenuine(link, post: post)
        else {
            return Reply.page(
                Layout.message(
                    title: text.errorTitle, body: text.readers.likeLinkInvalid, chrome: chrome,
                    link: (Paths.post(post.slug), post.title)), status: .notFound)
        }
        return Reply.page(LetterLikePage.render(post: post, link: link, chrome: chrome))
    }

    /// `POST /p/{slug}/like`: likes the post for the link's subscriber, then shows the post.
    func likeFromLetter(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context) else { throw Refusal(FieldError("like", .notFound)) }
        guard let link = LetterLikeLink(subscriber: context.form["s"], signature: context.form["sig"]) else {
            throw Refusal(FieldError("like", .notFound))
        }
        try await actions.likeFromLetter(link, post: post)
        return Reply.redirect(to: Paths.post(post.slug) + "?liked=1#post-likes")
    }
}

/// The page of a like link: the post's title and one button.
enum LetterLikePage {
    static func render(post: Post, link: LetterLikeLink, chrome: PageChrome) -> HTML {
        let text = chrome.text.readers
        return Layout.page(
            title: text.likeTitle(post.title), chrome: chrome, showsSubscribe: false,
            main: """
                <section class="message"><h1>\(text.likeTitle(post.title))</h1><p>\(text.likeFromEmailBody)</p>\
                <form method="post" action="\(Paths.post(post.slug))/like">\(csrfField(chrome.csrf))\
                <input type="hidden" name="s" value="\(link.subscriberID)"><input type="hidden" name="sig" value="\(link.signature)">\
                <button type="submit" class="button">\(text.likeButton)</button></form>\
                <p><a href="\(Paths.post(post.slug))">\(post.title)</a></p></section>
                """)
    }
}

extension SiteRoutes {
    /// What the viewer gets of `post` on its page (`PostReading`).
    /// The logo comes from the page's chrome, which has already read the publication.
    func reading(_ post: Post, _ request: Request, _ context: AppRequestContext, chrome: PageChrome) async throws -> PostReading {
        PostReading(
            readsWhole: try await actions.readsWhole(post, viewer: context.viewer), likes: try await store.postLikeCount(postID: post.id),
            justLiked: request.uri.queryParameters.get("liked") == "1", image: previewImage(post, logo: chrome.publication.logo))
    }

    /// The post's cover image, or else the publication's logo, as an absolute address.
    func previewImage(_ post: Post, logo: UploadKey?) -> String? {
        guard let key = post.coverImage ?? logo else { return nil }
        return baseURL + Paths.upload(key)
    }
}
