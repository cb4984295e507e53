import Domain
import Storage

extension Actions {
    /// Puts an address on the newsletter list. Subscribing twice is not an error to the reader:
    /// the answer is the same either way, so the form reveals nothing about who subscribed.
    public func subscribe(email rawEmail: String) async throws {
        let email = try EmailAddress.normalize(rawEmail)
        _ = try await store.insertSubscriber(email: email, createdAt: now)
    }
}
