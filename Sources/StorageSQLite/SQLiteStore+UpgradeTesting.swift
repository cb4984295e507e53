import Foundation
import GRDB

extension SQLiteStore {
    /// Makes a file at `path` migrated up to `migration` and no further, then runs `statements`
    /// on it: a site as an older version left it, for the tests of an upgrade. Opening it with
    /// `init(path:)` then runs the later migrations.
    static func makeFile(at path: String, migratedUpTo migration: String, then statements: [String]) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try SQLiteMigrations.migrator.migrate(queue, upTo: migration)
        try queue.write { db in
            for statement in statements { try db.execute(sql: statement) }
        }
        try queue.close()
    }
}
