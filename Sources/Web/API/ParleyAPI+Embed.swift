import API
import Domain
import Foundation
import HTTPTypes
import Storage
import UseCases

/// The embed's operations: a page's discussion by its URL, a comment on a page (the first one
/// makes the discussion), and comment counts for many URLs at once. Only pages of an allowed
/// origin (`EmbedAllowList`: the publication's settings and `--embed-origins`) have discussions.
extension ParleyAPI {
    func discussionByURL(_ input: Operations.DiscussionByURL.Input) async throws -> Operations.DiscussionByURL.Output {
        let url = try await allowedPage(input.query.url)
        let post = try await store.pageDiscussion(url: url)
        let body = Components.Schemas.PageDiscussion(
            postId: post?.id.rawValue, url: url.text, title: post?.title ?? "",
            commentCount: post?.commentCount ?? 0, discussion: .init(rawValue: post?.discussion.rawValue ?? "open") ?? .open,
            liveUrl: post.map { "/live/\($0.id)" })
        let etag = try APIETag.of(body)
        if APIETag.matches(input.headers.ifNoneMatch, etag) {
            return .notModified(.init(headers: .init(eTag: etag)))
        }
        return .ok(.init(headers: .init(eTag: etag), body: .json(body)))
    }

    func createPageComment(_ input: Operations.CreatePageComment.Input) async throws -> Operations.CreatePageComment.Output {
        guard case .json(let new) = input.body else { throw FieldError("body", .required) }
        guard let viewer else { throw FieldError("body", .signInRequired) }
        try await limit(.comment)
        let url = try await allowedPage(new.url)
        let created = try await actions.postPageComment(
            url: url, title: new.title, replyTo: new.parentId.map(CommentID.init), text: new.body, by: viewer)
        guard let post = try await store.post(id: created.postID) else { throw FieldError("url", .notFound) }
        return .created(
            .init(headers: .init(location: "/api/v1/comments/\(created.id)"), body: .json(try await comment(created, post: post))))
    }

    func countComments(_ input: Operations.CountComments.Input) async throws -> Operations.CountComments.Output {
        // The document's bounds (1 to 100 URLs) are checked before this runs (`APIDocumentCheck`).
        guard case .json(let asked) = input.body else { throw FieldError("urls", .required) }
        // A URL that is no page (or too long) has no discussion: 0, like a page nobody commented on.
        let pages = asked.urls.map { PageURL($0) }
        var counts = try await store.pageCommentCounts(urls: pages.compactMap { $0 })
        // This publication's own posts, by their address (`/p/SLUG`), are counted too.
        let own = PageURL(actions.mail.baseURL)?.origin
        for page in pages.compactMap({ $0 }) where counts[page] == nil && page.origin == own {
            let path = URLComponents(string: page.text)?.path ?? ""
            guard path.hasPrefix("/p/"), case let slug = String(path.dropFirst(3)), !slug.contains("/"),
                slug.utf8.count <= Limits.slugLength, let post = try await store.post(slug: slug),
                post.isVisible(at: now), PostState.listed.contains(post.state)
            else { continue }
            counts[page] = post.commentCount
        }
        return .ok(.init(body: .json(.init(counts: pages.map { $0.flatMap { counts[$0] } ?? 0 }))))
    }

    /// `raw` as a `PageURL` of an allowed origin, or the problem that says why not.
    private func allowedPage(_ raw: String) async throws -> PageURL {
        guard let url = PageURL(raw) else { throw FieldError("url", .invalidChoice) }
        guard try await routes.embedAllowList.allows(url.origin) else {
            throw APIProblem(
                status: .forbidden, title: text.api.forbiddenTitle, detail: text.embed.originRefused,
                fields: [.init(field: "url", detail: text.embed.originRefused)])
        }
        return url
    }
}
