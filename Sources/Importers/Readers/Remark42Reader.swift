import Foundation

/// Reads a remark42 backup (the `backup-SITE-DATE.gz` files of its backup directory, or the
/// output of its export, compressed or not): JSON lines, the first holding the version and the
/// users' and posts' metadata, then one comment per line with `locator.url`, `pid` (its
/// parent), `user`, `text` (HTML), `votes`/`score`, `time` (RFC 3339 with the server's zone) and
/// `delete`. A thread is a page, keyed by its URL; authors keep remark42's user id, and the
/// email address when the metadata line has one for them.
public struct Remark42Reader: CommentExportReader {
    public let source = "remark42"
    public init() {}

    public func read(_ file: URL, emit: (ImportRecord) throws -> Void, progress: (Int64) -> Void) throws {
        let lines = try JSONLinesFile(file)
        let decoder = JSONDecoder()
        var emails: [String: String] = [:]
        var threads: Set<String> = []
        var lineNumber = 0
        var sawRecord = false
        var lastProgress: Int64 = 0
        while let line = try lines.next() {
            lineNumber += 1
            guard case .text(let data) = line else {
                try emit(.skipped(reason: "line too long to read", id: "line \(lineNumber)"))
                continue
            }
            if data.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let record = try? decoder.decode(Remark42Line.self, from: data) else {
                guard sawRecord else {
                    throw ImportError.unreadable("not a remark42 backup: line \(lineNumber) is not JSON")
                }
                try emit(.skipped(reason: "line that is not a remark42 record", id: "line \(lineNumber)"))
                continue
            }
            sawRecord = true
            if record.locator == nil, record.version != nil || record.users != nil || record.posts != nil {
                for user in record.users ?? [] {
                    if let id = user.id, let email = user.details?.email?.trimmed.nonEmpty { emails[id] = email }
                }
                continue
            }
            try emitComment(record, emails: emails, threads: &threads, emit: emit)
            if lines.bytesRead - lastProgress >= 1 << 20 {
                lastProgress = lines.bytesRead
                progress(lastProgress)
            }
        }
        guard sawRecord else { throw ImportError.unreadable("not a remark42 backup: the file is empty") }
        progress(
            lines.isCompressed ? ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? 0) : lines.bytesRead)
    }

    private func emitComment(
        _ record: Remark42Line, emails: [String: String], threads: inout Set<String>,
        emit: (ImportRecord) throws -> Void
    ) throws {
        let id = record.id ?? ""
        guard let url = record.locator?.url?.trimmed.nonEmpty else {
            try emit(.skipped(reason: "comment without a page URL", id: id))
            return
        }
        guard let createdAt = record.time.flatMap(ExportDate.parse) else {
            try emit(.skipped(reason: "comment with an unreadable date", id: id))
            return
        }
        if threads.insert(url).inserted {
            try emit(.thread(ImportedThread(externalID: url, url: url, title: record.title?.trimmed.nonEmpty)))
        }
        var likes = 0
        var dislikes = 0
        if let votes = record.votes, !votes.isEmpty {
            likes = votes.values.filter { $0 }.count
            dislikes = votes.count - likes
        } else if let score = record.score {
            likes = max(0, score)
            dislikes = max(0, -score)
        }
        let userID = record.user?.id?.trimmed.nonEmpty
        let author = ImportedAuthor(
            name: record.user?.name?.trimmed ?? "", email: userID.flatMap { emails[$0] }, externalID: userID)
        try emit(
            .comment(
                ImportedComment(
                    externalID: id, threadExternalID: url, parentExternalID: record.pid?.trimmed.nonEmpty, author: author,
                    body: .html(record.text ?? ""), createdAt: createdAt, likes: likes, dislikes: dislikes,
                    state: record.delete == true ? .deleted : .visible)))
    }
}

/// One line of a remark42 backup: the metadata line or a comment (every field optional, so a
/// line of either kind decodes and a damaged one is told apart by what it lacks).
private struct Remark42Line: Decodable {
    struct User: Decodable {
        var id: String?
        var name: String?
    }
    struct Locator: Decodable {
        var url: String?
    }
    struct MetaUser: Decodable {
        struct Details: Decodable {
            var email: String?
        }
        var id: String?
        var details: Details?
    }
    struct MetaPost: Decodable {
        var url: String?
    }

    var version: Int?
    var users: [MetaUser]?
    var posts: [MetaPost]?

    var id: String?
    var pid: String?
    var text: String?
    var user: User?
    var locator: Locator?
    var score: Int?
    var votes: [String: Bool]?
    var time: String?
    var delete: Bool?
    var title: String?
}
