import Domain
import Foundation
import Hummingbird

extension SiteRoutes {
    /// A post page under a slug the post had before answers 301 to the same page under its
    /// slug now (links and bookmarks keep working); anything else is not found.
    func movedOrNotFound(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let slug = context.parameters.get("slug"), slug.utf8.count <= Limits.slugLength,
            let id = try await store.postID(formerSlug: slug), let post = try await store.post(id: id),
            post.isVisible(at: now) || (context.viewer?.role.isStaff ?? false)
        else { return try await notFound(request, context) }
        let path = request.uri.path
        let rest = path.dropFirst("/p/".count + slug.utf8.count)
        let location = Paths.post(post.slug) + rest + (request.uri.query.map { "?" + $0 } ?? "")
        return Response(status: .movedPermanently, headers: [.location: location])
    }
}
