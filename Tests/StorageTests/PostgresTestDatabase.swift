import Foundation
import Logging
import PostgresNIO

@testable import StoragePostgres

/// The PostgreSQL server the tests run against, named by `TEST_POSTGRES_URL`, and a fresh
/// schema per test on it.
///
/// A schema per test rather than a database per test: creating one is a catalogue insert, not
/// a copy of template1, and every connection of the test's stores is pointed at it with
/// `search_path` as a startup parameter, so the adapter's SQL runs unqualified, as in production.
enum PostgresTestDatabase {
    /// The server's URL, or nil when the PostgreSQL tests are to be skipped.
    static let url: String? = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// Swift Testing starts every test at once; without a gate, a few hundred pools would ask a
    /// server with 100 connection slots for far more than it has.
    static let gate = AsyncGate(width: 6)

    /// Set inside a gated schema, so that a test nesting one site in another (a copy from one
    /// PostgreSQL site to another) does not wait for a place it already holds.
    @TaskLocal static var insideGate = false

    /// Errors only: postgres-nio warns when a query waits for a pool whose `run()` has not begun
    /// yet, which is how every test starts (the query just waits).
    static let logger: Logger = {
        var logger = Logger(label: "parley.tests.postgres")
        logger.logLevel = .error
        return logger
    }()

    struct NoServer: Error, CustomStringConvertible {
        var description: String { "TEST_POSTGRES_URL is not set" }
    }

    /// A configuration for one more store on `schema`.
    static func configuration(schema: String, url: String) throws -> PostgresClient.Configuration {
        var configuration = try PostgresStore.configuration(url: url)
        configuration.options.additionalStartupParameters.append(("search_path", schema))
        configuration.options.maximumConnections = 4
        return configuration
    }

    /// Runs `body` with `count` running stores (as `count` Parley instances would be) on one new
    /// schema, migrated unless `migrate` is false, then drops the schema and stops the stores.
    static func withSchema<T>(
        stores count: Int = 1, migrate: Bool = true,
        _ body: ([PostgresStore]) async throws -> T
    ) async throws -> T {
        guard let url else { throw NoServer() }
        if insideGate { return try await withSchema(url: url, stores: count, migrate: migrate, body) }
        await gate.enter()
        do {
            let result = try await $insideGate.withValue(true) {
                try await withSchema(url: url, stores: count, migrate: migrate, body)
            }
            await gate.leave()
            return result
        } catch {
            await gate.leave()
            throw error
        }
    }

    private static func withSchema<T>(
        url: String, stores count: Int, migrate: Bool,
        _ body: ([PostgresStore]) async throws -> T
    ) async throws -> T {
        // Made here from a UUID, never from input, so it is safe to splice into DDL.
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let configuration = try configuration(schema: schema, url: url)
        let stores = (0..<max(1, count)).map { _ in PostgresStore(configuration: configuration, logger: logger) }
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            for store in stores {
                group.addTask { try await store.run() }
            }
            defer { group.cancelAll() }
            try await stores[0].executeRaw("CREATE SCHEMA \(schema)")
            do {
                if migrate { try await stores[0].migrate() }
                let result = try await body(stores)
                try await stores[0].executeRaw("DROP SCHEMA \(schema) CASCADE")
                return result
            } catch {
                try? await stores[0].executeRaw("DROP SCHEMA \(schema) CASCADE")
                throw error
            }
        }
    }
}

/// At most `width` tasks inside at once; the rest wait in arrival order.
actor AsyncGate {
    let width: Int
    private var inside = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int) {
        self.width = width
    }

    func enter() async {
        if inside < width {
            inside += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            inside -= 1
        } else {
            // The place passes straight to the next in line.
            waiting.removeFirst().resume()
        }
    }
}
