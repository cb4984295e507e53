import API
import Domain
import Foundation

/// Posts: the list readers find on the archive, and one post as its page shows it.
extension ParleyAPI {
    func listPosts(_ input: Operations.ListPosts.Input) async throws -> Operations.ListPosts.Output {
        let limit = input.query.limit ?? 20
        let offset = try offset(input.query.cursor)
        // One extra post tells whether another page follows.
        var posts = try await store.archivePosts(now: now, limit: limit + 1, offset: offset)
        let next = posts.count > limit ? "o\(offset + limit)" : nil
        if posts.count > limit { posts.removeLast() }
        let authors = try await store.members(ids: Set(posts.map(\.authorID)))
        // Asked once, and only if a subscribers-only post is on the page.
        let readsSubscriberPosts = posts.contains { $0.audience == .subscribers } ? try await actions.readsSubscriberPosts(viewer) : true
        var page = Components.Schemas.PostPage(
            posts: posts.map { post($0, author: authors[$0.authorID], readsWhole: $0.audience == .everyone || readsSubscriberPosts) })
        page.next = next
        let tag = try APIETag.of(page)
        if APIETag.matches(input.headers.ifNoneMatch, tag) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(page)))
    }

    func getPost(_ input: Operations.GetPost.Input) async throws -> Operations.GetPost.Output {
        let post = try await visiblePost(slug: input.path.slug)
        let shown = self.post(
            post, author: try await store.member(id: post.authorID), readsWhole: try await actions.readsWhole(post, viewer: viewer))
        let tag = try APIETag.of(shown)
        if APIETag.matches(input.headers.ifNoneMatch, tag) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(shown)))
    }

    /// The post with this slug if the viewer may see it (the pages' rule); else not found.
    func visiblePost(slug: String) async throws -> Post {
        guard slug.utf8.count <= Limits.slugLength, let post = try await store.post(slug: slug),
            let shown = routes.visible(post, to: viewer)
        else { throw FieldError("slug", .notFound) }
        return shown
    }

    /// The post with this id if the viewer may see it; else not found (naming `postId`).
    func visiblePost(id: Int64) async throws -> Post {
        guard let post = try await store.post(id: PostID(id)), let shown = routes.visible(post, to: viewer) else {
            throw FieldError("post", .notFound)
        }
        return shown
    }

    /// A posts cursor ("o" and how many posts came before), as `listPosts` makes them. The
    /// archive pages by offset too, and as far.
    func offset(_ cursor: String?) throws -> Int {
        guard let cursor else { return 0 }
        guard cursor.first == "o", let offset = Int(cursor.dropFirst()), offset >= 0, offset <= Limits.maxSearchOffset else {
            throw badCursor
        }
        return offset
    }
}
