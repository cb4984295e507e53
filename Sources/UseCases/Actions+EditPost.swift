import Domain
import Foundation
import Markup
import Storage

/// Who changes a post: an owner or admin in the browser, or the operator at the command line
/// (who holds the database, so needs no role, but meets every other check).
public enum PostActor: Sendable {
    case member(Member?)
    case `operator`
}

/// The editor's fields as the writer typed them.
public struct PostForm: Sendable {
    public var title: String
    public var subtitle: String
    /// Empty makes one from the title (adding "-2", "-3"... when taken).
    public var slug: String
    public var bodyMarkdown: String
    public var audience: PostAudience
    public var discussion: DiscussionSetting
    public var sendsEmail: Bool
    public var coverImage: UploadKey?

    public init(
        title: String, subtitle: String = "", slug: String = "", bodyMarkdown: String = "", audience: PostAudience = .everyone,
        discussion: DiscussionSetting = .open, sendsEmail: Bool = true, coverImage: UploadKey? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.slug = slug
        self.bodyMarkdown = bodyMarkdown
        self.audience = audience
        self.discussion = discussion
        self.sendsEmail = sendsEmail
        self.coverImage = coverImage
    }

    /// The fields of a stored post.
    public init(_ post: Post) {
        self.init(
            title: post.title, subtitle: post.subtitle, slug: post.slug, bodyMarkdown: post.bodyMarkdown, audience: post.audience,
            discussion: post.discussion, sendsEmail: post.sendsEmail, coverImage: post.coverImage)
    }
}

/// What a save does besides writing the fields.
public enum PostIntent: Hashable, Sendable {
    /// Keep the state: a draft stays a draft, a scheduled post keeps its time, a published one
    /// stays published (and is marked updated when its words changed).
    case save
    /// Publish now (a post already published is saved, as `.save`).
    case publish
    /// Publish at this time, which must be ahead; the scheduler publishes it then.
    case schedule(Date)
    /// Back to a draft: off the site, its comments kept.
    case unpublish
}

extension Actions {
    /// Creates a post from the editor: checked, rendered once, saved as a draft, published or
    /// scheduled. A published post that sends email is queued for the newsletter in the same
    /// transaction; a scheduled one when the scheduler publishes it.
    public func createPost(_ form: PostForm, intent: PostIntent, by actor: PostActor, author: Member? = nil) async throws -> Post {
        let writer = try requireWriter(actor, field: "title")
        guard let authorID = author?.id ?? writer?.id else { throw FieldError("author", .required) }
        let edit = try checkedEdit(form, slug: form.slug.isEmpty ? nil : form.slug)
        let at = now
        let (state, publishedAt) = try transition(intent, from: nil, body: edit.bodyMarkdown)
        let newsletter = state == .published && edit.sendsEmail
        func newPost(slug: String) -> NewPost {
            NewPost(
                slug: slug, title: edit.title, subtitle: edit.subtitle, bodyMarkdown: edit.bodyMarkdown, bodyHTML: edit.bodyHTML,
                authorID: authorID, state: state, audience: edit.audience, discussion: form.discussion, publishedAt: publishedAt,
                createdAt: at, coverImage: edit.coverImage, sendsEmail: edit.sendsEmail)
        }
        if !form.slug.isEmpty {
            do { return try await store.insertEditedPost(newPost(slug: edit.slug), newsletter: newsletter) } catch StoreError.duplicate {
                throw FieldError("slug", .taken)
            }
        }
        for slug in Self.slugCandidates(from: edit.title) {
            do { return try await store.insertEditedPost(newPost(slug: slug), newsletter: newsletter) } catch StoreError.duplicate {
                continue
            }
        }
        throw FieldError("slug", .taken)
    }

    /// Saves a post: its fields (when `form` is given) and the state `intent` asks for, if the
    /// post is still at `revision` (nil: whatever it is). A post published before whose words
    /// change is marked updated; a change of discussion setting is audited as staff's are.
    /// Returns `.conflict` when another tab or writer saved since `revision`.
    public func savePost(
        id: PostID, form: PostForm?, revision: Int?, intent: PostIntent, by actor: PostActor
    ) async throws
        -> PostSaveOutcome
    {
        let writer = try requireWriter(actor, field: "title")
        // A page's discussion (`.page`) has no article: the editor's verbs do not apply to it.
        guard let post = try await store.post(id: id), post.state != .page else { throw FieldError("post", .notFound) }
        if let revision, revision != post.revision { return .conflict(current: post) }
        var edit: PostEdit? = nil
        if let form {
            // An empty slug is made from the title: the post's own slug when that is what it makes.
            let wanted = form.slug.isEmpty ? nil : form.slug
            edit = try checkedEdit(form, slug: wanted ?? post.slug)
            if wanted == nil, let title = edit?.title, Slug.make(from: title) != post.slug {
                edit?.slug = Slug.make(from: title)
            }
        }
        let body = edit?.bodyMarkdown ?? post.bodyMarkdown
        let (state, publishedAt) = try transition(intent, from: post, body: body)
        let at = now
        let sendsEmail = edit?.sendsEmail ?? post.sendsEmail
        // Marked updated only for a change readers can see: words changed on a live post.
        var updatedAt: Date? = nil
        if let edit, post.state == .published, state == .published, post.isVisible(at: at), Self.wordsChanged(post, edit) {
            updatedAt = at
        }
        var outcome: PostSaveOutcome = .conflict(current: post)
        let candidates = edit.map { e in form?.slug.isEmpty == false || e.slug == post.slug ? [e.slug] : Self.slugCandidates(from: e.title)
        }
        for slug in candidates ?? [post.slug] {
            edit?.slug = slug
            let save = PostSave(
                id: post.id, edit: edit, state: state, publishedAt: publishedAt, revision: revision ?? post.revision,
                // Mailed when it is published, not when a live post is saved: switching email on
                // for a post that went out without it does not send it late.
                updatedAt: updatedAt, newsletter: state == .published && post.state != .published && sendsEmail, at: at)
            do {
                outcome = try await store.savePost(save)
                break
            } catch StoreError.duplicate {
                if candidates?.count == 1 { throw FieldError("slug", .taken) }
                continue
            } catch StoreError.missing {
                throw FieldError("post", .notFound)
            }
        }
        guard case .saved(var saved) = outcome else { return outcome }
        if let form, form.discussion != post.discussion, case .member(let member) = actor, let member = member ?? writer {
            try await setDiscussion(postID: saved.id, setting: form.discussion, autoCloseDays: saved.autoCloseDays, by: member)
            saved = try await store.post(id: saved.id) ?? saved
        }
        await indexForSearch(saved)
        return .saved(saved)
    }

