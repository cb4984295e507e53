import Domain
import Foundation

extension Post {
    /// The post a store has just inserted from `new` under `id`, as reading it back would give
    /// it: times at the stored millisecond, no comments yet. Every engine's insert answers with
    /// this, so a post looks the same whether it was written by hand or imported.
    public init(inserted new: NewPost, id: PostID) {
        self.init(
            id: id, slug: new.slug, title: new.title, subtitle: new.subtitle,
            bodyMarkdown: new.bodyMarkdown, bodyHTML: new.bodyHTML, authorID: new.authorID, state: new.state,
            audience: new.audience, discussion: new.discussion,
            publishedAt: new.publishedAt?.truncatedToMilliseconds,
            createdAt: new.createdAt.truncatedToMilliseconds, commentCount: 0, coverImage: new.coverImage,
            sendsEmail: new.sendsEmail)
    }
}
