import Domain
import Foundation
import Storage

extension InMemoryStore {
    public func insertSubscriber(email: String, createdAt: Date) -> Bool {
        guard subscriberIDsByEmail[email] == nil else { return false }
        // The engines count an added address as confirmed when it was added.
        var stored = addSubscriber(email: email, status: .active, createdAt: createdAt, source: .added)
        stored.subscriber.confirmedAt = createdAt.truncatedToMilliseconds
        subscribers[stored.subscriber.id] = stored
        return true
    }

    public func subscriberCount(status: SubscriberStatus) -> Int {
        subscribers.values.filter { $0.subscriber.status == status }.count
    }

    public func requestSubscription(email: String, confirmTokenHash: String, now: Date, mail: NewOutboxJob) throws -> SubscribeOutcome {
        let existing = subscriberIDsByEmail[email].flatMap { subscribers[$0] }
        if existing?.subscriber.status == .active { return .alreadyActive }
        // The SQL engines keep the token hash UNIQUE; so does this one, before changing anything.
        if subscribers.values.contains(where: { $0.confirmTokenHash == confirmTokenHash && $0.subscriber.email != email }) {
            throw StoreError.duplicate(field: "confirm_token_hash")
        }
        var stored = existing ?? addSubscriber(email: email, status: .pending, createdAt: now)
        stored.subscriber.status = .pending
        stored.confirmTokenHash = confirmTokenHash
        stored.confirmRequestedAt = now.truncatedToMilliseconds
        subscribers[stored.subscriber.id] = stored
        _ = appendOutboxJobs([mail], now: now)
        return .confirmationSent
    }

    public func confirmSubscription(tokenHash: String, requestedAfter: Date, now: Date) -> Subscriber? {
        guard var stored = subscribers.values.first(where: { $0.confirmTokenHash == tokenHash }),
            stored.subscriber.status == .pending,
            let requestedAt = stored.confirmRequestedAt,
            requestedAt.millisecondsSince1970 > requestedAfter.millisecondsSince1970
        else { return nil }
        stored.subscriber.status = .active
        stored.subscriber.confirmedAt = now.truncatedToMilliseconds
        // A link confirms once.
        stored.confirmTokenHash = nil
        subscribers[stored.subscriber.id] = stored
        return stored.subscriber
    }

    public func subscriber(id: SubscriberID) -> Subscriber? {
        subscribers[id]?.subscriber
    }

    public func subscriber(email: String) -> Subscriber? {
        subscriberIDsByEmail[email].flatMap { subscribers[$0]?.subscriber }
    }

    public func unsubscribe(id: SubscriberID, now: Date) -> Bool {
        guard var stored = subscribers[id], stored.subscriber.status != .unsubscribed else { return false }
        stored.subscriber.status = .unsubscribed
        // A confirmation link sent before leaving must not bring the address back.
        stored.confirmTokenHash = nil
        subscribers[id] = stored
        return true
    }

    public func activeSubscribers(after: SubscriberID?, limit: Int) -> [Subscriber] {
        guard limit > 0 else { return [] }
        let active = subscribers.values.map(\.subscriber)
            .filter { $0.status == .active && $0.id > (after ?? SubscriberID(0)) }
        return Array(active.sorted { $0.id < $1.id }.prefix(limit))
    }

    /// Adds a subscriber with the next id and returns it as stored.
    @discardableResult
    func addSubscriber(email: String, status: SubscriberStatus, createdAt: Date, source: SubscriberSource = .form) -> StoredSubscriber {
        lastSubscriberID += 1
        let id = SubscriberID(lastSubscriberID)
        let stored = StoredSubscriber(
            subscriber: Subscriber(
                id: id, email: email, status: status, createdAt: createdAt.truncatedToMilliseconds, source: source))
        subscribers[id] = stored
        subscriberIDsByEmail[email] = id
        return stored
    }
}
