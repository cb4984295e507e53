import GRDB
import Storage

extension SQLiteStore {

    /// Throws `SchemaTooNewError` when the file records a migration this build does not know.
    /// (GRDB's migrator would carry on regardless.)
    static func refuseNewerSchema(_ pool: DatabasePool, _ migrator: DatabaseMigrator) throws {
        let unknown = try pool.read { try migrator.appliedIdentifiers($0) }.subtracting(knownMigrations)
        guard unknown.isEmpty else { throw SchemaTooNewError(unknownMigrations: unknown.sorted()) }
    }
}
