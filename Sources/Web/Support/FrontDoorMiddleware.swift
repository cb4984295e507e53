import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOHTTP1
import UseCases

/// The outermost middleware: every request meets it first and every answer leaves through it,
/// including the router's own 404, the 413 of a body over `maxUploadSize`, and errors no
/// handler caught. It refuses a request without exactly one `Host`, turns every 404 and 5xx
/// into a page in the site's style (RFC 9457 problem details for JSON requests), and gives
/// every response the security headers.
///
/// It lives with the other middleware in Support, not in Routes: it belongs to no route.
/// `SiteRoutes.register` adds it first, before any route, since Hummingbird wraps only the
/// routes added after a middleware.
public struct FrontDoorMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let actions: Actions
    let text: Catalogue

    public init(actions: Actions, catalogue: Catalogue = .english) {
        self.actions = actions
        self.text = catalogue
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if !Self.hasOneHost(request) {
            response = Response(status: .badRequest)
        } else {
            do {
                response = try await next(request, context)
            } catch let error as HTTPParserError {
                // A body that breaks HTTP framing: Hummingbird answers 400 and closes the
                // connection, which must not stay open to read the rest as a new request.
                throw error
            } catch let error as any HTTPResponseError where !Self.isErrorPage(error.status) {
                // 400, 405, 413...: Hummingbird's own answer, with our headers below.
                response = (try? error.response(from: request, context: context)) ?? Response(status: error.status)
            } catch let error as any HTTPResponseError {
                // Its page comes below; its headers (a 503's Retry-After) stay.
                let headers = (try? error.response(from: request, context: context))?.headers ?? [:]
                response = Response(status: error.status, headers: headers)
            } catch {
                // The details stay in the log; the reader gets the plain page.
                context.logger.error("Unhandled error answering \(request.method) \(request.uri.path): \(String(reflecting: error))")
                response = Response(status: .internalServerError)
            }
        }
        // A handler's own not-found page has a body already; the router's, an asset's or an
        // error's has none.
        if Self.isErrorPage(response.status), response.body.contentLength == 0 {
            response = try await errorPage(response.status, headers: response.headers, request: request)
        }
        SecurityHeaders.apply(to: &response.headers)
        return response
    }

    /// RFC 9112 §3.2: a request without a `Host`, or with two, is refused. The first `Host`
    /// becomes the request's authority; a second one stays among the fields.
    static func hasOneHost(_ request: Request) -> Bool {
        request.head.authority != nil && !request.headers.contains(hostField)
    }

    private static let hostField = HTTPField.Name("Host")!

    static func isErrorPage(_ status: HTTPResponse.Status) -> Bool {
        status == .notFound || status.kind == .serverError
    }

    /// The same for every viewer: it reads no session. A 5xx page reads no database either (the
    /// database may be why it failed, and waiting on its pool would make an outage slower):
    /// it shows the placeholder publication; a 404 shows the site's own name.
    private func errorPage(_ status: HTTPResponse.Status, headers: HTTPFields, request: Request) async throws -> Response {
        let (title, body) = status == .notFound ? (text.notFoundTitle, text.notFoundBody) : (text.errorTitle, text.serverErrorBody)
        var response: Response
        if request.wantsJSON {
            response = try Reply.problem(status: status, title: title, detail: body)
        } else {
            let publication = status == .notFound ? (try? await actions.store.publication()) ?? .placeholder : .placeholder
            let chrome = PageChrome(publication: publication, viewer: nil, csrf: "", text: text, currentPath: request.uri.path)
            response = Reply.page(Layout.message(title: title, body: body, chrome: chrome), status: status)
        }
        // What the error said beyond its status (Retry-After...), but not what describes the
        // body it no longer has.
        for field in headers where ![.contentType, .contentLength].contains(field.name) && response.headers[field.name] == nil {
            response.headers.append(field)
        }
        return response
    }
}
