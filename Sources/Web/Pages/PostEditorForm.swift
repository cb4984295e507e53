import Domain
import Foundation
import UseCases

/// The editor's fields as text: from a stored post, for a new one, or as the writer typed them.
struct PostEditorForm {
    static let fields = ["title", "subtitle", "slug", "body", "cover", "audience", "discussion", "sends_email", "publish_at", "tz"]
    var values: [String: String]
    /// The revision the writer's copy was made from (nil for a new post).
    var revision: Int?
    var error: (field: String, message: String)?

    /// A new post: everyone may read it, every member may comment, it is emailed when published.
    init() {
        values = ["audience": PostAudience.everyone.rawValue, "discussion": DiscussionSetting.open.rawValue, "sends_email": "1", "tz": "0"]
    }

    init(_ post: Post) {
        values = [
            "title": post.title, "subtitle": post.subtitle, "slug": post.slug, "body": post.bodyMarkdown,
            "cover": post.coverImage?.rawValue ?? "", "audience": post.audience.rawValue, "discussion": post.discussion.rawValue,
            "sends_email": post.sendsEmail ? "1" : "", "tz": "0",
            "publish_at": post.state == .scheduled ? post.publishedAt.map(PublishTime.format) ?? "" : "",
        ]
        revision = post.revision
    }

    init(typed form: FormBody) {
        values = Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, form[$0] ?? "") })
        if form["remove_cover"] == "1" { values["cover"] = "" }
        revision = form["revision"].flatMap { $0.utf8.count <= 12 ? Int($0) : nil }
    }

    subscript(field: String) -> String { values[field] ?? "" }

    /// The fields for the use case, or the first that cannot be read.
    func postForm() throws(FieldError) -> PostForm {
        guard let audience = PostAudience(rawValue: self["audience"]) else { throw FieldError("audience", .invalidChoice) }
        guard let discussion = DiscussionSetting(rawValue: self["discussion"]) else { throw FieldError("discussion", .invalidChoice) }
        var cover: UploadKey? = nil
        if !self["cover"].isEmpty {
            guard let key = UploadKey(rawValue: self["cover"]) else { throw FieldError("cover", .invalidChoice) }
            cover = key
        }
        return PostForm(
            title: self["title"], subtitle: self["subtitle"], slug: self["slug"].trimmingCharacters(in: .whitespaces),
            bodyMarkdown: self["body"], audience: audience, discussion: discussion, sendsEmail: self["sends_email"] == "1",
            coverImage: cover)
    }

    /// The time typed in "Publish at", in the writer's zone (`tz`, set by the page script; UTC without it).
    func publishTime() throws(FieldError) -> Date {
        let raw = self["publish_at"]
        guard !raw.isEmpty else { throw FieldError("publish_at", .required) }
        let offset = self["tz"].utf8.count <= 6 ? Int(self["tz"]) ?? 0 : 0
        guard let time = PublishTime.parse(raw, offsetMinutes: offset) else { throw FieldError("publish_at", .invalidChoice) }
        return time
    }
}

/// The buttons of the editor: what a save does.
enum EditorAction: String {
    case save, publish, schedule, unpublish, preview, autosave
}
