import Domain
import Foundation
import Hummingbird
import UseCases

extension SiteRoutes {
    /// `GET /settings`: a signed-out reader is sent to sign in, and back here after.
    func settingsPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer else { return Reply.redirect(to: Paths.signIn(next: Paths.settings)) }
        let saved = request.uri.queryParameters.get("saved").map { String($0) }
        return Reply.page(
            SettingsPage.render(chrome: try await chrome(request, context), model: try await settingsModel(viewer, saved: saved)))
    }

    func settingsModel(_ viewer: Member, saved: String? = nil) async throws -> SettingsModel {
        var followed: [Post] = []
        for id in try await store.followedPostIDs(memberID: viewer.id).prefix(100) {
            if let post = try await store.post(id: id) { followed.append(post) }
        }
        let knownSections = ["profile", "avatar", "notifications", "password", "tokens"]
        return SettingsModel(
            member: viewer, hasPassword: try await store.passwordHash(memberID: viewer.id) != nil, followed: followed,
            deletedComments: actions.mail.deletedAccountComments,
            savedSection: saved.flatMap { knownSections.contains($0) ? $0 : nil }, apiTokens: try await actions.apiTokens(of: viewer))
    }

    /// Runs one settings form for the signed-in viewer: runs `change` on the form
    /// `FormMiddleware` checked, and redirects to the saved section (a refusal shows the page
    /// again: `refusedSettings`).
    func settingsForm(
        _ request: Request, _ context: AppRequestContext, section: String,
        _ change: (FormBody, Member) async throws -> Void
    ) async throws -> Response {
        guard let viewer = context.viewer else {
            if request.wantsJSON { return try problem(Refusal(FieldError(section, .signInRequired))) }
            return Reply.redirect(to: Paths.signIn(next: Paths.settings))
        }
        try await change(context.form, viewer)
        if request.wantsJSON { return try Reply.json(SettingsSaved(saved: section)) }
        return Reply.redirect(to: "\(Paths.settings)?saved=\(section)#\(section)-heading")
    }

    /// The settings page again: the refusal next to its field, what was typed kept. Signed
    /// out, the sign-in page, and back here after.
    func refusedSettings(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer else { return Reply.redirect(to: Paths.signIn(next: Paths.settings)) }
        var model = try await settingsModel(viewer)
        model.error = (refusal.field, text.errorMessage(refusal.reason))
        model.typed = context.form.fields.filter { ["name", "bio", "confirm"].contains($0.key) }
        // A refusal with no field of its own on the page (a stale form) shows at the top field.
        if !["name", "bio", "avatar", "password", "repeat", "confirm", "token"].contains(refusal.field) {
            model.error = ("name", text.errorMessage(refusal.reason))
        }
        return Reply.page(
            SettingsPage.render(chrome: try await chrome(request, context), model: model), status: Reply.status(for: refusal.reason))
    }

    func saveProfile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await settingsForm(request, context, section: "profile") { form, viewer in
            _ = try await actions.updateProfile(displayName: form["name"] ?? "", bio: form["bio"] ?? "", by: viewer)
        }
    }

    func saveNotifications(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await settingsForm(request, context, section: "notifications") { form, viewer in
            // An unticked checkbox sends nothing: absence means off.
            try await actions.setNotificationSwitches(replies: form["replies"] == "1", mentions: form["mentions"] == "1", by: viewer)
        }
    }

    func savePassword(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await settingsForm(request, context, section: "password") { form, viewer in
            try await actions.setPassword(
                form["password"] ?? "", repeated: form["repeat"] ?? "", by: viewer, keepingSession: context.sessionToken)
        }
    }

    func removePassword(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await settingsForm(request, context, section: "password") { _, viewer in
            try await actions.removePassword(by: viewer, keepingSession: context.sessionToken)
        }
    }

    func removeAvatar(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await settingsForm(request, context, section: "avatar") { _, viewer in
            try await actions.removeAvatar(by: viewer)
        }
    }

    /// `POST /settings/avatar`: a multipart upload (`FormMiddleware` read it and checked its
    /// CSRF part); every refusal shows at the avatar field.
    func uploadAvatar(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer else {
            if request.wantsJSON { return try problem(Refusal(FieldError("avatar", .signInRequired))) }
            return Reply.redirect(to: Paths.signIn(next: Paths.settings))
        }
        _ = try await actions.setAvatar(bytes: context.upload?.file(named: "avatar")?.bytes ?? Data(), by: viewer)
        if request.wantsJSON { return try Reply.json(SettingsSaved(saved: "avatar")) }
        return Reply.redirect(to: "\(Paths.settings)?saved=avatar#avatar-heading")
    }

    /// `GET /settings/export`: everything of the viewer's, as a JSON download.
    func exportAccount(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer else { return Reply.redirect(to: Paths.signIn(next: Paths.settings)) }
        let data = try await actions.exportAccount(of: viewer).json()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"parley-account-\(viewer.id).json\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `POST /settings/delete`: deletes the account once the member typed their email. Every
    /// refusal shows at the confirmation field.
    func deleteAccount(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer else { return Reply.redirect(to: Paths.signIn(next: Paths.settings)) }
        try await actions.deleteAccount(confirmEmail: context.form["confirm"] ?? "", by: viewer)
        // The session is gone: the page's forms carry a signed-out token from now on.
        let csrf = try await formTokenKey.tokens().newAnonymousToken()
        var response =
            request.wantsJSON
            ? try Reply.json(AccountDeleted())
            : Reply.page(
                Layout.message(
                    title: text.account.deletedTitle, body: text.account.deletedBody,
                    chrome: PageChrome(
                        publication: try await store.publication(), viewer: nil, csrf: csrf,
                        text: text, currentPath: "/")))
        response.setCookie(SiteCookie.expired(SiteCookie.session))
        response.setCookie(SiteCookie.make(SiteCookie.csrf, value: csrf, maxAge: nil))
        return response
    }

    /// `POST /p/{slug}/follow`: follow (`follow=1`) or unfollow (`follow=0`) a discussion.
    func follow(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context) else { return try await notFound(request, context) }
        guard let viewer = context.viewer else {
            if request.wantsJSON { return try problem(Refusal(FieldError("follow", .signInRequired))) }
            return Reply.redirect(to: Paths.signIn(next: Paths.post(post.slug)))
        }
        let following = context.form["follow"] != "0"
        try await limits.check(.follow, context)
        try await actions.setFollowing(following, postID: post.id, by: viewer)
        if request.wantsJSON { return try Reply.json(FollowState(following: following)) }
        return Reply.redirect(to: SafeRedirect.path(context.form["next"], fallback: Paths.post(post.slug) + "#discussion"))
    }
}
