import Domain
import Foundation
import Importers
import Logging
import Storage
import StorageSQLite
import Testing

@testable import StoragePostgres

/// The engines the comment-import tests run on: SQLite always, PostgreSQL when
/// `TEST_POSTGRES_URL` names a server (each test in a fresh schema of its own).
enum SinkEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static let postgresURL: String? = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static var allCases: [SinkEngine] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }
}

/// A fixed instant, so that tests are the same every run.
let importEpoch = Date(millisecondsSince1970: 1_700_000_000_000)

/// A site for an import test: a real store with its owner, and the file the reader is pointed at.
struct ImportSite {
    let store: any SiteStore
    let owner: Member
    let file: URL

    /// Imports `records` (in this order) as the `source` importer would read them from a file.
    @discardableResult
    func run(
        _ records: [ImportRecord], source: String = "disqus", options: ImportOptions = ImportOptions(),
        progress: ImportProgressHandler? = nil
    ) async throws -> ImportSummary {
        try await CommentImport.run(
            RecordsReader(source: source, records: records), file: file, store: store, options: options, progress: progress)
    }

    /// The page discussion of `url`, which the import must have made.
    func discussion(_ url: String) async throws -> Post {
        let found = try await store.pageDiscussion(url: try #require(PageURL(url)))
        return try #require(found)
    }

    /// Every comment of `post` as staff see it (held ones included), in thread order.
    func comments(of post: Post) async throws -> [Comment] {
        var all: [Comment] = []
        for root in try await store.rootComments(postID: post.id, sort: .old, after: nil, limit: 10_000, visibleTo: .staff) {
            all.append(root)
            all += try await store.descendants(of: root, maxDepth: .max, afterReply: nil, limit: .max, visibleTo: .staff)
        }
        return all
    }
}

/// Runs `body` on a fresh site of `engine` with an owner, then throws it away.
func withImportSite(_ engine: SinkEngine, _ body: (ImportSite) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-import-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("export.xml")
    try Data("<export/>".utf8).write(to: file)
    func seeded(_ store: any SiteStore) async throws -> ImportSite {
        let owner = try await store.insertMember(
            NewMember(email: "owner@example.com", displayName: "Olive Owner", role: .owner, passwordHash: nil, createdAt: importEpoch))
        return ImportSite(store: store, owner: owner, file: file)
    }
    switch engine {
    case .sqlite:
        let store = try SQLiteStore(path: directory.appendingPathComponent("parley.sqlite").path)
        defer { try? store.close() }
        try await body(try await seeded(store))
    case .postgres:
        let url = try #require(SinkEngine.postgresURL)
        // Made here from a UUID, never from input, so it is safe to splice into DDL.
        let schema = "i_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var configuration = try PostgresStore.configuration(url: url)
        configuration.options.additionalStartupParameters.append(("search_path", schema))
        configuration.options.maximumConnections = 4
        var logger = Logger(label: "parley.tests.import")
        logger.logLevel = .error
        let store = PostgresStore(configuration: configuration, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            try await store.executeRaw("CREATE SCHEMA \(schema)")
            do {
                _ = try await store.migrate()
                try await body(try await seeded(store))
                try await store.executeRaw("DROP SCHEMA \(schema) CASCADE")
            } catch {
                try? await store.executeRaw("DROP SCHEMA \(schema) CASCADE")
                throw error
            }
        }
    }
}

/// A reader that hands over records made in the test, as a real reader would from its file.
struct RecordsReader: CommentExportReader {
    let source: String
    let records: [ImportRecord]

    func read(_ file: URL, emit: (ImportRecord) throws -> Void, progress: (Int64) -> Void) throws {
        for (index, record) in records.enumerated() {
            try emit(record)
            progress(Int64(index + 1))
        }
    }
}

/// Shorthands for the records of a test.
enum Make {
    static func thread(_ id: String, _ url: String, title: String? = nil) -> ImportRecord {
        .thread(ImportedThread(externalID: id, url: url, title: title, createdAt: importEpoch))
    }

    static func comment(
        _ id: String, thread: String = "t1", parent: String? = nil,
        by author: ImportedAuthor = ImportedAuthor(name: "Ann", email: "ann@example.org"),
        html: String? = nil, text: String? = nil, minutes: Double = 0, likes: Int = 0, dislikes: Int = 0,
        state: ImportedCommentState = .visible
    ) -> ImportRecord {
        .comment(
            ImportedComment(
                externalID: id, threadExternalID: thread, parentExternalID: parent, author: author,
                body: html.map(ImportedBody.html) ?? .markdown(text ?? "Comment \(id)"),
                createdAt: importEpoch.addingTimeInterval(minutes * 60), likes: likes, dislikes: dislikes, state: state))
    }
}

extension ImportSummary {
    /// The count of the imported line `label` (0 when absent).
    func imported(_ label: String) -> Int { imported.first { $0.label == label }?.count ?? 0 }
    /// The count of the skipped line `reason` (0 when absent).
    func skipped(_ reason: String) -> Int { skipped.first { $0.label == reason }?.count ?? 0 }
    func skippedLine(_ reason: String) -> Line? { skipped.first { $0.label == reason } }
    func importedLine(_ label: String) -> Line? { imported.first { $0.label == label } }
}
