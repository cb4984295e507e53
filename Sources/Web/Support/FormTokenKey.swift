import Synchronization
import UseCases

/// The site's form-token key, read from the store on first use and kept: pages and forms need
/// it on every request, and it never changes while the site runs.
final class FormTokenKey: Sendable {
    private let actions: Actions
    private let loaded = Mutex<FormTokens?>(nil)

    init(actions: Actions) {
        self.actions = actions
    }

    /// The tokens; concurrent first calls may each read the key, and read the same one.
    func tokens() async throws -> FormTokens {
        if let tokens = loaded.withLock({ $0 }) { return tokens }
        let tokens = try await actions.formTokens()
        loaded.withLock { $0 = tokens }
        return tokens
    }
}
