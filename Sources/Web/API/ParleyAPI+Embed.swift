import API
import Crypto
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
        let etag = try Self.etag(of: body)
        if let asked = input.headers.ifNoneMatch, StaticAssets.matches(asked, etag) {
            return .notModified(.init(headers: .init(eTag: etag)))
        }
        return .ok(.init(headers: .init(eTag: etag), body: .json(body)))
    }

    func createPageComment(_ input: Operations.CreatePageComment.Input) async throws -> Operations.CreatePageComment.Output {
        guard case .json(let new) = input.body else { throw APIProblem.refusing("body", "A JSON body is needed.", status: .badRequest) }
        guard let viewer else {
            throw APIProblem(status: .unauthorized, title: "Sign in needed", detail: text.errorMessage(.field(.signInRequired)))
        }
        let url = try await allowedPage(new.url)
        let comment: Comment
        do {
            comment = try await actions.postPageComment(
                url: url, title: new.title, replyTo: new.parentId.map(CommentID.init), text: new.body, by: viewer)
        } catch let error as FieldError {
            throw APIProblem.refusing(error.field, text.errorMessage(.field(error.reason)), status: Reply.status(for: .field(error.reason)))
        }
        guard let post = try await store.post(id: comment.postID) else {
            throw APIProblem(status: .notFound, title: "Not found", detail: text.notFoundBody)
        }
        return .created(
            .init(
                headers: .init(location: "/api/v1/comments/\(comment.id)"),
                body: .json(try await pageComment(comment, in: post, by: viewer))))
    }

    func countComments(_ input: Operations.CountComments.Input) async throws -> Operations.CountComments.Output {
        guard case .json(let asked) = input.body else { throw APIProblem.refusing("urls", "A JSON body is needed.", status: .badRequest) }
        guard (1...100).contains(asked.urls.count) else {
            throw APIProblem.refusing("urls", "Between 1 and 100 URLs.", status: .badRequest)
        }
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
        guard let url = PageURL(raw) else {
            throw APIProblem.refusing("url", "An absolute http or https URL is needed.", status: .badRequest)
        }
        guard try await routes.embedAllowList.allows(url.origin) else {
            throw APIProblem.refusing("url", text.embed.originRefused, status: .forbidden)
        }
        return url
    }

    /// The new comment as the API shows it to its author.
    private func pageComment(_ comment: Comment, in post: Post, by viewer: Member) async throws -> Components.Schemas.Comment {
        var badges: Components.Schemas.Author.BadgesPayload = []
        if viewer.id == post.authorID { badges.append(.author) }
        if viewer.role.isStaff { badges.append(.staff) }
        let author = Components.Schemas.Author(
            id: viewer.id.rawValue, name: viewer.displayName, url: Paths.member(viewer.id), avatarUrl: Paths.avatar(viewer),
            role: .init(rawValue: viewer.role.rawValue) ?? .member, badges: badges)
        return Components.Schemas.Comment(
            id: comment.id.rawValue, postId: post.id.rawValue, parentId: comment.parentID?.rawValue,
            url: Paths.comment(post.slug, comment.id), status: .init(rawValue: comment.status.rawValue) ?? .visible,
            author: author, html: comment.bodyHTML, createdAt: comment.createdAt, editedAt: nil,
            likeCount: comment.likeCount, liked: false, replyCount: 0, replies: [], moreReplies: 0,
            pinned: post.pinnedCommentID == comment.id, highlighted: comment.featuredAt != nil, mine: true)
    }

    /// A weak validator of the answer: a digest of its JSON.
    private static func etag(of value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let digest = SHA256.hash(data: try encoder.encode(value)).prefix(12).map { String(format: "%02x", $0) }.joined()
        return "W/\"\(digest)\""
    }
}

extension APIProblem {
    /// A refused field of the request, named in the problem's `errors`.
    fileprivate static func refusing(_ field: String, _ detail: String, status: HTTPResponse.Status) -> APIProblem {
        APIProblem(status: status, title: "Refused", detail: detail, fields: [.init(field: field, detail: detail)])
    }
}
