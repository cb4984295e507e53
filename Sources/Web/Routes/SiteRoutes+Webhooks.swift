import Domain
import Foundation
import Hummingbird
import UseCases

extension SiteRoutes {
    /// The owner's webhooks page.
    func registerWebhooks(on site: RouterGroup<AppRequestContext>) {
        site.get("/dashboard/settings/webhooks") { request, context in try await webhooksPage(request, context) }
    }

    /// Adding an endpoint, sending it a test, removing it: each shows the page again when refused.
    func webhooksFormRoutes() -> [FormRoute] {
        [
            FormRoute("/dashboard/settings/webhooks", refused: { try await refusedWebhooks($0, $1, $2) }) {
                try await addWebhook($0, $1)
            },
            FormRoute("/dashboard/settings/webhooks/:id/test", refused: { try await refusedWebhooks($0, $1, $2) }) {
                try await testWebhook($0, $1)
            },
            FormRoute("/dashboard/settings/webhooks/:id/remove", refused: { try await refusedWebhooks($0, $1, $2) }) {
                try await removeWebhook($0, $1)
            },
        ]
    }

    /// Owners only: an endpoint's secret signs what the site says about its readers, and its
    /// address decides where that goes. Admins are refused (403) as members are elsewhere.
    func ownerGate(_ request: Request, _ context: AppRequestContext) async throws -> Result<Member, StaffRefused> {
        switch try await staffGate(.admin, request, context) {
        case .failure(let refused): return .failure(refused)
        case .success(let viewer):
            guard viewer.role == .owner else {
                let refusal = Refusal(FieldError("dashboard", .notAllowed))
                if request.wantsJSON { return .failure(StaffRefused(response: try problem(refusal))) }
                return .failure(
                    StaffRefused(
                        response: Reply.page(
                            Layout.message(
                                title: text.webhooks.title, body: text.webhooks.ownersOnly, chrome: try await chrome(request, context)),
                            status: .forbidden)))
            }
            return .success(viewer)
        }
    }

    /// `GET /dashboard/settings/webhooks`; `?added=ID` shows that endpoint's secret, the first
    /// time only; `?done=test|removed` adds a note.
    func webhooksPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await ownerGate(request, context) {
        case .success: break
        case .failure(let refused): return refused.response
        }
        let query = request.uri.queryParameters
        var model = try await webhooksModel(form: WebhookForm())
        if let added = query.get("added").flatMap({ WebhookEndpointID(parsing: $0) }) {
            model.secret = try await store.revealWebhookSecret(added)
            model.note = "added"
        }
        if let done = query.get("done"), ["test", "removed"].contains(done) { model.note = done }
        var response = Reply.page(WebhooksPage.render(chrome: try await chrome(request, context), model: model))
        // The secret must not stay in a cache, shared or the browser's own.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    func webhooksModel(form: WebhookForm) async throws -> WebhooksModel {
        var endpoints: [(WebhookEndpoint, [WebhookDelivery])] = []
        for endpoint in try await store.webhookEndpoints() {
            endpoints.append((endpoint, try await store.webhookDeliveries(endpoint: endpoint.id, limit: Limits.webhookLogLength)))
        }
        return WebhooksModel(endpoints: endpoints, form: form, allowPrivate: protection.webhooksAllowPrivate)
    }

    /// `POST /dashboard/settings/webhooks`: every field checked (the host resolved) before anything is written.
    func addWebhook(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await ownerGate(request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        let form = WebhookForm(typed: context.form)
        let input = WebhookEndpointInput(
            url: form.url, events: WebhookEvent.subscribable.filter { form.events.contains($0) }.map(\.rawValue),
            format: context.form["format"] ?? WebhookFormat.parley.rawValue)
        let endpoint = try await actions.addWebhookEndpoint(input, by: viewer, allowPrivate: protection.webhooksAllowPrivate)
        if request.wantsJSON { return try Reply.json(SettingsSaved(saved: "webhook")) }
        return Reply.redirect(to: "/dashboard/settings/webhooks?added=\(endpoint.id)")
    }

    func testWebhook(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await ownerGate(request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        try await actions.sendWebhookTest(try pathEndpoint(context), by: viewer)
        if request.wantsJSON { return try Reply.json(SettingsSaved(saved: "webhook")) }
        return Reply.redirect(to: "/dashboard/settings/webhooks?done=test")
    }

    func removeWebhook(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer: Member
        switch try await ownerGate(request, context) {
        case .success(let member): viewer = member
        case .failure(let refused): return refused.response
        }
        try await actions.removeWebhookEndpoint(try pathEndpoint(context), by: viewer)
        if request.wantsJSON { return try Reply.json(SettingsSaved(saved: "webhook")) }
        return Reply.redirect(to: "/dashboard/settings/webhooks?done=removed")
    }

    func pathEndpoint(_ context: AppRequestContext) throws(FieldError) -> WebhookEndpointID {
        guard let raw = context.parameters.get("id"), let id = WebhookEndpointID(parsing: raw) else {
            throw FieldError("endpoint", .notFound)
        }
        return id
    }

    /// The page again: what was typed, and the refusal next to its field in the page's own words.
    func refusedWebhooks(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer, viewer.role == .owner, refusal.field != "dashboard" else {
            return try await refusedMessage(refusal, request, context)
        }
        let words = text.webhooks
        var form = WebhookForm(typed: context.form)
        let field = ["url", "events", "format"].contains(refusal.field) ? refusal.field : "url"
        let message: String =
            switch (refusal.field, refusal.reason) {
            case ("url", .field(.invalidChoice)): protection.webhooksAllowPrivate ? words.urlInvalidPrivate : words.urlInvalid
            case ("url", .field(.notFound)): words.urlUnresolved
            case ("url", .field(.notAllowed)): words.urlNotPublic
            case ("url", .field(.outOfRange(_, let max))): words.tooMany(max)
            case ("events", .field(.required)): words.eventsRequired
            default: text.errorMessage(refusal.reason)
            }
        // A refused test or removal names no field of the form: the form stays empty.
        if refusal.field == "endpoint" { form = WebhookForm() }
        form.error = (field, message)
        return Reply.page(
            WebhooksPage.render(chrome: try await chrome(request, context), model: try await webhooksModel(form: form)),
            status: Reply.status(for: refusal.reason))
    }
}
