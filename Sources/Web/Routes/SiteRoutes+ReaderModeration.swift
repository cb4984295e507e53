import Domain
import Foundation
import Hummingbird

extension SiteRoutes {
    /// The form routes of moderation on discussion pages: reports, mutes, the staff's buttons
    /// on cards, and a post's discussion settings. Each goes through `FormMiddleware` (CSRF)
    /// like every other form; the use cases check who may.
    func readerModerationFormRoutes() -> [FormRoute] {
        [
            FormRoute("/p/:slug/comment/:id/report", refused: { try await refusedReport($0, $1, $2) }) { try await report($0, $1) },
            FormRoute("/p/:slug/comment/:id/pin", refused: { try await refusedAction($0, $1, $2) }) { try await pin($0, $1) },
            FormRoute("/p/:slug/comment/:id/feature", refused: { try await refusedAction($0, $1, $2) }) { try await feature($0, $1) },
            FormRoute("/p/:slug/comment/:id/remove", refused: { try await refusedAction($0, $1, $2) }) { try await remove($0, $1) },
            FormRoute("/p/:slug/comment/:id/restore", refused: { try await refusedAction($0, $1, $2) }) { try await restore($0, $1) },
            FormRoute("/p/:slug/discussion", refused: { try await refusedDiscussionSettings($0, $1, $2) }) {
                try await saveDiscussionSettings($0, $1)
            },
            FormRoute("/members/:id/mute", refused: { try await refusedMessage($0, $1, $2) }) { try await mute($0, $1) },
        ]
    }

    /// The pages those forms live on.
    func registerReaderModerationPages(on site: RouterGroup<AppRequestContext>) {
        site.get("/p/:slug/comment/:id/report") { request, context in try await reportForm(request, context) }
        site.get("/p/:slug/discussion") { request, context in try await discussionSettingsPage(request, context) }
    }

    // MARK: Reports

