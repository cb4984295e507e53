import Domain
import Foundation
import Hummingbird

extension SiteRoutes {
    /// `GET /dashboard/settings/moderation`: owners and admins set the publication's rules.
    func moderationSettingsPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await staffGate(.admin, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        let settings = try await store.moderationSettings()
        return Reply.page(
            ModerationSettingsPage.render(
                chrome: try await chrome(request, context), form: ModerationSettingsForm(settings),
                saved: request.uri.queryParameters.get("saved") != nil))
    }

    /// `POST /dashboard/settings/moderation`: every field read and checked first; one refused
    /// field refuses the whole form and nothing changes.
    func saveModerationSettings(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        let settings = try ModerationSettingsForm.parse(context.form)
        try await actions.updateModerationSettings(settings, by: viewer)
        if request.wantsJSON { return try Reply.json(SettingsSaved(saved: "moderation")) }
        return Reply.redirect(to: "/dashboard/settings/moderation?saved=1")
    }

    /// The settings form again, with what was typed and the refusal next to its field.
    func refusedModerationSettings(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer, StaffNeed.admin.allows(viewer.role) else {
            return try await refusedMessage(refusal, request, context)
        }
        var form = ModerationSettingsForm(typed: context.form)
        let field = ModerationSettingsForm.fields.contains(refusal.field) ? refusal.field : "hold_policy"
        let words = text.moderation
        let message: String =
            switch (field, refusal.reason) {
            case ("spam_threshold", .field(.invalidChoice)): words.thresholdRange
            case ("hold_count", .field(.invalidChoice)), ("max_links", .field(.invalidChoice)), ("reports_to_hold", .field(.invalidChoice)),
                ("auto_close_days", .field(.invalidChoice)):
                words.wholeNumber
            default: text.errorMessage(refusal.reason)
            }
        form.error = (field, message)
        return Reply.page(
            ModerationSettingsPage.render(chrome: try await chrome(request, context), form: form, saved: false),
            status: Reply.status(for: refusal.reason))
    }
}
