import Domain
import Foundation
import Markup
import Storage

/// What `addPost` needs: the fields of `parley post add` and of the writer's editor.
public struct AddPostInput: Sendable {
    public var title: String
    public var subtitle: String
    public var bodyMarkdown: String
    public var authorEmail: String
    /// Nil makes one from the title (adding "-2", "-3"... when taken).
    public var slug: String?
    public var draft: Bool
    /// When it was published; nil means now. Demo data and imports set it.
    public var publishedAt: Date?
    /// Mail it to the active subscribers once it is visible (never for a draft).
    public var emailSubscribers: Bool

    public init(
        title: String, subtitle: String = "", bodyMarkdown: String = "", authorEmail: String,
        slug: String? = nil, draft: Bool = false, publishedAt: Date? = nil, emailSubscribers: Bool = true
    ) {
        self.emailSubscribers = emailSubscribers
        self.title = title
        self.subtitle = subtitle
        self.bodyMarkdown = bodyMarkdown
        self.authorEmail = authorEmail
        self.slug = slug
        self.draft = draft
        self.publishedAt = publishedAt
    }
}

extension Actions {
    /// Creates a post, rendering its Markdown once so page views never do.
    public func addPost(_ input: AddPostInput) async throws -> Post {
        let title = try TextInput.singleLine(input.title, field: "title", max: Limits.titleLength)
        let subtitle = try TextInput.singleLine(input.subtitle, field: "subtitle", max: Limits.subtitleLength, required: false)
        let body = try TextInput.clean(input.bodyMarkdown, field: "body", max: Limits.postBodyLength, required: false)
        let email = try EmailAddress.normalize(input.authorEmail, field: "author")
        guard let author = try await store.member(email: email) else { throw FieldError("author", .notFound) }
        guard author.role.isStaff else { throw FieldError("author", .notAllowed) }

        let created = now
        let published = input.draft ? nil : (input.publishedAt?.truncatedToMilliseconds ?? created)
        func newPost(slug: String) -> NewPost {
            NewPost(
                slug: slug, title: title, subtitle: subtitle, bodyMarkdown: body, bodyHTML: PostMarkdown.render(body),
                authorID: author.id, state: input.draft ? .draft : .published, publishedAt: published, createdAt: created,
                sendsEmail: input.emailSubscribers)
        }

        // Published and mailed commit together; the newsletter service sends it once it is visible.
        let newsletter = input.emailSubscribers && !input.draft

        if let requested = input.slug {
            guard Slug.isValid(requested) else { throw FieldError("slug", .invalidSlug) }
            do { return try await store.insertPost(newPost(slug: requested), newsletter: newsletter) } catch StoreError.duplicate {
                throw FieldError("slug", .taken)
            }
        }
        let base = Slug.make(from: title)
        for attempt in 1...50 {
            let slug = attempt == 1 ? base : "\(base.prefix(Limits.slugLength - 4))-\(attempt)"
            do { return try await store.insertPost(newPost(slug: slug), newsletter: newsletter) } catch StoreError.duplicate { continue }
        }
        throw FieldError("slug", .taken)
    }
}
