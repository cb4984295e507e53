import Foundation
import PostgresNIO
import Storage

/// Facts about the database, for the tests that hold the adapter to its promises: migrations, and a schema that refuses what the ports never write.
extension PostgresStore {
    /// The ids of the migrations recorded in the database, in the order they ran.
    public func appliedMigrations() async throws -> [String] {
        try await rows("SELECT id FROM schema_migrations ORDER BY applied_at, id").map { try $0.decode(String.self) }
    }

    /// The ids of every migration this build knows, in order.
    public static var knownMigrations: [String] { PostgresMigrations.all.map(\.id) }

    /// Runs raw SQL as one statement, bypassing the ports: for tests that set up or break the
    /// schema on purpose. Never called with outside input.
    func executeRaw(_ sql: String) async throws {
        _ = try await rows(PostgresQuery(unsafeSQL: sql))
    }

    /// Whether `error` is PostgreSQL refusing a write for a constraint: SQLSTATE class 23
    /// (integrity constraint violation), as it comes or as `storeError` words UNIQUE and
    /// FOREIGN KEY; and not, say, a typo in the SQL.
    static func isConstraintViolation(_ error: any Error) -> Bool {
        error is StoreError || ((error as? PSQLError)?.serverInfo?[.sqlState]?.hasPrefix("23") ?? false)
    }

    /// PostgreSQL's plan for `query`, one line per step ("Index Scan using comments_path ..."),
    /// with scans of the whole table, bitmap scans and sorts priced out: on a test's near-empty
    /// tables the planner would rather scan and sort, and the question is whether an index can
    /// give the rows in the read's order, as the planner needs on a large site. A sort that
    /// still shows is one no index can spare.
    func queryPlan(_ query: PostgresQuery) async throws -> [String] {
        try await transaction { connection in
            for setting in ["enable_seqscan", "enable_bitmapscan", "enable_sort"] {
                try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL \(setting) = off"), logger: logger)
            }
            return try await connection.rows(PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds), logger)
                .map { try $0.decode(String.self) }
        }
    }

    /// The first column of every row of raw `sql`, as text.
    func fetchRawStrings(_ sql: String) async throws -> [String] {
        try await rows(PostgresQuery(unsafeSQL: sql)).map { try $0.decode(String.self) }
    }
}
