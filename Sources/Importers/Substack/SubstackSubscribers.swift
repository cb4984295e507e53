import Domain
import Foundation
import Storage

/// The subscriber list of a Substack export (`email_list*.csv`: `email`,
/// `active_subscription`, `email_disabled`, `created_at`, and columns Parley has no use for,
/// such as `plan` and `expiry`).
///
/// An address whose subscription is active and whose mail is not disabled joins as
/// confirmed elsewhere (it confirmed on Substack), subscribed since its `created_at`. Any
/// other address is kept as unsubscribed: it stays on record, so a later import leaves it
/// alone, and it is never mailed.
enum SubstackSubscribers {
    static func write(
        _ table: CSVTable?, store: any SiteStore, actorID: MemberID?, now: Date, tally: inout ImportTally
    ) async throws {
        guard let table else { return }
        guard table.header.contains("email") else {
            tally.skip("email lists without an email column")
            return
        }
        var seen: Set<String> = []
        var batch: [ImportedSubscriber] = []
        for row in table.rows {
            let raw = row["email"] ?? ""
            guard let email = try? EmailAddress.normalize(raw) else {
                tally.skip("subscribers whose address is not an email address", example: String(raw.prefix(80)))
                continue
            }
            guard seen.insert(email).inserted else {
                tally.skip("subscribers listed twice in the export", example: email)
                continue
            }
            let active = row["active_subscription"].map { SubstackPostRow.isTrue($0) } ?? true
            let disabled = SubstackPostRow.isTrue(row["email_disabled"])
            let since = row["created_at"].flatMap(SubstackPostRow.date)?.truncatedToMilliseconds ?? now
            batch.append(ImportedSubscriber(email: email, status: active && !disabled ? .active : .unsubscribed, createdAt: since))
            if batch.count == SubstackImport.subscriberBatch {
                try await flush(&batch, store: store, actorID: actorID, now: now, tally: &tally)
            }
        }
        try await flush(&batch, store: store, actorID: actorID, now: now, tally: &tally)
    }

    private static func flush(
        _ batch: inout [ImportedSubscriber], store: any SiteStore, actorID: MemberID?, now: Date, tally: inout ImportTally
    )
        async throws
    {
        guard !batch.isEmpty else { return }
        // Logged as the dashboard's import of addresses confirmed elsewhere is: here Substack
        // is where they confirmed, and the export is the writer's own record of it.
        let audit = NewAuditEntry(
            at: now, actorID: actorID, action: .importConfirmedSubscribers,
            reason: "From a Substack export: confirmed on Substack; the inactive kept as unsubscribed")
        let result = try await store.insertImportedSubscribers(batch, source: SubstackImport.source, at: now, audit: audit)
        tally.add("subscribers (active, confirmed on Substack)", result.active)
        tally.add("subscribers kept as unsubscribed (never mailed)", result.unsubscribed)
        tally.skip("subscribers already on the list (left as they were)", result.alreadyListed)
        batch.removeAll(keepingCapacity: true)
    }
}