    /// Deletes a post with its discussion. Owners and admins, or the operator.
    public func deletePost(id: PostID, by actor: PostActor) async throws {
        _ = try requireWriter(actor, field: "post")
        guard try await store.deletePost(id: id) else { throw FieldError("post", .notFound) }
    }

    /// Publishes the scheduled posts whose time has come: safe on every instance at once (each
    /// post is moved by exactly one, which records its newsletter send). Returns how many.
    @discardableResult
    public func publishDuePosts(limit: Int = 50) async throws -> Int {
        let published = try await store.publishDuePosts(now: now, limit: limit)
        if published.contains(where: \.sendsEmail) { mail.mailQueued() }
        return published.count
    }

    /// The writer, when `actor` may run the publication's posts: owners and admins, or the operator (nil).
    func requireWriter(_ actor: PostActor, field: String) throws(FieldError) -> Member? {
        switch actor {
        case .operator: return nil
        case .member(let member): return try requireAdmin(member, field: field)
        }
    }

    /// The state and publication time `intent` moves a post to (nil: a new one), or the
    /// refusal: a post is published or scheduled only with a body, and only ahead of now.
    func transition(_ intent: PostIntent, from post: Post?, body: String) throws(FieldError) -> (PostState, Date?) {
        let at = now
        let hasBody = !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        switch intent {
        case .save:
            guard let post else { return (.draft, nil) }
            if post.state != .draft && !hasBody { throw FieldError("body", .required) }
            return (post.state, post.publishedAt)
        case .publish:
            guard hasBody else { throw FieldError("body", .required) }
            if let post, post.state == .published { return (.published, post.publishedAt) }
            // Published before (and unpublished since): it keeps its first date.
            if let first = post?.publishedAt, first <= at { return (.published, first) }
            return (.published, at)
        case .schedule(let time):
            guard hasBody else { throw FieldError("body", .required) }
            if let post, post.state == .published, post.isVisible(at: at) { throw FieldError("publish_at", .notAllowed) }
            guard time > at else { throw FieldError("publish_at", .outOfRange(min: 0, max: Self.scheduleHorizonDays)) }
            guard time <= at.addingTimeInterval(Double(Self.scheduleHorizonDays) * 86_400) else {
                throw FieldError("publish_at", .outOfRange(min: 0, max: Self.scheduleHorizonDays))
            }
            return (.scheduled, time.truncatedToMilliseconds)
        case .unpublish:
            // A post that was public keeps the date it first was; one only ever scheduled
            // was never public, so a later "Publish now" must not backdate it to that time.
            guard let first = post?.publishedAt, first <= at else { return (.draft, nil) }
            return (.draft, first)
        }
    }

    /// How far ahead a post may be scheduled, in days.
    public static let scheduleHorizonDays = 5 * 366

    /// The form checked against the limits, the body rendered once.
    func checkedEdit(_ form: PostForm, slug: String?) throws(FieldError) -> PostEdit {
        let title = try TextInput.singleLine(form.title, field: "title", max: Limits.titleLength)
        let subtitle = try TextInput.singleLine(form.subtitle, field: "subtitle", max: Limits.subtitleLength, required: false)
        let body = try TextInput.clean(form.bodyMarkdown, field: "body", max: Limits.postBodyLength, required: false)
        if let slug {
            guard slug.utf8.count <= Limits.slugLength else { throw FieldError("slug", .tooLong(max: Limits.slugLength)) }
            guard Slug.isValid(slug) else { throw FieldError("slug", .invalidSlug) }
        }
        return PostEdit(
            slug: slug ?? Slug.make(from: title), title: title, subtitle: subtitle, bodyMarkdown: body,
            bodyHTML: PostMarkdown.render(body), audience: form.audience, sendsEmail: form.sendsEmail, coverImage: form.coverImage)
    }

    /// The slugs tried for a title, in order: its own, then "-2", "-3"...
    static func slugCandidates(from title: String) -> [String] {
        let base = Slug.make(from: title)
        return [base] + (2...50).map { "\(base.prefix(Limits.slugLength - 4))-\($0)" }
    }

    /// True when what readers see of the post would change.
    static func wordsChanged(_ post: Post, _ edit: PostEdit) -> Bool {
        post.title != edit.title || post.subtitle != edit.subtitle || post.bodyMarkdown != edit.bodyMarkdown
            || post.coverImage != edit.coverImage
    }
}
