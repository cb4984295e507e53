import Domain
import Foundation
import HTTPTypes
import Hummingbird
import UseCases

/// What every API request meets before the generated code reads it, in this order:
/// 1. who asks: an `Authorization: Bearer` API token (a token that is not valid is a 401, never
///    an anonymous request), else the session cookie; a write made with the cookie must come
///    from this site's origin and carry the session's CSRF token in `X-CSRF-Token` (the rules
///    of `CSRF`, with the header for the form field), since a browser sends the cookie on its
///    own; a token is sent only by whoever holds it, so it needs neither;
/// 2. its body, only JSON, read once and at most `Limits.requestBody` bytes (413 beyond);
/// 3. the document (`APIDocumentCheck`): a request that breaks it is refused, naming each field.
///
/// The viewer is then put in `APIRequestScope` for the handlers (and in the context, for the
/// rate limits), and reads are marked private to the viewer: what a read shows depends on who asks.
struct APIGateMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let actions: Actions
    let key: FormTokenKey
    let origin: SiteOrigin
    let document: APIDocumentCheck
    let text: APIText

    /// Where the operations are mounted: the document's paths are under it.
    static let base = "/api/v1"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        let path = context.endpointPath.map { $0.hasPrefix(Self.base) ? String($0.dropFirst(Self.base.count)) : $0 } ?? ""
        let operation = document.operation(method: request.method, path: path)
        // Who asks first: a forged write is refused before anything of it is read.
        var scope = try await identify(request)
        scope.clientAddress = context.clientAddress
        var body: [UInt8]?
        if operation?.body != nil {
            try checkMediaType(request)
            do {
                body = Array(try await request.collectBody(upTo: Limits.requestBody).readableBytesView)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                throw APIProblem(
                    status: .contentTooLarge, title: text.tooLargeTitle, detail: text.bodyTooLarge(Limits.requestBody),
                    fields: [.init(field: "requestBody", detail: text.bodyTooLarge(Limits.requestBody))])
            }
        }
        if let operation {
            let query = request.uri.queryParameters
            let findings = document.check(
                operation,
                parameter: { name, location in
                    switch location {
                    case "path": context.parameters.get(name)
                    case "query": query.get(name)
                    case "header": HTTPField.Name(name).flatMap { request.headers[$0] }
                    default: nil
                    }
                }, body: body)
            if !findings.isEmpty { throw problem(findings) }
        }
        context.viewer = scope.viewer
        var response = try await APIRequestScope.$current.withValue(scope) { try await next(request, context) }
        // The generated code writes a header as a URI component, so the `/`s of a new
        // resource's `Location` come out as `%2F`: put back the path it is.
        if let location = response.headers[.location], location.hasPrefix("%2F"), let path = location.removingPercentEncoding {
            response.headers[.location] = path
        }
        if !CSRF.isUnsafe(request.method) {
            // Per viewer, and to be checked again (with the ETag) before a cache reuses it.
            response.headers[.cacheControl] = "private, no-cache"
            response.headers[.vary] = "Authorization, Cookie"
        }
        return response
    }

    /// Who asks: the token's member, the session's, or nobody.
    func identify(_ request: Request) async throws -> APIRequestScope {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw unauthorized(text.badAuthorization) }
            let token = parts[1].trimmingCharacters(in: .whitespaces)
            guard let holder = try await actions.apiTokenHolder(bearer: token), !holder.member.isDeleted
            else { throw unauthorized(text.badToken) }
            return APIRequestScope(viewer: holder.member, credential: .bearerToken)
        }
        guard let session = request.cookies[SiteCookie.session]?.value, !session.isEmpty,
            let member = try await actions.member(sessionToken: session)
        else { return APIRequestScope(viewer: nil, credential: .none) }
        if CSRF.isUnsafe(request.method) {
            let expected = try await key.tokens().token(forSession: session)
            guard origin.allows(request), let sent = request.headers[CSRF.header], SecretToken.constantTimeEquals(sent, expected) else {
                throw APIProblem(
                    status: .forbidden, title: text.forbiddenTitle, detail: text.csrfMissing,
                    fields: [.init(field: "X-CSRF-Token", detail: text.csrfMissing)])
            }
        }
        return APIRequestScope(viewer: member, credential: .session)
    }

    /// A body in anything but JSON is refused before it is read (415).
    func checkMediaType(_ request: Request) throws {
        guard let type = request.headers[.contentType] else { return }
        let media = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard media != "application/json" else { return }
        throw APIProblem(
            status: .unsupportedMediaType, title: text.mediaTypeTitle, detail: text.mediaType,
            fields: [.init(field: "Content-Type", detail: text.mediaType)])
    }

    func unauthorized(_ detail: String) -> APIProblem {
        APIProblem(status: .unauthorized, title: text.signInTitle, detail: detail, fields: [.init(field: "Authorization", detail: detail)])
    }

    /// 400 when the request is malformed anywhere, else 422; every finding is named.
    func problem(_ findings: [APIDocumentCheck.Finding]) -> APIProblem {
        let malformed = findings.contains { $0.kind == .malformed }
        return APIProblem(
            status: malformed ? .badRequest : .unprocessableContent, title: malformed ? text.malformedTitle : text.invalidTitle,
            detail: findings.count == 1 ? findings[0].detail : text.fieldsRefused,
            fields: findings.map { .init(field: $0.field, detail: $0.detail) })
    }
}
