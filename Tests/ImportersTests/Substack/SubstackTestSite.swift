import Domain
import Foundation
import Logging
import PostgresNIO
import Storage
import StorageSQLite

@testable import StoragePostgres

/// The engines the Substack tests run on: SQLite always, PostgreSQL when `TEST_POSTGRES_URL`
/// names a server (a fresh schema per test, dropped after it).
enum SubstackEngine: String, CaseIterable, Sendable {
    case sqlite, postgres

    static let postgresURL = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static var available: [SubstackEngine] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }
}

/// A folder of its own under the system's temporary folder, removed by `remove()`.
struct SubstackScratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-substack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a fresh site of `engine` whose owner exists (imported posts are theirs).
func withSubstackSite(_ engine: SubstackEngine, _ body: (any SiteStore, Member) async throws -> Void) async throws {
    switch engine {
    case .sqlite:
        let scratch = try SubstackScratch()
        defer { scratch.remove() }
        let store = try SQLiteStore(path: scratch.file("parley.sqlite").path)
        defer { try? store.close() }
        try await body(store, try await addOwner(store))
    case .postgres:
        guard let url = SubstackEngine.postgresURL else { return }
        var logger = Logger(label: "parley.tests.substack")
        logger.logLevel = .error
        // Made from a UUID, never from input, so it is safe in DDL.
        let schema = "s_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var configuration = try PostgresStore.configuration(url: url)
        configuration.options.additionalStartupParameters.append(("search_path", schema))
        configuration.options.maximumConnections = 4
        let store = PostgresStore(configuration: configuration, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            try await store.executeRaw("CREATE SCHEMA \(schema)")
            do {
                try await store.migrate()
                try await body(store, try await addOwner(store))
                try await store.executeRaw("DROP SCHEMA \(schema) CASCADE")
            } catch {
                try? await store.executeRaw("DROP SCHEMA \(schema) CASCADE")
                throw error
            }
        }
    }
}

private func addOwner(_ store: any SiteStore) async throws -> Member {
    try await store.insertMember(
        NewMember(
            email: "writer@example.com", displayName: "Wren Writer", role: .owner, passwordHash: nil,
            createdAt: Date(millisecondsSince1970: 1_700_000_000_000)))
}
