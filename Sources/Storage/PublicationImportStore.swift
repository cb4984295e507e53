import Domain
import Foundation

/// An address of another platform's newsletter list, as an import brings it onto Parley's.
public struct ImportedSubscriber: Sendable, Equatable {
    /// Lowercased and checked by the importer (`EmailAddress.normalize`).
    public var email: String
    /// `.active` (mailed from now on) or `.unsubscribed` (kept, never mailed); nothing else.
    public var status: SubscriberStatus
    /// When they subscribed on the other platform.
    public var createdAt: Date

    public init(email: String, status: SubscriberStatus, createdAt: Date) {
        self.email = email
        self.status = status
        self.createdAt = createdAt
    }
}

/// What an import of subscribers did.
public struct ImportedSubscribersResult: Sendable, Equatable {
    /// New active subscribers.
    public var active: Int
    /// New rows kept as unsubscribed.
    public var unsubscribed: Int
    /// Addresses already on the list (in any state), left as they were.
    public var alreadyListed: Int

    public init(active: Int = 0, unsubscribed: Int = 0, alreadyListed: Int = 0) {
        self.active = active
        self.unsubscribed = unsubscribed
        self.alreadyListed = alreadyListed
    }
}

/// What moving a whole publication in needs (posts and subscribers, as from Substack): each
/// row written together with its import key (`import_keys`), so a second run adds nothing.
public protocol PublicationImportStore: Sendable {
    /// The local id that the import `source` made of the record `kind`/`externalID`, or nil.
    func importedID(source: String, kind: String, externalID: String) async throws -> Int64?
    /// Inserts `post` (never mailed) and its import key (`source`, kind `post`, `externalID`)
    /// in one transaction. Returns nil, writing nothing, when that key is already there.
    /// Throws `StoreError.duplicate(field: "slug")` when the slug is taken, now or before (a
    /// former slug redirects to its post), as `insertPost` does.
    func insertImportedPost(_ post: NewPost, source: String, externalID: String, at: Date) async throws -> Post?
    /// Adds the addresses that are not on the list yet, in one transaction: active ones as
    /// confirmed elsewhere (source `import-confirmed`, created and confirmed at their own
    /// date), unsubscribed ones as unsubscribed (never mailed), each with its import key
    /// (`source`, kind `subscriber`, the address). An address already on the list, in any
    /// state, is left as it is. When any address was added, `audit` is written in the same
    /// transaction with the added addresses as its `after` (`SubscriberImport.auditList`), as
    /// a CSV import of addresses confirmed elsewhere is logged.
    func insertImportedSubscribers(
        _ subscribers: [ImportedSubscriber], source: String, at: Date, audit: NewAuditEntry
    ) async throws
        -> ImportedSubscribersResult
}
