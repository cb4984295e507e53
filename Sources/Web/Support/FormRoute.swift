import Domain
import HTTPTypes
import Hummingbird

/// A form route, declared in `SiteRoutes.formRoutes`: its path, the page that shows it again
/// when refused, what it takes as an upload, and its handler.
struct FormRoute: Sendable {
    /// Shows a refused form again: `context.form` holds what was typed.
    typealias Page = @Sendable (Refusal, Request, AppRequestContext) async throws -> Response

    /// How large a `multipart/form-data` body the route takes, and the file size its refusal
    /// names. A route without a file input takes no more than a plain form.
    struct Upload: Sendable {
        let maxBody: Int
        let maxFile: Int
        /// Bytes of a plain (url-encoded) form body: the editor's, with a whole post in it, is larger.
        var maxForm = Limits.requestBody
        /// Files go to disk as they arrive (`MultipartFileStream`) rather than into memory.
        var toDisk = false

        static let none = Upload(maxBody: Limits.requestBody, maxFile: Limits.requestBody)
        static let avatar = Upload(maxBody: Limits.uploadBody, maxFile: Limits.avatarBytes)
    }

    let path: RouterPath
    /// The one field every refusal of the route is named by (a form with a single field, like
    /// the avatar upload), on its page and in JSON; nil when each refusal names its own.
    let field: String?
    let upload: Upload
    let refused: Page
    let action: @Sendable (Request, AppRequestContext) async throws -> Response

    init(
        _ path: RouterPath, field: String? = nil, upload: Upload = .none, refused: @escaping Page,
        _ action: @escaping @Sendable (Request, AppRequestContext) async throws -> Response
    ) {
        self.path = path
        self.field = field
        self.upload = upload
        self.refused = refused
        self.action = action
    }

    /// The form routes by method and path, for `FormMiddleware` to find the one the router
    /// matched. Built once, before the routes are added, and never changed.
    struct Table: Sendable {
        private let routes: [String: FormRoute]

        init(_ forms: [FormRoute]) {
            routes = Dictionary(uniqueKeysWithValues: forms.map { ("\(HTTPRequest.Method.post) \($0.path)", $0) })
        }

        func route(method: HTTPRequest.Method, endpoint: String) -> FormRoute? {
            routes["\(method) \(endpoint)"]
        }
    }
}