    /// `GET .../report`: the form; `?done=1` (or `again`) the thanks after it was sent.
    func reportForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context), !comment.isDeleted,
            comment.status == .visible
        else { return try await notFound(request, context) }
        let chrome = try await chrome(request, context)
        guard context.viewer != nil else { return Reply.redirect(to: Paths.signIn(next: Paths.report(post.slug, comment.id))) }
        if let done = request.uri.queryParameters.get("done") {
            return Reply.page(ReportPage.received(chrome: chrome, post: post, comment: comment, again: done == "again"))
        }
        let author = try await store.member(id: comment.authorID)
        return Reply.page(ReportPage.render(chrome: chrome, post: post, comment: comment, author: author, draft: .empty))
    }

    func report(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        try await limits.check(.report, context)
        let raw = context.form["reason"] ?? ""
        guard let reason = ReportReason(rawValue: raw) else { throw FieldError("reason", raw.isEmpty ? .required : .invalidChoice) }
        let outcome = try await actions.reportComment(id: comment.id, reason: reason, text: context.form["text"] ?? "", by: context.viewer)
        let again = outcome == .alreadyReported
        if request.wantsJSON { return try Reply.json(ReportReceived(received: true, alreadyReported: again)) }
        return Reply.redirect(to: Paths.report(post.slug, comment.id) + "?done=" + (again ? "again" : "1"))
    }

    /// A refused report: the form again with the reason chosen, the words typed, and why.
    func refusedReport(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context), !comment.isDeleted,
            context.viewer != nil, comment.status == .visible, refusal.field == "reason" || refusal.field == "text"
        else { return try await refusedAction(refusal, request, context) }
        let draft = ReportPage.Draft(
            reason: context.form["reason"].flatMap { ReportReason(rawValue: $0) }, text: context.form["text"] ?? "",
            error: text.errorMessage(refusal.reason), errorField: refusal.field)
        let author = try await store.member(id: comment.authorID)
        return Reply.page(
            ReportPage.render(chrome: try await chrome(request, context), post: post, comment: comment, author: author, draft: draft),
            status: Reply.status(for: refusal.reason))
    }

    // MARK: Staff buttons on cards

    func pin(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        let pinning = context.form["pin"] != "0"
        try await actions.setPinned(pinning ? comment.id : nil, postID: post.id, by: context.viewer)
        return try moderated(comment, in: post, request)
    }

    func feature(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        try await actions.setFeatured(context.form["feature"] != "0", commentID: comment.id, by: context.viewer)
        return try moderated(comment, in: post, request)
    }

    func remove(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        _ = try await actions.removeComment(id: comment.id, reason: context.form["reason"] ?? "", by: context.viewer)
        return try moderated(comment, in: post, request)
    }

    func restore(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        _ = try await actions.restoreComment(id: comment.id, by: context.viewer)
        return try moderated(comment, in: post, request)
    }

    /// After a staff button: back to the card (the page shows it as it now is).
    private func moderated(_ comment: Comment, in post: Post, _ request: Request) throws -> Response {
        if request.wantsJSON { return try Reply.json(ModerationDone(done: true)) }
        return Reply.redirect(to: Paths.commentAnchor(post.slug, comment.id))
    }

    // MARK: A post's discussion settings

    /// `GET /p/{slug}/discussion`: staff only; `?saved=1` after a change.
    func discussionSettingsPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context) else { return try await notFound(request, context) }
        guard let viewer = context.viewer else { return Reply.redirect(to: Paths.signIn(next: Paths.discussionSettings(post.slug))) }
        let chrome = try await chrome(request, context)
        guard viewer.role.isStaff else {
            return Reply.page(
                Layout.message(title: text.errorTitle, body: text.errorMessage(.field(.notAllowed)), chrome: chrome), status: .forbidden)
        }
        let draft = DiscussionSettingsPage.Draft(
            setting: post.discussion, autoCloseDays: post.autoCloseDays.map(String.init) ?? "", error: nil,
            saved: request.uri.queryParameters.get("saved") == "1")
        let defaults = try await store.moderationSettings()
        return Reply.page(DiscussionSettingsPage.render(chrome: chrome, post: post, defaultDays: defaults.autoCloseDays, draft: draft))
    }

    func saveDiscussionSettings(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context) else { return try await notFound(request, context) }
        guard let setting = DiscussionSetting(rawValue: context.form["setting"] ?? "") else { throw FieldError("setting", .invalidChoice) }
        let rawDays = (context.form["auto_close_days"] ?? "").trimmingCharacters(in: .whitespaces)
        var days: Int?
        if !rawDays.isEmpty {
            guard rawDays.utf8.count <= 6, let parsed = Int(rawDays) else {
                throw FieldError("autoCloseDays", .outOfRange(min: 1, max: Limits.autoCloseDaysMax))
            }
            days = parsed
        }
        try await actions.setDiscussion(postID: post.id, setting: setting, autoCloseDays: days, by: context.viewer)
        if request.wantsJSON { return try Reply.json(ModerationDone(done: true)) }
        return Reply.redirect(to: Paths.discussionSettings(post.slug) + "?saved=1")
    }

    /// A refused change of the settings: the form again with what was chosen and why, for staff.
    func refusedDiscussionSettings(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), context.viewer?.role.isStaff ?? false else {
            return try await refusedMessage(refusal, request, context)
        }
        let draft = DiscussionSettingsPage.Draft(
            setting: DiscussionSetting(rawValue: context.form["setting"] ?? "") ?? post.discussion,
            autoCloseDays: context.form["auto_close_days"] ?? "", error: text.errorMessage(refusal.reason))
        let defaults = try await store.moderationSettings()
        return Reply.page(
            DiscussionSettingsPage.render(
                chrome: try await chrome(request, context), post: post, defaultDays: defaults.autoCloseDays, draft: draft),
            status: Reply.status(for: refusal.reason))
    }

    // MARK: Mutes

    /// `POST /members/{id}/mute` (`mute=1` or `0`): back to their page.
    func mute(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let raw = context.parameters.get("id"), let id = MemberID(parsing: raw) else { return try await notFound(request, context) }
        let muting = context.form["mute"] != "0"
        // A toggle, like following: limited the same way, so a script cannot write at full speed.
        try await limits.check(.follow, context)
        try await actions.setMuted(muting, target: id, by: context.viewer)
        if request.wantsJSON { return try Reply.json(MuteState(muted: muting)) }
        return Reply.redirect(to: Paths.member(id))
    }
}

/// A report was received (`alreadyReported`: this member had reported the comment before).
struct ReportReceived: Encodable {
    let received: Bool
    let alreadyReported: Bool
}

/// A staff action on a card or a post was done.
struct ModerationDone: Encodable {
    let done: Bool
}

/// Whether the viewer now mutes the member.
struct MuteState: Encodable {
    let muted: Bool
}
