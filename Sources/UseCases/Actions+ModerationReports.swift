import Domain
import Foundation
import Storage

extension Actions {
    /// A member reports another member's comment, once; reported by the publication's
    /// threshold of distinct members, a visible comment is held. Banned members cannot report.
    public func reportComment(id: CommentID, reason: ReportReason, text: String, by viewer: Member?) async throws -> ReportOutcome {
        guard let viewer else { throw FieldError("report", .signInRequired) }
        let words = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard words.count <= Limits.reportTextLength else { throw FieldError("text", .tooLong(max: Limits.reportTextLength)) }
        if reason == .other, words.isEmpty { throw FieldError("text", .required) }
        // Only what others can see is reported; a held comment already waits for a moderator.
        guard let comment = try await store.comment(id: id), !comment.isDeleted, comment.status == .visible else {
            throw FieldError("report", .notFound)
        }
        guard comment.authorID != viewer.id else { throw FieldError("report", .notAllowed) }
        if let ban = try await activeBan(of: viewer) { throw FieldError("report", .banned(until: ban.until)) }
        let settings = try await store.moderationSettings()
        // Staff are never held (as in `HoldRules`): reports of their comments reach the queue,
        // but a handful of accounts cannot take a moderator's notice down.
        let authorIsStaff = try await store.member(id: comment.authorID)?.role.isStaff ?? false
        let outcome: ReportOutcome
        do {
            outcome = try await store.reportComment(
                NewCommentReport(commentID: id, reporterID: viewer.id, reason: reason, text: words, createdAt: now),
                holdAt: authorIsStaff ? Int.max : settings.reportsToHold)
        } catch StoreError.missing {
            throw FieldError("report", .notFound)
        }
        if case .held = outcome {
            var held = comment
            held.status = .held
            await announceMoved(held, from: .visible)
        }
        return outcome
    }
}
