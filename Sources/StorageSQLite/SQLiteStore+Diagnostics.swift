import Foundation
import GRDB

/// Facts about the open file, for the tests that hold the adapter to its promises: WAL, durable commits, migrations, plans that use the indexes.
extension SQLiteStore {
    /// The journal mode of the file: "wal" when readers and the writer can run side by side.
    public func journalMode() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// The writer's `PRAGMA synchronous`: 2 (FULL) when every commit is synced to disk.
    public func writerSynchronous() async throws -> Int {
        try await pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// The ids of the migrations applied to the file, in the order they ran.
    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try SQLiteMigrations.migrator.appliedMigrations(db) }
    }

    /// The ids of every migration this build knows, in order.
    public static var knownMigrations: [String] { SQLiteMigrations.all.map(\.id) }

    /// SQLite's plan for `sql` with `arguments`, one line per step ("SEARCH comments USING INDEX ...").
    func queryPlan(_ sql: String, _ arguments: [Int64] = []) async throws -> [String] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(arguments))
                .map { $0["detail"] as String }
        }
    }

    /// Runs raw SQL in its own transaction, bypassing the ports: for tests that check the
    /// schema refuses what the ports never write.
    func executeRaw(_ sql: String) async throws {
        try await pool.write { db in try db.execute(sql: sql) }
    }

    /// Whether `error` is SQLite refusing a write for a constraint (NOT NULL, CHECK, UNIQUE,
    /// FOREIGN KEY), and not, say, a typo in the SQL.
    static func isConstraintViolation(_ error: any Error) -> Bool {
        (error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT
    }

    /// The first column of every row of raw `sql`, as text.
    func fetchRawStrings(_ sql: String) async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: sql) }
    }
}
