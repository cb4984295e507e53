import GRDB

extension SQLiteStore {
    /// A file migrated by a newer Parley than this one: it lists migrations this build does not
    /// know. Refused rather than opened, since this build's queries may no longer fit the schema
    /// and a downgrade cannot undo a migration. (GRDB's migrator would carry on regardless.)
    public struct SchemaTooNewError: Error, CustomStringConvertible, Sendable {
        /// The ids in the file that this build does not know, sorted.
        public let unknownMigrations: [String]

        public var description: String {
            "the database schema is newer than this Parley (unknown migration \(unknownMigrations.joined(separator: ", "))); upgrade Parley"
        }
    }

    /// Throws `SchemaTooNewError` when the file records a migration this build does not know.
    static func refuseNewerSchema(_ pool: DatabasePool, _ migrator: DatabaseMigrator) throws {
        let unknown = try pool.read { try migrator.appliedIdentifiers($0) }.subtracting(knownMigrations)
        guard unknown.isEmpty else { throw SchemaTooNewError(unknownMigrations: unknown.sorted()) }
    }
}
