import Domain
import Foundation
import Hummingbird

/// How long a ban lasts, as the ban form offers it.
enum BanDuration: String, CaseIterable {
    case oneDay = "1d", sevenDays = "7d", thirtyDays = "30d", forGood = "forever"

    func until(from now: Date) -> Date? {
        switch self {
        case .oneDay: now.addingTimeInterval(86_400)
        case .sevenDays: now.addingTimeInterval(7 * 86_400)
        case .thirtyDays: now.addingTimeInterval(30 * 86_400)
        case .forGood: nil
        }
    }
}

extension SiteRoutes {
    /// `GET /dashboard/members/{id}/ban`: the ban form, from the queue or the member's page.
    func banPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await staffGate(.staff, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        guard let member = try await pathMember(context), !member.isDeleted else { return try await notFound(request, context) }
        return Reply.page(
            BanPage.render(
                chrome: try await chrome(request, context), member: member, current: try await store.ban(memberID: member.id),
                form: BanForm(), now: now))
    }

    /// `POST /dashboard/members/{id}/ban`: reason required, a duration, and optionally every
    /// comment of theirs removed; then the member's page, which shows the ban.
    func ban(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.staff, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        guard let member = try await pathMember(context), !member.isDeleted else { return try await notFound(request, context) }
        let reason = (context.form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw FieldError("reason", .required) }
        guard let duration = context.form["duration"].flatMap(BanDuration.init(rawValue:)) else {
            throw FieldError("duration", .invalidChoice)
        }
        let removed = try await actions.banMember(
            id: member.id, reason: reason, until: duration.until(from: now), removeComments: context.form["remove_comments"] == "1",
            by: viewer)
        if request.wantsJSON { return try Reply.json(MemberBanned(removedComments: removed)) }
        return Reply.redirect(to: Paths.member(member.id) + "?banned=\(removed)#ban-heading")
    }

    /// The ban form again, with what was typed and the refusal next to its field.
    func refusedBan(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard context.viewer?.role.isStaff == true, let member = try await pathMember(context) else {
            return try await refusedMessage(refusal, request, context)
        }
        let form = BanForm(
            reason: context.form["reason"] ?? "", duration: context.form["duration"].flatMap(BanDuration.init(rawValue:)) ?? .sevenDays,
            removeComments: context.form["remove_comments"] == "1",
            error: (["reason", "duration"].contains(refusal.field) ? refusal.field : "reason", text.errorMessage(refusal.reason)))
        return Reply.page(
            BanPage.render(
                chrome: try await chrome(request, context), member: member, current: try await store.ban(memberID: member.id),
                form: form, now: now),
            status: Reply.status(for: refusal.reason))
    }

    /// `POST /dashboard/members/{id}/unban`: lifts the ban; back to the member's page.
    func unban(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.staff, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        guard let member = try await pathMember(context) else { return try await notFound(request, context) }
        try await actions.unbanMember(id: member.id, by: viewer)
        if request.wantsJSON { return try Reply.json(MemberUnbanned()) }
        return Reply.redirect(to: Paths.member(member.id) + "?unbanned=1#ban-heading")
    }

    /// What staff see of a member's ban on the member's page: the ban (reason, until, by)
    /// with Unban, or a link to the ban form. Empty for everyone else.
    func staffBanSection(for member: Member, _ request: Request, _ context: AppRequestContext) async throws -> HTML {
        guard context.viewer?.role.isStaff == true, !member.isDeleted else { return "" }
        let ban = try await store.ban(memberID: member.id)
        var by: Member?
        if let ban { by = try await store.member(id: ban.bannedBy) }
        let query = request.uri.queryParameters
        return BanPage.section(
            chrome: try await chrome(request, context), member: member, ban: ban, bannedBy: by,
            removed: query.get("banned").flatMap { Int($0) }, unbanned: query.get("unbanned") != nil, now: now)
    }
}

/// A member banned, and how many of their comments went with the ban.
struct MemberBanned: Encodable {
    let removedComments: Int
}

/// A ban lifted.
struct MemberUnbanned: Encodable {
    let unbanned = true
}
