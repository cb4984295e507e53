import Foundation
import GRDB

/// Reads an Isso database (its SQLite file, `comments.db`), opened read-only: every row of
/// `threads` (id, uri, title) as a thread keyed by its id, then every row of `comments` in id
/// order, through a cursor so rows are never all in memory.
///
/// Isso's `mode` says the state (1 shown, 2 waiting for moderation, 4 deleted but kept for its
/// replies); `created` is Unix seconds; `text` is what the commenter typed (Markdown). Columns
/// that older Isso versions lack are read as empty.
public struct IssoReader: CommentExportReader {
    public let source = "isso"
    public init() {}

    public func read(_ file: URL, emit: (ImportRecord) throws -> Void, progress: (Int64) -> Void) throws {
        guard Self.looksLikeSQLite(file) else {
            throw ImportError.unreadable("not an Isso database: \(file.lastPathComponent) is not an SQLite file")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "isso-import"
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: file.path, configuration: configuration)
        } catch {
            throw ImportError.unreadable("cannot open the Isso database: \(error)")
        }
        defer { try? queue.close() }
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? 0
        try queue.read { db in
            guard try db.tableExists("threads"), try db.tableExists("comments") else {
                throw ImportError.unreadable("not an Isso database: it has no threads and comments tables")
            }
            let threadColumns = Set(try db.columns(in: "threads").map { $0.name.lowercased() })
            let commentColumns = Set(try db.columns(in: "comments").map { $0.name.lowercased() })
            for required in ["id", "uri"] where !threadColumns.contains(required) {
                throw ImportError.unreadable("not an Isso database: threads has no \(required) column")
            }
            for required in ["tid", "id", "created", "text"] where !commentColumns.contains(required) {
                throw ImportError.unreadable("not an Isso database: comments has no \(required) column")
            }
            func column(_ name: String, in columns: Set<String>) -> String {
                columns.contains(name) ? name : "NULL AS \(name)"
            }

            let titles = column("title", in: threadColumns)
            let threads = try Row.fetchCursor(db, sql: "SELECT id, uri, \(titles) FROM threads ORDER BY id")
            while let row = try threads.next() {
                let id = Self.text(row, "id") ?? ""
                guard let uri = Self.text(row, "uri")?.trimmed.nonEmpty, !id.isEmpty else {
                    try emit(.skipped(reason: "thread without a URI", id: id))
                    continue
                }
                let title = Self.text(row, "title")?.trimmed.nonEmpty
                try emit(.thread(ImportedThread(externalID: id, url: uri, title: title)))
            }

            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM comments") ?? 0
            let optional = ["parent", "mode", "author", "email", "website", "likes", "dislikes"]
                .map { column($0, in: commentColumns) }.joined(separator: ", ")
            let comments = try Row.fetchCursor(
                db, sql: "SELECT tid, id, created, text, \(optional) FROM comments ORDER BY id")
            var done = 0
            while let row = try comments.next() {
                try emit(Self.record(row))
                done += 1
                if done % 1000 == 0, total > 0 { progress(fileSize * Int64(done) / Int64(total)) }
            }
            progress(fileSize)
        }
    }

    private static func record(_ row: Row) -> ImportRecord {
        let id = text(row, "id") ?? ""
        guard let thread = text(row, "tid")?.nonEmpty else { return .skipped(reason: "comment without a thread", id: id) }
        guard let createdAt = number(row, "created").flatMap(ExportDate.unixSeconds) else {
            return .skipped(reason: "comment with an unreadable date", id: id)
        }
        let state: ImportedCommentState =
            switch number(row, "mode") ?? 1 {
            case 2: .pending
            case 4: .deleted
            default: .visible
            }
        let author = ImportedAuthor(
            name: text(row, "author")?.trimmed ?? "", email: text(row, "email")?.trimmed.nonEmpty,
            website: text(row, "website")?.trimmed.nonEmpty)
        return .comment(
            ImportedComment(
                externalID: id, threadExternalID: thread, parentExternalID: text(row, "parent")?.nonEmpty,
                author: author, body: .markdown(text(row, "text") ?? ""), createdAt: createdAt,
                likes: count(row, "likes"), dislikes: count(row, "dislikes"), state: state))
    }

    // SQLite keeps whatever type a value was written with; Isso's own files hold integers,
    // floats and text where expected, but a hand-edited one may not, and a damaged value is
    // read as missing rather than stopping the import.

    private static func text(_ row: Row, _ column: String) -> String? {
        switch row[column as String] as DatabaseValue? {
        case let value?:
            switch value.storage {
            case .int64(let int): String(int)
            case .double(let double): double.rounded() == double && abs(double) < 1e15 ? String(Int64(double)) : String(double)
            case .string(let string): string
            case .blob(let data): String(decoding: data, as: UTF8.self)
            case .null: nil
            }
        case nil: nil
        }
    }

    private static func number(_ row: Row, _ column: String) -> Double? {
        switch (row[column as String] as DatabaseValue?)?.storage {
        case .int64(let int): Double(int)
        case .double(let double): double
        case .string(let string): Double(string.trimmed)
        default: nil
        }
    }

    private static func count(_ row: Row, _ column: String) -> Int {
        guard let value = number(row, column), value.isFinite, value > 0 else { return 0 }
        return Int(min(value, 1e9))
    }

    /// Whether the file starts with SQLite's header, so another file is refused clearly rather
    /// than by an SQLite error.
    private static func looksLikeSQLite(_ file: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return header == Data("SQLite format 3\0".utf8)
    }
}
