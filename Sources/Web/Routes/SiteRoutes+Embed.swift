import Domain
import Foundation
import Hummingbird
import UseCases

extension Paths {
    /// The embed's sign-in popup: `?origin=` names the site whose page opened it.
    static let embedSignIn = "/embed/sign-in"
}

extension SiteRoutes {
    /// Which origins may embed the discussions (settings and `--embed-origins`).
    var embedAllowList: EmbedAllowList { EmbedAllowList(configured: protection.embedOrigins, store: store) }

    /// The embed's routes that read no session: CORS for the API and the live streams (a router
    /// middleware, so it must come before the routes it wraps), and the two scripts host pages load.
    func registerEmbed(on router: Router<AppRequestContext>) {
        router.add(middleware: CORSMiddleware(policy: .embed, allowList: embedAllowList))
        let scripts = EmbedScript(text: text.embed)
        router.get("/embed.js") { request, _ in StaticAssets.serve(scripts.embed, caching: StaticAssets.revalidated, to: request) }
        router.get("/count.js") { request, _ in StaticAssets.serve(scripts.count, caching: StaticAssets.revalidated, to: request) }
    }

    /// The sign-in popup's page (per viewer).
    func registerEmbedPages(on site: RouterGroup<AppRequestContext>) {
        site.get("/embed/sign-in") { request, context in try await embedSignInPage(request, context) }
    }

    func embedFormRoutes() -> [FormRoute] {
        [
            FormRoute("/embed/sign-in", refused: { try await refusedEmbedSignIn($0, $1, $2) }) {
                try await embedSignIn($0, $1)
            }
        ]
    }

    /// `GET /embed/sign-in?origin=`: signed out, the ordinary sign-in first (it comes back
    /// here); signed in, asks whether to continue on that site.
    func embedSignInPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let raw = request.uri.queryParameters.get("origin").map { String($0) } ?? ""
        guard let origin = try await allowedEmbedOrigin(raw) else { return try await embedOriginRefused(request, context) }
        guard let viewer = context.viewer else {
            let back = Paths.embedSignIn + "?origin=" + (origin.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            return Reply.redirect(to: Paths.signIn(next: back))
        }
        return Reply.page(EmbedSignInPage.render(chrome: try await chrome(request, context), origin: origin, viewer: viewer))
    }

    /// `POST /embed/sign-in`: a token for the embed on that site, handed to the window that
    /// opened this one.
    func embedSignIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer else { throw FieldError("origin", .signInRequired) }
        guard let origin = try await allowedEmbedOrigin(context.form["origin"] ?? "") else { throw FieldError("origin", .notAllowed) }
        let token = try await actions.issueEmbedToken(origin: origin, for: viewer)
        return Reply.page(EmbedSignInPage.handoff(chrome: try await chrome(request, context), origin: origin, token: token, viewer: viewer))
    }

    func refusedEmbedSignIn(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let viewer = context.viewer, let origin = try await allowedEmbedOrigin(context.form["origin"] ?? "") else {
            return try await refusedMessage(refusal, request, context)
        }
        return Reply.page(
            EmbedSignInPage.render(
                chrome: try await chrome(request, context), origin: origin, viewer: viewer, error: text.errorMessage(refusal.reason)),
            status: Reply.status(for: refusal.reason))
    }

    /// `raw` as an origin the allow-list holds, or nil.
    func allowedEmbedOrigin(_ raw: String) async throws -> String? {
        guard let origin = try? EmbedOrigin.normalize(raw), try await embedAllowList.allows(origin) else { return nil }
        return origin
    }

    func embedOriginRefused(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        Reply.page(
            Layout.message(title: text.errorTitle, body: text.embed.originRefused, chrome: try await chrome(request, context)),
            status: .forbidden)
    }
}
