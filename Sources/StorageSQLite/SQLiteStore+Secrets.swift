import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func siteSecret(named name: String, orMake make: @Sendable () -> String) async throws -> String {
        let select = "SELECT value FROM site_secrets WHERE name = ?"
        // Almost always there already: a read, without the file's one write lock.
        if let secret = try await read({ db in try db.fetchFirst(select, [name]) { $0[0] as String } }) {
            return secret
        }
        let made = make()
        return try await write { db in
            // Another instance may have stored one since the read: theirs wins, for everyone.
            try db.run("INSERT INTO site_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", [name, made])
            return try db.fetchFirst(select, [name]) { $0[0] as String } ?? made
        }
    }
}
