import Foundation

public typealias SubscriberID = Identifier<Subscriber>

/// Where a newsletter address is in its life.
public enum SubscriberStatus: String, Sendable, CaseIterable, Codable {
    /// Asked to subscribe, has not confirmed by email yet: receives nothing but the confirmation.
    case pending
    /// Confirmed: receives new posts.
    case active
    /// Left the list; kept so that a later subscribe starts a new confirmation.
    case unsubscribed
    /// Mail to it bounced for good: receives nothing until it subscribes again.
    case bounced
}

/// How an address came onto the list, shown to the writer and kept for their records.
public enum SubscriberSource: String, Sendable, CaseIterable, Codable {
    /// The subscribe form of a page (double opt-in).
    case form
    /// A CSV import that mailed each address a confirmation (double opt-in).
    case importOptIn = "import"
    /// A CSV import of addresses the writer attested were confirmed elsewhere (logged).
    case importConfirmed = "import-confirmed"
    /// Added by the operator without a confirmation: demo data, the command line, a migration.
    case added
}

/// An address on the newsletter list.
public struct Subscriber: Sendable, Hashable, Identifiable {
    public let id: SubscriberID
    public var email: String
    public var status: SubscriberStatus
    public var createdAt: Date
    public var confirmedAt: Date?
    public var source: SubscriberSource

    public init(
        id: SubscriberID, email: String, status: SubscriberStatus, createdAt: Date, confirmedAt: Date? = nil,
        source: SubscriberSource = .form
    ) {
        self.id = id
        self.email = email
        self.status = status
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
        self.source = source
    }
}

/// What a subscribe request did.
public enum SubscribeOutcome: Sendable, Equatable {
    /// A confirmation mail was queued (new address, still pending, or coming back after leaving).
    case confirmationSent
    /// The address is already an active subscriber: nothing was queued.
    case alreadyActive
}
