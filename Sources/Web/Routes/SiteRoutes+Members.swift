import Domain
import Foundation
import Hummingbird
import UseCases

extension SiteRoutes {
    /// `GET /members/{id}`: the member's page with their recent comments (`?before=` pages back).
    func memberPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let raw = context.parameters.get("id"), let id = MemberID(parsing: raw),
            let member = try await store.member(id: id)
        else { return try await notFound(request, context) }
        let before = request.uri.queryParameters.get("before").flatMap { CommentID(parsing: $0) }
        // One more than shown tells whether there is an older page.
        let page = try await store.comments(
            authorID: member.id, before: before, limit: Limits.memberPageComments + 1, visibleTo: .of(context.viewer))
        let isViewerStaff = context.viewer?.role.isStaff ?? false
        var posts: [PostID: Post] = [:]
        var entries: [MemberPage.Entry] = []
        // Held comments only for their author and staff, removed ones only for staff.
        let readable = page.prefix(Limits.memberPageComments).filter { CommentVisibility.of(context.viewer).showsText(of: $0) }
        for comment in readable {
            if posts[comment.postID] == nil { posts[comment.postID] = try await store.post(id: comment.postID) }
            // Comments under posts the reader may not see (drafts, scheduled) are not listed.
            guard let post = posts[comment.postID], post.isVisible(at: now) || isViewerStaff else { continue }
            entries.append(.init(comment: comment, post: post))
        }
        let older = page.count > Limits.memberPageComments ? page[Limits.memberPageComments - 1].id : nil
        let chrome = try await chrome(request, context)
        let standing = try await MemberStanding.read(member: member, viewer: context.viewer, store: store)
        return Reply.page(
            MemberPage.render(
                chrome: chrome, member: member, entries: entries,
                olderPath: older.map { "\(Paths.member(member.id))?before=\($0)" }, now: now,
                moderation: MemberStanding.render(standing, member: member, chrome: chrome),
                staff: try await staffBanSection(for: member, request, context) + staffSubscription(for: member, chrome: chrome)))
    }

    /// `GET /members/{id}/avatar.svg`: the generated avatar, initials on a colour from the name.
    func generatedAvatar(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let raw = context.parameters.get("id"), let id = MemberID(parsing: raw),
            let member = try await store.member(id: id)
        else { return Response(status: .notFound) }
        var headers = HTTPFields()
        headers[.contentType] = "image/svg+xml"
        headers[.cacheControl] = "public, max-age=3600"
        // An SVG opened on its own must not run anything, whatever a name contains.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'"
        let name = member.isDeleted ? "" : member.displayName
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: GeneratedAvatar.svg(name: name))))
    }

    /// `GET /members/{id}/avatar/{version}`: an uploaded avatar, with the type sniffed when it
    /// was stored. The version is in the URL, so the response can be cached for a year; an
    /// old version redirects to the current picture.
    func uploadedAvatar(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let raw = context.parameters.get("id"), let id = MemberID(parsing: raw),
            let version = context.parameters.get("version"), version.utf8.count <= 64
        else { return Response(status: .notFound) }
        guard let avatar = try await store.avatar(memberID: id) else {
            return Reply.redirect(to: "/members/\(id)/avatar.svg")
        }
        guard avatar.version == version else { return Reply.redirect(to: "/members/\(id)/avatar/\(avatar.version)") }
        var headers = HTTPFields()
        headers[.contentType] = avatar.contentType
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        headers[.contentSecurityPolicy] = "default-src 'none'; sandbox"
        headers[.contentDisposition] = "inline"
        headers[.eTag] = "\"\(avatar.version)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: avatar.bytes)))
    }
}
