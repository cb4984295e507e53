import API
import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime

extension SiteRoutes {
    /// The JSON API: its document at `/api/openapi.json`, and the operations under `/api/v1`,
    /// each answered by `ParleyAPI` through the code generated from that document.
    func registerAPI(on router: Router<AppRequestContext>) {
        router.get("/api/openapi.json") { _, _ in
            var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: APIDocument.json)))
            response.headers[.contentType] = "application/json"
            return response
        }
        let api = router.group("/api/v1")
            .add(middleware: APIProblemMiddleware())
        // It throws only for a path the generated code cannot register: a bug in the compiled-in
        // document that every test would show at once, not a condition to recover from.
        try! ParleyAPI(routes: self).registerHandlers(on: api, serverURL: URL(string: "/")!)
    }
}

/// Answers every error of an API request as `application/problem+json` (RFC 9457): an
/// `APIProblem` a handler threw, the generated code's refusal of a request that does not match
/// the document (a 400 naming what was wrong), or anything else (a 500 that tells nothing).
struct APIProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            if let problem = error.underlyingError as? APIProblem { return try Self.response(problem) }
            // The generated code could not read the request (a missing or malformed parameter or body).
            return try Self.response(
                APIProblem(status: .badRequest, title: "Bad request", detail: "The request does not match the API's document."))
        } catch let problem as APIProblem {
            return try Self.response(problem)
        }
    }

    static func response(_ problem: APIProblem) throws -> Response {
        try Reply.problem(status: problem.status, title: problem.title, detail: problem.detail, field: problem.fields.first?.field)
    }
}
