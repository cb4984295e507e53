import Domain
import Foundation

/// What the importers need of a store beyond the other ports: the import keys (what each
/// import made of each record) and bulk writes of comments as they were.
public protocol ImportStore: Sendable {
    /// Of `externalIDs`, those an import from `source` already keyed as `kind`.
    func importedKeys(source: String, kind: ImportKeyKind, among externalIDs: [String]) async throws -> Set<String>
    /// Writes `batch` in one transaction, step by step (see `ImportStep`), keeping each
    /// comment's thread counters (the post's comment count, the ancestors' descendant counts)
    /// as `insertComment` does. Steps whose key is already there change nothing.
    func importBatch(_ batch: ImportBatch) async throws -> ImportBatchOutcome
    /// Removes the placeholders an import from `source` made that hold up no reply (a deleted
    /// comment nobody answered), again until none is left; returns how many. Their keys stay, so
    /// a second run does not bring them back.
    func pruneImportedPlaceholders(source: String) async throws -> Int
    /// Makes the guest `memberID` an account (its address was just proved by a sign-in link):
    /// kind `account`, reply and mention emails on. Returns false when it was not a guest.
    func turnGuestIntoAccount(memberID: MemberID) async throws -> Bool
}

/// What the Isso API needs of a store: votes by address, guests. (Contract: the Isso helper
/// adds its requirements here.)
public protocol IssoStore: Sendable {}
