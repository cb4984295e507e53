import Foundation
import Storage
import StorageSQLite

/// `parley backup` and `parley restore`: the engine-specific half, kept here because only `App`
/// knows which engines exist.
public enum SiteBackups {
    /// What to tell an operator of a PostgreSQL site, which its own tools back up. The URL is
    /// not repeated: it may hold a password.
    public static let postgresAdvice = """
        parley backup copies the SQLite database; this site is on PostgreSQL. Use PostgreSQL's own tools, which take a \
        consistent snapshot while the servers write: pg_dump --format=custom --file FILE "$PARLEY_DATABASE", and to restore \
        into an empty database: pg_restore --no-owner --dbname URL FILE (docs/OPERATIONS.md, "Backup and restore").
        """

    /// Takes a backup of the site `configuration` names into `file`.
    public static func backup(_ configuration: ParleyConfiguration, to file: String) async throws -> BackupReport {
        if SiteOpening.isPostgres(configuration.databaseURL) { throw SiteOpeningError(description: postgresAdvice) }
        return try await SiteOpening.withSite(configuration) { site, _ in
            guard let store = site.store as? any SiteBackup else { throw SiteOpeningError(description: postgresAdvice) }
            do {
                return try await store.backup(to: file)
            } catch let error as SQLiteBackupError {
                throw SiteOpeningError(description: error.description)
            }
        }
    }

    /// Puts the backup `file` in place as the database of the data folder `configuration` names.
    /// Returns the restored database's main tables counted, and where the database it replaced
    /// was kept (nil when there was none).
    public static func restore(
        _ configuration: ParleyConfiguration, from file: String, replacing: Bool
    ) async throws
        -> (counts: [String: Int], replacedKeptAt: String?)
    {
        guard configuration.databaseURL?.isEmpty ?? true else {
            throw SiteOpeningError(
                description: "parley restore puts an SQLite backup into a data folder (--data); for PostgreSQL use pg_restore "
                    + "(docs/OPERATIONS.md, \"Backup and restore\").")
        }
        do {
            let report = try await SQLiteRestore.restore(backup: file, to: configuration.sqlitePath, replacing: replacing)
            return (report.counts, report.replacedKeptAt)
        } catch let error as SQLiteBackupError {
            throw SiteOpeningError(description: error.description)
        }
    }
}
