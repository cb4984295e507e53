import Domain
import Foundation
import Mail
import Storage

extension Actions {
    /// Brings a list of addresses onto the newsletter list, for an owner or admin.
    ///
    /// With `optIn`, every new address is mailed a confirmation link, as the subscribe form
    /// does, and gets posts only once it confirms. With `confirmedElsewhere` the addresses are
    /// active at once, which the writer must attest (`attested`): they confirmed on another
    /// service. Either way the import is one transaction with its audit entry (who, which mode,
    /// the writer's `note`, the addresses added), and addresses already on the list, in any
    /// state, are left alone: an address that unsubscribed is not brought back by an import.
    /// A list with any bad address is refused whole (the form names the lines), so nothing
    /// changes until the file is right.
    public func importSubscribers(
        _ list: SubscriberCSV, mode: SubscriberImport.Mode, attested: Bool, note rawNote: String, by actor: Member, field: String = "file"
    ) async throws -> SubscriberImportResult {
        guard actor.role.runsPublication else { throw FieldError(field, .notAllowed) }
        guard list.bad.isEmpty else { throw FieldError(field, .invalidEmail) }
        guard !list.addresses.isEmpty else { throw FieldError(field, .required) }
        guard list.addresses.count <= SubscriberImportLimits.addresses else {
            throw FieldError(field, .tooManyAddresses(max: SubscriberImportLimits.addresses))
        }
        let note = rawNote.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= SubscriberImportLimits.noteLength else {
            throw FieldError("note", .tooLong(max: SubscriberImportLimits.noteLength))
        }
        if mode == .confirmedElsewhere, !attested { throw FieldError("attest", .required) }
        let current = now
        var addresses: [SubscriberImport.Address] = []
        addresses.reserveCapacity(list.addresses.count)
        switch mode {
        case .confirmedElsewhere:
            addresses = list.addresses.map { SubscriberImport.Address(email: $0) }
        case .optIn:
            // Every address gets its letter before the transaction; the store queues only
            // those of addresses that are new to the list.
            let letters = try await letters()
            for email in list.addresses {
                let token = SecretToken.make()
                let message = letters.confirmSubscription(
                    to: try recipient(email), confirmLink: try mail.url("/subscribe/confirm?token=\(token)"))
                addresses.append(
                    SubscriberImport.Address(email: email, confirmTokenHash: SecretToken.hash(token), mail: try message.outboxJob()))
            }
        }
        let result = try await store.importSubscribers(
            SubscriberImport(mode: mode, addresses: addresses, now: current),
            audit: NewAuditEntry(
                at: current, actorID: actor.id, action: mode == .optIn ? .importSubscribers : .importConfirmedSubscribers, reason: note))
        if mode == .optIn, !result.added.isEmpty { mail.mailQueued() }
        return result
    }

    /// Takes an address off the list for good (an owner or admin), with an audit entry that
    /// keeps the address. Throws `notFound` for an unknown subscriber.
    @discardableResult
    public func removeSubscriber(id: SubscriberID, by actor: Member) async throws -> Subscriber {
        guard actor.role.runsPublication else { throw FieldError("subscriber", .notAllowed) }
        let audit = NewAuditEntry(at: now, actorID: actor.id, action: .removeSubscriber)
        guard let removed = try await store.removeSubscriber(id: id, audit: audit) else { throw FieldError("subscriber", .notFound) }
        return removed
    }
}
