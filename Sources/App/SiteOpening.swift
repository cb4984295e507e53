import Foundation
import Storage
import StorageSQLite
import UseCases

/// Why a site could not be opened, in words for the operator.
public struct SiteOpeningError: Error, CustomStringConvertible {
    public let description: String
}

/// The one place that knows there are database engines to choose from.
public enum SiteOpening {
    /// Opens the site's store named by the configuration, creating the data folder and
    /// applying migrations as needed.
    public static func openStore(_ configuration: ParleyConfiguration) throws -> any SiteStore {
        if let url = configuration.databaseURL, !url.isEmpty, !url.hasPrefix("sqlite:") {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                throw SiteOpeningError(description: "PostgreSQL is not supported by this build yet; leave --database unset to use the embedded SQLite database.")
            }
            throw SiteOpeningError(description: "--database must be a postgres:// URL; leave it unset for the embedded SQLite database.")
        }
        do {
            try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw SiteOpeningError(description: "Cannot create the data folder \(configuration.dataDirectory): \(error.localizedDescription)")
        }
        do {
            return try SQLiteStore(path: configuration.sqlitePath)
        } catch {
            throw SiteOpeningError(description: "Cannot open the database \(configuration.sqlitePath): \(error)")
        }
    }

    /// The use cases over a store, with the configured password cost.
    public static func actions(store: any SiteStore, configuration: ParleyConfiguration) -> Actions {
        Actions(store: store, passwords: PasswordHasher(cost: configuration.passwordCost))
    }
}
