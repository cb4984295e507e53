import Domain
import Foundation
import Hummingbird

/// Who may open a staff page: any member of staff (the moderation queue, bans), or only
/// owners and admins (members and roles, the audit log, the moderation settings).
enum StaffNeed {
    case staff, admin

    func allows(_ role: Role) -> Bool {
        switch self {
        case .staff: role.isStaff
        case .admin: role == .owner || role == .admin
        }
    }
}

extension SiteRoutes {
    /// The staff pages, behind the viewer and the form check like every page.
    func registerDashboard(on site: RouterGroup<AppRequestContext>) {
        site.get("/dashboard/moderation") { request, context in try await moderationQueuePage(request, context) }
        site.get("/dashboard/moderation/decide") { request, context in try await staffLinkPage(request, context) }
        site.get("/dashboard/members") { request, context in try await membersPage(request, context) }
        site.get("/dashboard/members/:id/ban") { request, context in try await banPage(request, context) }
        site.get("/dashboard/audit") { request, context in try await auditPage(request, context) }
        site.get("/dashboard/settings/moderation") { request, context in try await moderationSettingsPage(request, context) }
    }

    /// The staff forms, each with the page that shows it again when refused.
    func dashboardFormRoutes() -> [FormRoute] {
        [
            FormRoute("/dashboard/moderation/:id/approve", refused: { try await refusedQueueAction($0, $1, $2) }) {
                try await queueAction(.approve, $0, $1)
            },
            FormRoute("/dashboard/moderation/:id/reject", refused: { try await refusedQueueAction($0, $1, $2) }) {
                try await queueAction(.reject, $0, $1)
            },
            FormRoute("/dashboard/moderation/:id/remove", refused: { try await refusedQueueAction($0, $1, $2) }) {
                try await queueAction(.remove, $0, $1)
            },
            FormRoute("/dashboard/moderation/:id/restore", refused: { try await refusedQueueAction($0, $1, $2) }) {
                try await queueAction(.restore, $0, $1)
            },
            FormRoute("/dashboard/moderation/bulk", refused: { try await refusedQueueAction($0, $1, $2) }) { try await bulkAction($0, $1) },
            FormRoute("/dashboard/moderation/decide", refused: { try await refusedStaffLink($0, $1, $2) }) {
                try await useStaffLink($0, $1)
            },
            FormRoute("/dashboard/members/:id/ban", refused: { try await refusedBan($0, $1, $2) }) { try await ban($0, $1) },
            FormRoute("/dashboard/members/:id/unban", refused: { try await refusedMessage($0, $1, $2) }) { try await unban($0, $1) },
            FormRoute("/dashboard/members/:id/role", refused: { try await refusedMessage($0, $1, $2) }) { try await setRole($0, $1) },
            FormRoute("/dashboard/settings/moderation", refused: { try await refusedModerationSettings($0, $1, $2) }) {
                try await saveModerationSettings($0, $1)
            },
        ]
    }

    /// The viewer if they may open a page that needs `need`; otherwise the answer to send:
    /// signed out, the sign-in page (and back here after); signed in without the role, 403.
    func staffGate(_ need: StaffNeed, _ request: Request, _ context: AppRequestContext) async throws -> Result<Member, StaffRefused> {
        guard let viewer = context.viewer else {
            if request.wantsJSON { return .failure(StaffRefused(response: try problem(Refusal(FieldError("dashboard", .signInRequired))))) }
            let back = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : "/dashboard/moderation"
            return .failure(StaffRefused(response: Reply.redirect(to: Paths.signIn(next: back))))
        }
        guard need.allows(viewer.role) else {
            let refusal = Refusal(FieldError("dashboard", .notAllowed))
            if request.wantsJSON { return .failure(StaffRefused(response: try problem(refusal))) }
            return .failure(StaffRefused(response: try await refusedMessage(refusal, request, context)))
        }
        return .success(viewer)
    }

    /// The member named in the path.
    func pathMember(_ context: AppRequestContext) async throws -> Member? {
        guard let raw = context.parameters.get("id"), let id = MemberID(parsing: raw) else { return nil }
        return try await store.member(id: id)
    }
}

/// A staff page refused: the response that says so.
struct StaffRefused: Error {
    let response: Response
}

/// The links above every staff page, those the viewer may open.
enum DashboardNav {
    static func render(_ chrome: PageChrome, current: String) -> HTML {
        let words = chrome.text.moderation
        let role = chrome.viewer?.role ?? .member
        var links: [(String, String)] = [("/dashboard/moderation", words.queueTitle)]
        if StaffNeed.admin.allows(role) {
            let audience = chrome.text.audience
            links.insert(("/dashboard", audience.homeNav), at: 0)
            links += [("/dashboard/subscribers", audience.subscribersNav), ("/dashboard/figures", audience.figuresNav)]
            links += [
                ("/dashboard/posts", chrome.text.editor.postsTitle),
                ("/dashboard/members", words.membersTitle), ("/dashboard/audit", words.auditTitle),
                ("/dashboard/settings", chrome.text.publication.settingsTitle),
                ("/dashboard/settings/moderation", words.settingsTitle),
                ("/dashboard/import", chrome.text.importing.title),
            ]
            if role == .owner { links.append(("/dashboard/settings/webhooks", chrome.text.webhooks.title)) }
        }
        let items: [HTML] = links.map { link in
            let here: HTML = link.0 == current ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(link.0)\"\(here)>\(link.1)</a></li>"
        }
        return "<nav class=\"dashboard-nav\" aria-label=\"\(words.dashboardNavigation)\"><ul>\(items)</ul></nav>"
    }

    /// The staff pages' own stylesheet and, where they act in place, script: linked from the
    /// page body, so the shared layout stays as it is.
    static func assets(script: Bool) -> HTML {
        let css: HTML = "<link rel=\"stylesheet\" href=\"\(StaticAssets.path("moderation.css"))\">"
        guard script else { return css }
        return "\(css)<script type=\"module\" src=\"\(StaticAssets.path("moderation.js"))\"></script>"
    }
}
