import Domain
import Foundation
import Hummingbird
import UseCases

extension SiteRoutes {
    /// The accent stylesheet: the same for every visitor, no session read, cached for good
    /// (its name is the colour).
    static func registerPublicationAssets(on router: Router<AppRequestContext>) {
        router.get("/accent/:file") { _, context -> Response in
            guard let file = context.parameters.get("file"), file.hasSuffix(".css"), file.utf8.count == 10,
                let colour = AccentColour("#" + file.dropLast(4)), colour.hex.dropFirst() == file.dropLast(4)
            else { return Response(status: .notFound) }
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=31536000, immutable"
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: PublicationChrome.accentStylesheet(colour))))
        }
    }

    /// The publication's pages: its settings (owners and admins) and its about page.
    func registerPublicationSettings(on site: RouterGroup<AppRequestContext>) {
        site.get("/dashboard/settings") { request, context in try await publicationSettingsPage(request, context) }
        site.get("/about") { request, context in try await aboutPage(request, context) }
    }

    /// The settings forms, each shown again with its refusal next to the field.
    func publicationFormRoutes() -> [FormRoute] {
        [
            FormRoute("/dashboard/settings", refused: { try await refusedPublicationSettings($0, $1, $2) }) {
                try await savePublicationSettings($0, $1)
            },
            FormRoute(
                "/dashboard/settings/logo", field: "logo", upload: .avatar, refused: { try await refusedPublicationSettings($0, $1, $2) }
            ) {
                try await uploadLogo($0, $1)
            },
            FormRoute("/dashboard/settings/logo/remove", field: "logo", refused: { try await refusedPublicationSettings($0, $1, $2) }) {
                try await removeLogo($0, $1)
            },
            FormRoute("/setup", refused: { try await refusedSetup($0, $1, $2) }) { try await setUpSite($0, $1) },
        ]
    }

    /// `GET /dashboard/settings`: owners and admins; `?saved=1`, `?saved=logo` or `?welcome=1` adds a note.
    func publicationSettingsPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await staffGate(.admin, request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        let publication = try await store.publication()
        let query = request.uri.queryParameters
        let saved = query.get("saved")
        let note: String? = query.get("welcome") != nil ? "welcome" : saved == "1" ? "saved" : saved == "logo" ? "logo" : nil
        return Reply.page(
            PublicationSettingsPage.render(
                chrome: try await chrome(request, context),
                model: PublicationSettingsModel(form: PublicationSettingsForm(publication), logo: publication.logo, note: note)))
    }

    /// `POST /dashboard/settings`: every field checked before anything is written.
    func savePublicationSettings(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        try await actions.updatePublicationSettings(PublicationSettingsForm.input(context.form), by: viewer)
        if request.wantsJSON { return try Reply.json(SettingsSaved(saved: "publication")) }
        return Reply.redirect(to: "/dashboard/settings?saved=1")
    }

    /// `POST /dashboard/settings/logo`: a multipart upload; every refusal shows at the logo field.
    func uploadLogo(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        try await actions.setLogo(bytes: context.upload?.file(named: "logo")?.bytes ?? Data(), by: viewer)
        if request.wantsJSON { return try Reply.json(SettingsSaved(saved: "logo")) }
        return Reply.redirect(to: "/dashboard/settings?saved=logo#logo-heading")
    }

    func removeLogo(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await staffGate(.admin, request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        try await actions.removeLogo(by: viewer)
        if request.wantsJSON { return try Reply.json(SettingsSaved(saved: "logo")) }
        return Reply.redirect(to: "/dashboard/settings?saved=logo#logo-heading")
    }

    /// The settings page again: what was typed (the logo form has none to keep) and the
    /// refusal next to its field.
    func refusedPublicationSettings(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer, StaffNeed.admin.allows(viewer.role) else {
            return try await refusedMessage(refusal, request, context)
        }
        let publication = try await store.publication()
        let words = text.publication
        var model = PublicationSettingsModel(form: PublicationSettingsForm(publication), logo: publication.logo)
        if refusal.field == "logo" || refusal.field == "upload" {
            model.logoError = text.errorMessage(refusal.reason)
        } else {
            model.form = PublicationSettingsForm(typed: context.form)
            let field = PublicationSettingsForm.fields.contains(refusal.field) ? refusal.field : "name"
            let message: String =
                switch (field, refusal.reason) {
                case ("accent_colour", .field(.invalidChoice)): words.colourInvalid
                case ("embed_origins", .field(.invalidChoice)), ("embed_origins", .field(.tooLong)): words.originsInvalid
                default: text.errorMessage(refusal.reason)
                }
            model.form.error = (field, message)
        }
        return Reply.page(
            PublicationSettingsPage.render(chrome: try await chrome(request, context), model: model),
            status: Reply.status(for: refusal.reason))
    }

    /// `GET /about`: the about page, or 404 while the writer has not written one.
    func aboutPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let chrome = try await chrome(request, context)
        guard !chrome.publication.aboutHTML.isEmpty else { return try await notFound(request, context) }
        return Reply.page(AboutPage.render(chrome: chrome))
    }
}
