import Domain
import Foundation
import Hummingbird

extension SiteRoutes {
    static let membersPageSize = 50

    /// `GET /dashboard/members?q=&role=&after=`: owners and admins list members, search them
    /// by name or email, filter by role, set roles and reach the ban form. One read per page.
    func membersPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await staffGate(.admin, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        let query = request.uri.queryParameters
        let search = query.get("q").map { String($0.prefix(Limits.emailLength)) }.flatMap { $0.isEmpty ? nil : $0 }
        let role = query.get("role").flatMap { Role(rawValue: String($0)) }
        let after = query.get("after").flatMap { MemberID(parsing: $0) }
        let page = try await store.memberList(
            search: search, roles: role.map { [$0] }, after: after, limit: Self.membersPageSize + 1)
        let shown = Array(page.prefix(Self.membersPageSize))
        let next = page.count > Self.membersPageSize ? shown.last?.id : nil
        return Reply.page(
            MembersAdminPage.render(
                chrome: try await chrome(request, context), members: shown, search: search ?? "", role: role, next: next,
                saved: query.get("saved") != nil))
    }

    /// `POST /dashboard/members/{id}/role`: the use case holds the rules (who may give which role).
    func setRole(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        guard let member = try await pathMember(context) else { return try await notFound(request, context) }
        guard let role = context.form["role"].flatMap(Role.init(rawValue:)) else { throw FieldError("role", .invalidChoice) }
        try await actions.setRole(role, memberID: member.id, by: viewer)
        if request.wantsJSON { return try Reply.json(RoleSet(role: role.rawValue)) }
        let back = SafeRedirect.path(context.form["next"], fallback: "/dashboard/members")
        let target = back.hasPrefix("/dashboard/members") ? back : "/dashboard/members"
        return Reply.redirect(to: target + (target.contains("?") ? "&" : "?") + "saved=1")
    }
}

/// A member's role set.
struct RoleSet: Encodable {
    let role: String
}
