import Domain
import Foundation
import Logging
import PostgresNIO
import Storage
import StorageSQLite

@testable import StoragePostgres

/// Sites for the export tests: a new SQLite file, or a new schema on the PostgreSQL server
/// that `TEST_POSTGRES_URL` names (its tests are skipped without one).
enum ExportTestSites {
    static let postgresURL: String? = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// A folder that is removed after `body`.
    static func withFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    /// A new, empty SQLite site in `folder`.
    static func sqlite(in folder: URL, name: String = "parley.sqlite") throws -> SQLiteStore {
        try SQLiteStore(path: folder.appendingPathComponent(name).path)
    }

    /// A new, empty, migrated PostgreSQL site in a schema of its own, dropped after `body`.
    static func withPostgres<T>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        guard let url = postgresURL else { throw NoServer() }
        // Made here from a UUID, never from input, so it is safe to splice into DDL.
        let schema = "export_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var configuration = try PostgresStore.configuration(url: url)
        configuration.options.additionalStartupParameters.append(("search_path", schema))
        configuration.options.maximumConnections = 4
        var logger = Logger(label: "parley.tests.export")
        logger.logLevel = .error
        let store = PostgresStore(configuration: configuration, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            try await store.executeRaw("CREATE SCHEMA \(schema)")
            do {
                _ = try await store.migrate()
                let result = try await body(store)
                try await store.executeRaw("DROP SCHEMA \(schema) CASCADE")
                return result
            } catch {
                try? await store.executeRaw("DROP SCHEMA \(schema) CASCADE")
                throw error
            }
        }
    }

    struct NoServer: Error, CustomStringConvertible {
        var description: String { "TEST_POSTGRES_URL is not set" }
    }
}
