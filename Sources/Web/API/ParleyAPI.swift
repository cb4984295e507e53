import API
import Domain
import Foundation
import Storage
import UseCases

/// The JSON API under `/api/v1`: the handlers of the operations `openapi.json` declares
/// (`APIProtocol` is generated from it at build time). One file per area, as extensions.
///
/// Handlers read who is asking from `APIRequestScope.current`, which the API's middleware sets
/// for the request before the generated code calls them, and throw `APIProblem` for every
/// refusal; the middleware answers it as `application/problem+json`.
struct ParleyAPI: APIProtocol {
    let routes: SiteRoutes

    var actions: Actions { routes.actions }
    var store: any SiteStore { routes.actions.store }
    var text: Catalogue { routes.text }
    var now: Date { routes.now }
    /// The signed-in member asking (cookie or bearer token), or nil.
    var viewer: Member? { APIRequestScope.current.viewer }

    /// Counts one `action` of the asker against the site's rate limits (as the pages do); past
    /// a limit, a 429 with `Retry-After`.
    func limit(_ action: LimitedAction, account: String? = nil) async throws {
        try await routes.limits.check(action, member: viewer, address: APIRequestScope.current.clientAddress, account: account)
    }
}

/// Who is asking, for the length of one API request (a task-local value, because the generated
/// handlers are given only their decoded input).
struct APIRequestScope: Sendable {
    /// The member the session cookie or the bearer token names; nil for an anonymous read.
    var viewer: Member?
    /// How the viewer was recognised: writes by a session need the CSRF header, by a token not.
    var credential: Credential
    /// The client's address (`ClientAddressMiddleware`), which the rate limits count.
    var clientAddress: String? = nil

    enum Credential: Sendable {
        case none, session, bearerToken
    }

    @TaskLocal static var current = APIRequestScope(viewer: nil, credential: .none)
}
