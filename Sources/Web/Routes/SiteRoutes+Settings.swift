import Domain
import Foundation
import Hummingbird
import UseCases

extension SiteRoutes {
    /// `GET /settings`: a signed-out reader is sent to sign in, and back here after.
    func settingsPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer else { return Reply.redirect(to: Paths.signIn(next: Paths.settings)) }
        let saved = request.uri.queryParameters.get("saved").map { String($0) }
        return Reply.page(SettingsPage.render(chrome: try await chrome(request, context), model: try await settingsModel(viewer, saved: saved)))
    }

    func settingsModel(_ viewer: Member, saved: String? = nil) async throws -> SettingsModel {
        var followed: [Post] = []
        for id in try await store.followedPostIDs(memberID: viewer.id).prefix(100) {
            if let post = try await store.post(id: id) { followed.append(post) }
        }
        let knownSections = ["profile", "avatar", "notifications", "password"]
        return SettingsModel(member: viewer, hasPassword: try await store.passwordHash(memberID: viewer.id) != nil, followed: followed,
                             deletedComments: actions.mail.deletedAccountComments,
                             savedSection: saved.flatMap { knownSections.contains($0) ? $0 : nil })
    }

    /// Runs one settings form: checks sign-in and CSRF, runs `change`, and answers with the
    /// page again (refusal next to its field, what was typed kept) or a redirect to the saved section.
    func settingsForm(_ request: Request, _ context: AppRequestContext, section: String,
                      _ change: (FormBody, Member) async throws -> Void) async throws -> Response {
        guard let viewer = context.viewer else {
            if request.wantsJSON { return problem(FieldError(section, .signInRequired)) }
            return Reply.redirect(to: Paths.signIn(next: Paths.settings))
        }
        var form = FormBody(bytes: [UInt8]())
        do {
            form = try await readForm(request, context)
            try await change(form, viewer)
            if request.wantsJSON { return Reply.json(["saved": section]) }
            return Reply.redirect(to: "\(Paths.settings)?saved=\(section)#\(section)-heading")
        } catch let refused as RefusedForm {
            return try await refusedSettings(refused.error, typed: refused.form.fields, viewer, request, context)
        } catch let error as FieldError {
            return try await refusedSettings(error, typed: form.fields, viewer, request, context)
        }
    }

    func refusedSettings(_ error: FieldError, typed: [String: String], _ viewer: Member, _ request: Request,
                         _ context: AppRequestContext) async throws -> Response {
        if request.wantsJSON { return problem(error) }
        var model = try await settingsModel(viewer)
        model.error = (error.field, text.errorMessage(error.reason))
        model.typed = typed.filter { ["name", "bio", "confirm"].contains($0.key) }
        // A refusal with no field of its own on the page (a stale form) shows at the top field.
        if !["name", "bio", "avatar", "password", "repeat", "confirm"].contains(error.field) { model.error = ("name", text.errorMessage(error.reason)) }
        return Reply.page(SettingsPage.render(chrome: try await chrome(request, context), model: model), status: Reply.status(for: error.reason))
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
            try await actions.setPassword(form["password"] ?? "", repeated: form["repeat"] ?? "", by: viewer, keepingSession: context.sessionToken)
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

    /// `POST /settings/avatar`: a multipart upload. The CSRF token travels as a form part.
    func uploadAvatar(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer else {
            if request.wantsJSON { return problem(FieldError("avatar", .signInRequired)) }
            return Reply.redirect(to: Paths.signIn(next: Paths.settings))
        }
        do {
            var request = request
            let form: MultipartForm
            do {
                form = try await request.multipartForm(maxBytes: Limits.uploadBody)
            } catch let error as MultipartFormError {
                throw FieldError("avatar", error.isSizeLimit ? .fileTooLarge(maxBytes: Limits.avatarBytes) : .unsupportedImage)
            } catch {
                // Hummingbird's 413 for a body over the limit.
                throw FieldError("avatar", .fileTooLarge(maxBytes: Limits.avatarBytes))
            }
            guard CSRF.isValid(submitted: form[CSRF.formField], context: context) else { throw FieldError(CSRF.formField, .csrf) }
            _ = try await actions.setAvatar(bytes: form.file(named: "avatar")?.bytes ?? Data(), by: viewer)
            if request.wantsJSON { return Reply.json(["saved": "avatar"]) }
            return Reply.redirect(to: "\(Paths.settings)?saved=avatar#avatar-heading")
        } catch let error as FieldError {
            return try await refusedSettings(error.field == CSRF.formField ? FieldError("avatar", .csrf) : error, typed: [:], viewer, request, context)
        }
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

    /// `POST /settings/delete`: deletes the account once the member typed their email.
    func deleteAccount(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer else { return Reply.redirect(to: Paths.signIn(next: Paths.settings)) }
        var form = FormBody(bytes: [UInt8]())
        do {
            form = try await readForm(request, context)
            try await actions.deleteAccount(confirmEmail: form["confirm"] ?? "", by: viewer)
        } catch let refused as RefusedForm {
            return try await refusedSettings(FieldError("confirm", refused.error.reason), typed: refused.form.fields, viewer, request, context)
        } catch let error as FieldError {
            return try await refusedSettings(error, typed: form.fields, viewer, request, context)
        }
        var response = request.wantsJSON ? Reply.json(["deleted": true])
            : Reply.page(Layout.message(title: text.account.deletedTitle, body: text.account.deletedBody,
                                        chrome: PageChrome(publication: try await store.publication(), viewer: nil, csrf: context.csrfToken,
                                                           text: text, currentPath: "/")))
        response.setCookie(SiteCookie.expired(SiteCookie.session))
        return response
    }

    /// `POST /p/{slug}/follow`: follow (`follow=1`) or unfollow (`follow=0`) a discussion.
    func follow(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context) else { return try await notFound(request, context) }
        guard let viewer = context.viewer else {
            if request.wantsJSON { return problem(FieldError("follow", .signInRequired)) }
            return Reply.redirect(to: Paths.signIn(next: Paths.post(post.slug)))
        }
        do {
            let form = try await readForm(request, context)
            let following = form["follow"] != "0"
            try await actions.setFollowing(following, postID: post.id, by: viewer)
            if request.wantsJSON { return Reply.json(["following": following]) }
            return Reply.redirect(to: SafeRedirect.path(form["next"], fallback: Paths.post(post.slug) + "#discussion"))
        } catch let refused as RefusedForm {
            if request.wantsJSON { return problem(refused.error) }
            return Reply.page(Layout.message(title: text.errorTitle, body: text.errorMessage(refused.error.reason), chrome: try await chrome(request, context)),
                              status: Reply.status(for: refused.error.reason))
        } catch let error as FieldError {
            if request.wantsJSON { return problem(error) }
            return Reply.page(Layout.message(title: text.errorTitle, body: text.errorMessage(error.reason), chrome: try await chrome(request, context)),
                              status: Reply.status(for: error.reason))
        }
    }
}
