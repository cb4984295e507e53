import Domain
import Foundation

extension Actions {
    /// The viewer, if they are staff (owner, admin, moderator); otherwise the refusal on `field`.
    func requireStaff(_ viewer: Member?, field: String) throws(FieldError) -> Member {
        guard let viewer else { throw FieldError(field, .signInRequired) }
        guard viewer.role.isStaff else { throw FieldError(field, .notAllowed) }
        return viewer
    }

    /// The viewer, if they are an owner or an admin; otherwise the refusal on `field`.
    func requireAdmin(_ viewer: Member?, field: String) throws(FieldError) -> Member {
        guard let viewer else { throw FieldError(field, .signInRequired) }
        guard viewer.role == .owner || viewer.role == .admin else { throw FieldError(field, .notAllowed) }
        return viewer
    }

    /// A moderator's reason: trimmed, possibly empty, at most `Limits.moderationReasonLength`.
    static func moderationReason(_ raw: String) throws(FieldError) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= Limits.moderationReasonLength else {
            throw FieldError("reason", .tooLong(max: Limits.moderationReasonLength))
        }
        return trimmed
    }
}
