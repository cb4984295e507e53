import Foundation
import Markup

/// Reads a Disqus XML export (`<disqus>`: `<category>`, then every `<thread dsq:id>` with its
/// `<link>` and `<title>`, then every `<post dsq:id>` with `<message>` (HTML), `<createdAt>`,
/// `<isDeleted>`, `<isSpam>`, `<author>` and `<thread dsq:id>`, and `<parent dsq:id>` for a
/// reply), streaming.
///
/// Threads come before posts in Disqus' files; a post naming a thread the file did not declare
/// before it is skipped. Disqus exports carry no votes.
public struct DisqusReader: CommentExportReader {
    public let source = "disqus"
    public init() {}

    public func read(_ file: URL, emit: (ImportRecord) throws -> Void, progress: (Int64) -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in
            let handler = DisqusHandler(emit: emit)
            try XMLExportParser.parse(file, handler: handler, keepPrefixes: false, progress: progress, what: "Disqus")
            guard handler.sawDisqusRoot else {
                throw ImportError.unreadable("not a Disqus export: the file has no <disqus> element")
            }
        }
    }
}

private final class DisqusHandler: XMLExportHandler {
    let emit: (ImportRecord) throws -> Void
    var sawDisqusRoot = false
    /// Ids of the threads declared so far: threads are few next to posts, so this stays small.
    private var threads: Set<String> = []

    private var fields: [String: String] = [:]
    private var recordID = ""
    private var threadRef = ""
    private var parentRef = ""

    init(emit: @escaping (ImportRecord) throws -> Void) {
        self.emit = emit
    }

    func didStart(_ path: [String], attributes: [String: String]) throws -> Bool {
        if path.count == 1 {
            sawDisqusRoot = path[0] == "disqus"
            return false
        }
        guard path.count >= 2, path[0] == "disqus" else { return false }
        let record = path[1]
        guard record == "thread" || record == "post" else { return false }
        let id = attributes["dsq:id"] ?? attributes["id"] ?? ""
        switch path.count {
        case 2:
            fields = [:]
            recordID = id
            threadRef = ""
            parentRef = ""
            return false
        case 3 where record == "post" && path[2] == "thread":
            threadRef = id
            return true
        case 3 where record == "post" && path[2] == "parent":
            parentRef = id
            return true
        case 3:
            return ["id", "link", "title", "message", "createdAt", "isDeleted", "isSpam", "likes", "dislikes"].contains(path[2])
        case 4 where path[2] == "author":
            return ["name", "email", "username", "isAnonymous"].contains(path[3])
        default:
            return false
        }
    }

    func didEnd(_ path: [String], text: String) throws {
        guard path.count >= 2, path[0] == "disqus" else { return }
        let record = path[1]
        switch path.count {
        case 2 where record == "thread":
            try endThread()
        case 2 where record == "post":
            try endPost()
        case 3 where path[2] == "thread" && record == "post":
            if threadRef.isEmpty { threadRef = text.trimmed }
        case 3 where path[2] == "parent" && record == "post":
            if parentRef.isEmpty { parentRef = text.trimmed }
        case 3:
            fields[path[2]] = text
        case 4 where path[2] == "author":
            fields["author." + path[3]] = text
        default:
            break
        }
    }

    private func endThread() throws {
        // The site's own identifier (`<id>`) when there is no Disqus one.
        let id = recordID.isEmpty ? (fields["id"]?.trimmed ?? "") : recordID
        let link = fields["link"]?.trimmed ?? ""
        let externalID = id.isEmpty ? link : id
        guard !externalID.isEmpty, !link.isEmpty else {
            try emit(.skipped(reason: "thread without a link", id: externalID))
            return
        }
        threads.insert(externalID)
        let title = fields["title"].map(HTMLReduction.plainText(fromHTML:))
        try emit(
            .thread(
                ImportedThread(
                    externalID: externalID, url: link, title: title?.isEmpty == false ? title : nil,
                    createdAt: fields["createdAt"].flatMap(ExportDate.parse))))
    }

    private func endPost() throws {
        let id = recordID.isEmpty ? (fields["id"]?.trimmed ?? "") : recordID
        guard !threadRef.isEmpty else {
            try emit(.skipped(reason: "comment without a thread", id: id))
            return
        }
        guard threads.contains(threadRef) else {
            try emit(.skipped(reason: "comment of a thread the file does not declare", id: id))
            return
        }
        guard let createdAt = fields["createdAt"].flatMap(ExportDate.parse) else {
            try emit(.skipped(reason: "comment with an unreadable date", id: id))
            return
        }
        let state: ImportedCommentState =
            if fields["isSpam"]?.isTrue == true {
                .spam
            } else if fields["isDeleted"]?.isTrue == true {
                .deleted
            } else {
                .visible
            }
        let author = ImportedAuthor(
            name: fields["author.name"]?.trimmed ?? "",
            email: fields["author.email"]?.trimmed.nonEmpty,
            externalID: fields["author.username"]?.trimmed.nonEmpty)
        let comment = ImportedComment(
            externalID: id, threadExternalID: threadRef, parentExternalID: parentRef.nonEmpty, author: author,
            body: .html(fields["message"] ?? ""), createdAt: createdAt,
            likes: fields["likes"].flatMap { Int($0.trimmed) }.map { max(0, $0) } ?? 0,
            dislikes: fields["dislikes"].flatMap { Int($0.trimmed) }.map { max(0, $0) } ?? 0,
            state: state)
        try emit(.comment(comment))
    }
}

extension String {
    /// Without whitespace and line breaks at either end.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    /// Nil for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
    /// `true` or `1`, as XML exports spell it.
    var isTrue: Bool {
        let value = trimmed.lowercased()
        return value == "true" || value == "1"
    }
}
