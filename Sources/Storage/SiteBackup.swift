import Foundation

/// A consistent copy of the whole database taken while the site runs (`parley backup`).
///
/// Only engines whose database is a file of their own have it (SQLite); PostgreSQL is backed
/// up with its own tools (`pg_dump`), so callers ask `store as? any SiteBackup`.
public protocol SiteBackup: Sendable {
    /// Writes a copy of the database as it was at one moment to `path`, which must not exist
    /// yet, while other connections and processes go on writing; the copy is synced to disk and
    /// checked before this returns, and nothing is left at `path` when it fails.
    func backup(to path: String) async throws -> BackupReport
}

/// What a backup holds, for the operator to see at a glance.
public struct BackupReport: Sendable, Equatable {
    /// The copy's size in bytes.
    public var bytes: Int64
    /// Rows of the main tables (members, posts, comments, subscribers, uploads).
    public var counts: [String: Int]

    public init(bytes: Int64, counts: [String: Int]) {
        self.bytes = bytes
        self.counts = counts
    }
}
