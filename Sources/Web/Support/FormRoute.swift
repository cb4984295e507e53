import HTTPTypes
import Hummingbird

/// The page each form route shows when refused, declared with the route
/// (`SiteRoutes.register`) and found by `FormMiddleware` from the route the router matched.
/// Built once, before the routes are added, and never changed.
struct RefusedPages: Sendable {
    /// Shows a refused form again: `context.form` holds what was typed.
    typealias Page = @Sendable (Refusal, Request, AppRequestContext) async throws -> Response

    /// What a refused route shows, and the one field its every refusal is named by (a form
    /// with a single field, like the avatar upload), if it has one.
    struct Route: Sendable {
        let page: Page
        let field: String?
    }

    private let routes: [String: Route]

    init(_ forms: [FormRoute]) {
        routes = Dictionary(
            uniqueKeysWithValues: forms.map { ("\(HTTPRequest.Method.post) \($0.path)", Route(page: $0.refused, field: $0.field)) })
    }

    func route(method: HTTPRequest.Method, endpoint: String) -> Route? {
        routes["\(method) \(endpoint)"]
    }
}

/// A form route: its path, the page that shows it again when refused, and its handler.
struct FormRoute: Sendable {
    let path: RouterPath
    let field: String?
    let refused: RefusedPages.Page
    let action: @Sendable (Request, AppRequestContext) async throws -> Response

    init(
        _ path: RouterPath, field: String? = nil, refused: @escaping RefusedPages.Page,
        _ action: @escaping @Sendable (Request, AppRequestContext) async throws -> Response
    ) {
        self.path = path
        self.field = field
        self.refused = refused
        self.action = action
    }
}
