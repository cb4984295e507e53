import Foundation
import Markup

/// Reads a WordPress export (WXR 1.0 to 1.2: RSS whose `<item>`s are posts and pages, each with
/// its `<wp:comment>`s), streaming. A post with comments is a thread keyed by `wp:post_id`, at
/// its `<link>`.
///
/// `comment_approved` says the state (`1` shown, `0` held, `spam`, `trash`); dates are read from
/// `comment_date_gmt`, or, when WordPress left that unset (`0000-00-00 00:00:00`, as it does for
/// held comments), from the blog's local `comment_date` taken as UTC. Pingbacks and trackbacks
/// are not comments and are skipped. Bodies are WordPress' raw comment text, in which line
/// breaks are paragraphs (`WordPressParagraphs`).
public struct WordPressReader: CommentExportReader {
    public let source = "wordpress"
    public init() {}

    public func read(_ file: URL, emit: (ImportRecord) throws -> Void, progress: (Int64) -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in
            let handler = WXRHandler(emit: emit)
            try XMLExportParser.parse(file, handler: handler, keepPrefixes: true, progress: progress, what: "WordPress")
            guard handler.sawChannel else {
                throw ImportError.unreadable("not a WordPress export: the file has no <rss><channel>")
            }
        }
    }
}

private final class WXRHandler: XMLExportHandler {
    let emit: (ImportRecord) throws -> Void
    var sawChannel = false

    private static let itemFields: Set<String> = ["title", "link", "guid", "wp:post_id", "wp:post_date_gmt", "wp:post_type"]
    private static let commentFields: Set<String> = [
        "wp:comment_id", "wp:comment_author", "wp:comment_author_email", "wp:comment_author_url", "wp:comment_date",
        "wp:comment_date_gmt", "wp:comment_content", "wp:comment_approved", "wp:comment_type", "wp:comment_parent",
        "wp:comment_user_id",
    ]

    private var item: [String: String] = [:]
    private var threadID: String?
    private var comment: [String: String] = [:]

    init(emit: @escaping (ImportRecord) throws -> Void) {
        self.emit = emit
    }

    func didStart(_ path: [String], attributes: [String: String]) throws -> Bool {
        if path.count == 2, path[0] == "rss", path[1] == "channel" { sawChannel = true }
        guard path.count >= 3, path[0] == "rss", path[1] == "channel", path[2] == "item" else { return false }
        switch path.count {
        case 3:
            item = [:]
            threadID = nil
            return false
        case 4 where path[3] == "wp:comment":
            comment = [:]
            return false
        case 4:
            return Self.itemFields.contains(path[3])
        case 5 where path[3] == "wp:comment":
            return Self.commentFields.contains(path[4])
        default:
            return false
        }
    }

    func didEnd(_ path: [String], text: String) throws {
        guard path.count >= 4, path[0] == "rss", path[1] == "channel", path[2] == "item" else { return }
        switch path.count {
        case 4 where path[3] == "wp:comment":
            try endComment()
        case 4:
            if Self.itemFields.contains(path[3]) { item[path[3]] = text }
        case 5 where path[3] == "wp:comment":
            if Self.commentFields.contains(path[4]) { comment[path[4]] = text }
        default:
            break
        }
    }

    /// The item's thread, declared with its first comment (an item without comments is none).
    private func thread() throws -> String? {
        if let threadID { return threadID }
        let link = item["link"]?.trimmed.nonEmpty ?? item["guid"]?.trimmed.nonEmpty
        guard let link else { return nil }
        let id = item["wp:post_id"]?.trimmed.nonEmpty ?? link
        let title = item["title"].map(HTMLReduction.plainText(fromHTML:))?.nonEmpty
        let date = item["wp:post_date_gmt"].flatMap(ExportDate.parse)
        try emit(.thread(ImportedThread(externalID: id, url: link, title: title, createdAt: date)))
        threadID = id
        return id
    }

    private func endComment() throws {
        let id = comment["wp:comment_id"]?.trimmed ?? ""
        let type = comment["wp:comment_type"]?.trimmed.lowercased() ?? ""
        guard ["", "comment", "review"].contains(type) else {
            try emit(.skipped(reason: "\(type) (not a comment)", id: id))
            return
        }
        guard let thread = try thread() else {
            try emit(.skipped(reason: "comment of a post without a link", id: id))
            return
        }
        guard
            let createdAt = comment["wp:comment_date_gmt"].flatMap(ExportDate.parse)
                ?? comment["wp:comment_date"].flatMap(ExportDate.parse)
        else {
            try emit(.skipped(reason: "comment with an unreadable date", id: id))
            return
        }
        let state: ImportedCommentState =
            switch comment["wp:comment_approved"]?.trimmed.lowercased() ?? "1" {
            case "1", "approve", "approved": .visible
            case "spam": .spam
            case "trash", "post-trashed": .deleted
            default: .pending
            }
        let parent = comment["wp:comment_parent"]?.trimmed ?? ""
        let userID = comment["wp:comment_user_id"]?.trimmed ?? ""
        let author = ImportedAuthor(
            name: comment["wp:comment_author"]?.trimmed ?? "",
            email: comment["wp:comment_author_email"]?.trimmed.nonEmpty,
            website: comment["wp:comment_author_url"]?.trimmed.nonEmpty,
            externalID: userID.isEmpty || userID == "0" ? nil : "user-" + userID)
        try emit(
            .comment(
                ImportedComment(
                    externalID: id, threadExternalID: thread, parentExternalID: parent.isEmpty || parent == "0" ? nil : parent,
                    author: author, body: .html(WordPressParagraphs.html(comment["wp:comment_content"] ?? "")),
                    createdAt: createdAt, state: state)))
    }
}
