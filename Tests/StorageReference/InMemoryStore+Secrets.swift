import Domain
import Foundation
import Storage

extension InMemoryStore {
    public func siteSecret(named name: String, orMake make: @Sendable () -> String) -> String {
        if let secret = secrets[name] { return secret }
        let secret = make()
        secrets[name] = secret
        return secret
    }
}
