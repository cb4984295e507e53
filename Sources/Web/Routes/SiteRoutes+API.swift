import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime

extension SiteRoutes {
    /// The JSON API: its document at `/api/openapi.json`, its reference page at `/api`, and the
    /// operations under `/api/v1`, each answered by `ParleyAPI` through the code generated from
    /// that document, behind `APIGateMiddleware` (body, who asks, the document's rules).
    func registerAPI(on router: Router<AppRequestContext>) {
        router.get("/api/openapi.json") { _, _ in
            var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: APIDocument.json)))
            response.headers[.contentType] = "application/json"
            return response
        }
        let document = APIDocumentCheck.load(text: text.api)
        let api = router.group("/api/v1")
            .add(middleware: APIProblemMiddleware(text: text))
            .add(middleware: ClientAddressMiddleware(trusted: protection.trustedProxies))
            .add(
                middleware: APIGateMiddleware(
                    actions: actions, key: formTokenKey, origin: SiteOrigin(publicURL: actions.mail.baseURL), document: document,
                    text: text.api))
        // It throws only for a path the generated code cannot register: a bug in the compiled-in
        // document that every test would show at once, not a condition to recover from.
        try! ParleyAPI(routes: self).registerHandlers(on: api, serverURL: URL(string: "/")!)
    }

    /// `/api`, the reference page, among the pages (the viewer's header, the site's chrome). Its
    /// content is made once from the document.
    func registerAPIReference(on site: RouterGroup<AppRequestContext>) {
        let main = APIReferencePage.main(document: APIDocumentCheck.load(text: text.api).document, text: text)
        site.get("/api") { request, context in
            Reply.page(APIReferencePage.render(chrome: try await chrome(request, context), main: main))
        }
    }
}

/// Answers every error of an API request as `application/problem+json` (RFC 9457), naming the
/// refused fields in `errors`: an `APIProblem`; a `FieldError` of a use case or a `Refusal`
/// (the status and words the pages use for it, a rate limit with `Retry-After`); the generated
/// code's refusal of a request it could not read (after `APIDocumentCheck`, rare: a 400 naming
/// what it names); anything else is a 500 that tells nothing (the details go to the log).
struct APIProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let text: Catalogue

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            // The generated code writes header values URI-encoded, so an entity-tag's quotes
            // would leave as %22: RFC 9110 wants them as they are.
            if let etag = response.headers[.eTag], etag.hasPrefix("%22"), let decoded = etag.removingPercentEncoding {
                response.headers[.eTag] = decoded
            }
            return response
        } catch let error as ServerError {
            if let known = problem(for: error.underlyingError) { return try known.response() }
            return try readingProblem(error, context: context).response()
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            let detail = text.api.bodyTooLarge(Limits.requestBody)
            return try APIProblem(
                status: .contentTooLarge, title: text.api.tooLargeTitle, detail: detail,
                fields: [.init(field: "requestBody", detail: detail)]
            ).response()
        } catch {
            if let known = problem(for: error) { return try known.response() }
            context.logger.error("API \(request.method) \(request.uri.path): \(String(reflecting: error))")
            return try serverError.response()
        }
    }

    var serverError: APIProblem {
        APIProblem(status: .internalServerError, title: text.api.serverErrorTitle, detail: text.api.serverErrorDetail)
    }

    /// The problem of a refusal the site knows; nil for anything else.
    func problem(for error: any Error) -> APIProblem? {
        switch error {
        case let problem as APIProblem: problem
        case let error as FieldError: refused(Refusal(error))
        case let refusal as Refusal: refused(refusal)
        default: nil
        }
    }

    /// A refusal's problem: the status and words the pages give it, the field as the API names it.
    func refused(_ refusal: Refusal) -> APIProblem {
        let status = Reply.status(for: refusal.reason)
        let detail = text.errorMessage(refusal.reason)
        var problem = APIProblem(
            status: status, title: title(status), detail: detail, fields: [.init(field: Self.apiName(refusal), detail: detail)])
        if case .rateLimited(let seconds) = refusal.reason { problem.retryAfter = seconds }
        return problem
    }

    /// The use cases name their fields as the pages' forms do; the API names them as its
    /// document does (a path parameter, a body property), and "who asks" for a sign-in.
    static func apiName(_ refusal: Refusal) -> String {
        if case .field(.signInRequired) = refusal.reason { return "Authorization" }
        return switch refusal.field {
        case "parent": "parentId"
        case "post": "postId"
        case "comment", "like", "report": "commentId"
        case "member": "memberId"
        case "until": "days"
        default: refusal.field
        }
    }

    /// A request the generated code could not read, or an answer it could not write.
    func readingProblem(_ error: ServerError, context: Context) -> APIProblem {
        let api = text.api
        if error.operationInput == nil {
            // Not read: its status is the runtime's (400, or 415 for a body in another type).
            let status = error.httpStatus.kind == .clientError ? error.httpStatus : .badRequest
            var problem = APIProblem(
                status: status, title: status == .unsupportedMediaType ? api.mediaTypeTitle : api.malformedTitle,
                detail: api.unknownRequest)
            if let decoding = error.underlyingError as? DecodingError {
                problem.fields = [.init(field: Self.field(of: decoding), detail: api.unknownRequest)]
            } else if status == .unsupportedMediaType {
                problem.fields = [.init(field: "Content-Type", detail: api.mediaType)]
            }
            return problem
        }
        if error.operationOutput != nil, error.httpStatus == .notAcceptable {
            return APIProblem(
                status: .notAcceptable, title: api.notAcceptableTitle, detail: api.notAcceptable,
                fields: [.init(field: "Accept", detail: api.notAcceptable)])
        }
        context.logger.error("API \(error.operationID): \(error.causeDescription): \(String(reflecting: error.underlyingError))")
        return serverError
    }

    /// The body property a decoding error is about, as `urls[2]` or `body`.
    static func field(of error: DecodingError) -> String {
        let (path, key): ([any CodingKey], (any CodingKey)?) =
            switch error {
            case .keyNotFound(let key, let context): (context.codingPath, key)
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): (context.codingPath, nil)
            @unknown default: ([], nil)
            }
        var name = ""
        for part in path + (key.map { [$0] } ?? []) {
            if let index = part.intValue {
                name += "[\(index)]"
            } else {
                name += (name.isEmpty ? "" : ".") + part.stringValue
            }
        }
        return name.isEmpty ? "requestBody" : name
    }

    func title(_ status: HTTPResponse.Status) -> String {
        let api = text.api
        return switch status {
        case .unauthorized: api.signInTitle
        case .forbidden: api.forbiddenTitle
        case .notFound: api.notFoundTitle
        case .gone: api.goneTitle
        case .tooManyRequests: api.tooManyTitle
        case .contentTooLarge: api.tooLargeTitle
        case .unsupportedMediaType: api.mediaTypeTitle
        case .badRequest: api.malformedTitle
        default: status.kind == .serverError ? api.serverErrorTitle : api.invalidTitle
        }
    }
}
