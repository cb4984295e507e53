import Domain
import Foundation
import Mail
import Storage

/// The use cases of a site: every write goes through here, with its validation and rules.
///
/// One file per kind of verb (`Actions+Comments.swift`, `Actions+SignInLinks.swift`, ...).
/// Pages may read through the store, but never write to it directly.
public struct Actions: Sendable {
    public let store: any SiteStore
    public let clock: @Sendable () -> Date
    public let passwords: PasswordHasher
    /// Where changes to discussions are announced, after they are committed.
    public let events: any EventBus
    /// Who mail is from, where its links point, and its timings.
    public let mail: MailSettings
    /// How new and edited comments are scored for spam (see `HoldRules`).
    public let spam: SpamCheck

    public init(
        store: any SiteStore, clock: @escaping @Sendable () -> Date = { Date() }, passwords: PasswordHasher = PasswordHasher(),
        events: any EventBus = LocalEventBus(), mail: MailSettings = .local(), spam: SpamCheck = .none
    ) {
        self.store = store
        self.clock = clock
        self.passwords = passwords
        self.events = events
        self.mail = mail
        self.spam = spam
    }

    /// The letters of this publication, under its current name, sender name, reply-to
    /// address, accent and footer (`Actions.letters(for:mail:)`).
    func letters() async throws -> Letters {
        Self.letters(for: try await store.publication(), mail: mail)
    }

    /// A recipient address for mail; an address we stored but cannot send to is refused as invalid.
    func recipient(_ email: String, name: String? = nil) throws(FieldError) -> MailAddress {
        do { return try MailAddress(email, name: name) } catch { throw FieldError("email", .invalidEmail) }
    }

    /// Announces a committed change. A bus that fails must not undo or fail the change the
    /// member already made: live updates are best effort, the next page load shows it anyway.
    func announce(_ event: SiteEvent) async {
        try? await events.publish(event)
    }

    /// Now, to the millisecond: what the store keeps, so a value read back equals the one written.
    var now: Date { clock().truncatedToMilliseconds }
}
