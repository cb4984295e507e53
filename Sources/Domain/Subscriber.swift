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
}

/// An address on the newsletter list.
public struct Subscriber: Sendable, Hashable, Identifiable {
    public let id: SubscriberID
    public var email: String
    public var status: SubscriberStatus
    public var createdAt: Date
    public var confirmedAt: Date?

    public init(id: SubscriberID, email: String, status: SubscriberStatus, createdAt: Date, confirmedAt: Date? = nil) {
        self.id = id
        self.email = email
        self.status = status
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
    }
}

/// What a subscribe request did.
public enum SubscribeOutcome: Sendable, Equatable {
    /// A confirmation mail was queued (new address, still pending, or coming back after leaving).
    case confirmationSent
    /// The address is already an active subscriber: nothing was queued.
    case alreadyActive
}
