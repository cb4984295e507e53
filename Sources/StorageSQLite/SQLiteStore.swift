import Domain
import Foundation
import GRDB
import Storage

/// The SQLite engine of every storage port: one file, one GRDB `DatabasePool` (WAL) per process.
///
/// WAL lets page reads run in parallel with the one writer, and lets a CLI command write to the
/// file while a server has it open (both wait up to `busyTimeout` for the other's write).
/// Each port method is one transaction. Hot reads decode rows by hand, by column position,
/// from statements GRDB keeps prepared.
public final class SQLiteStore: SiteStore {
    /// How long a write waits for another connection's write (a CLI command, the server) before failing.
    public static let busyTimeout: TimeInterval = 5

    /// Where the database file is.
    public let path: String
    let pool: DatabasePool

    /// Opens the database at `path`, creating it if needed, and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "Parley"
        pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB turns on WAL with synchronous=NORMAL, which survives a crash of the process but
        // can lose the last commits on power loss. An acknowledged comment must not vanish, so
        // every commit syncs the WAL. Set after opening: GRDB sets NORMAL while opening.
        // Only the writer connection commits, so only it needs the setting.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try Self.migrate(pool)
    }

    /// Closes the file: later calls fail. Not needed before exit, since every commit is durable.
    public func close() throws {
        try pool.close()
    }

    static func migrate(_ pool: DatabasePool) throws {
        let migrator = SQLiteMigrations.migrator
        try refuseNewerSchema(pool, migrator)
        do {
            try migrator.migrate(pool)
        } catch {
            // Two processes opening a new file at once both see it unmigrated; the loser's
            // migration then fails on tables the winner made. That is success if the schema is
            // now complete.
            guard try pool.read({ try migrator.hasCompletedMigrations($0) }) else { throw error }
        }
    }

    // MARK: Transactions

    /// Runs `body` in a read transaction (a WAL snapshot: it sees one consistent state).
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`, so it waits for other writers
    /// up front instead of failing when it upgrades a read lock).
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }

    /// SQLite's constraint errors in the terms every store uses; anything else as it is.
    static func storeError(_ error: DatabaseError) -> Error {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            // "UNIQUE constraint failed: members.email" names the column.
            let detail = error.message?.split(separator: ":", maxSplits: 1).last ?? ""
            let firstColumn = detail.split(separator: ",").first ?? ""
            let field = firstColumn.split(separator: ".").last.map { $0.trimmingCharacters(in: .whitespaces) }
            return StoreError.duplicate(field: field ?? "unknown")
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            // SQLite does not say which reference failed; the methods check the likely ones first.
            return StoreError.missing("referenced row")
        default:
            return error
        }
    }
}

// MARK: Shared row helpers

extension Database {
    /// True when `sql` (with `arguments`) returns at least one row.
    func exists(_ sql: String, _ arguments: StatementArguments) throws -> Bool {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments) != nil
    }

    /// Every row of `sql`, each turned into a value by `decode` as it streams past.
    func fetch<T>(_ sql: String, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> [T] {
        let cursor = try Row.fetchCursor(cachedStatement(sql: sql), arguments: arguments)
        var values: [T] = []
        while let row = try cursor.next() {
            values.append(try decode(row))
        }
        return values
    }

    func fetchFirst<T>(_ sql: String, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> T? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments).map(decode)
    }

    /// Runs a write statement kept prepared, and returns how many rows it changed.
    @discardableResult
    func run(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try cachedStatement(sql: sql).execute(arguments: arguments)
        return changesCount
    }
}

extension Date {
    /// How a time is stored: BIGINT milliseconds since 1970.
    var stored: Int64 { millisecondsSince1970 }
}

extension Row {
    func date(_ index: Int) -> Date {
        Date(millisecondsSince1970: self[index] as Int64)
    }

    func optionalDate(_ index: Int) -> Date? {
        (self[index] as Int64?).map(Date.init(millisecondsSince1970:))
    }
}
