import Domain
import Foundation
import Hummingbird

extension SiteRoutes {
    static let auditPageSize = 50

    /// `GET /dashboard/audit?action=&actor=&subject=&before=`: the audit log, newest first,
    /// filtered; owners and admins only. Two reads per page: the entries, and the members they name.
    func auditPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await staffGate(.admin, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        let query = request.uri.queryParameters
        let filter = AuditFilter(
            action: query.get("action").flatMap { AuditAction(rawValue: String($0)) },
            actorID: query.get("actor").flatMap { MemberID(parsing: $0) },
            subjectID: query.get("subject").flatMap { MemberID(parsing: $0) })
        let before = query.get("before").flatMap { AuditEntryID(parsing: $0) }
        let page = try await store.auditLog(filter: filter, before: before, limit: Self.auditPageSize + 1)
        let shown = Array(page.prefix(Self.auditPageSize))
        var named = Set(shown.compactMap(\.actorID))
        named.formUnion(shown.compactMap(\.subjectID))
        let members = try await store.members(ids: named)
        return Reply.page(
            AuditPage.render(
                chrome: try await chrome(request, context), entries: shown, members: members, filter: filter,
                older: page.count > Self.auditPageSize ? shown.last?.id : nil))
    }
}
