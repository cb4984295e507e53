import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func siteSecret(named name: String, orMake make: @Sendable () -> String) async throws -> String {
        if let stored = try await storedSecret(named: name) { return stored }
        // First asked for: offer a new value. Instances asking at once each offer their own;
        // the first insert wins, the others' DO NOTHING (after waiting for it to commit), and the
        // read that follows, a statement of its own, sees the winner's value for everyone.
        _ = try await rows(
            """
            INSERT INTO site_secrets (name, value) VALUES (\(name), \(make())) ON CONFLICT (name) DO NOTHING
            """)
        guard let stored = try await storedSecret(named: name) else { throw StoreError.missing("site secret") }
        return stored
    }

    func storedSecret(named name: String) async throws -> String? {
        try await rows("SELECT value FROM site_secrets WHERE name = \(name)").first?.decode(String.self)
    }
}
