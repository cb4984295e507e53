import Domain
import Foundation
import Hummingbird

/// Every unsafe request (POST, PUT, PATCH, DELETE...) of the routes behind it passes here,
/// whatever the route: the request must come from this site's origin and carry this
/// browser's CSRF token (`CSRF`), and its form is read once, before the handler runs
/// (`context.form`, or `context.upload` for a multipart body). A route cannot forget the check:
/// it is not in the handler.
///
/// Every refusal of such a request, whether here (forged, not UTF-8) or by the handler (a
/// `FieldError` of the domain, a `Refusal`), is answered in one place: problem+json for
/// scripts, and for browsers the page the route declared for it (`FormRoute`), which shows
/// the form again with what was typed.
struct FormMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let origin: SiteOrigin
    let forms: FormRoute.Table
    /// What a route with no page of its own shows: a message, and the status of the reason.
    let fallback: FormRoute.Page
    let problem: @Sendable (Refusal) throws -> Response

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard CSRF.isUnsafe(request.method) else { return try await next(request, context) }
        var request = request
        var context = context
        // A streamed upload's file that the handler did not move away is not kept.
        defer { context.upload?.files.forEach { $0.removeStoredFile() } }
        do {
            guard origin.allows(request) else {
                origin.logRefusal(request, logger: context.logger)
                throw Refusal(CSRF.formField, .csrf)
            }
            let submitted = try await readBody(&request, &context) ?? request.headers[CSRF.header]
            guard CSRF.isValid(submitted: submitted, context: context) else { throw Refusal(CSRF.formField, .csrf) }
            if let field = context.form.invalidField { throw Refusal(field, .invalidUTF8) }
            return try await next(request, context)
        } catch let refusal as Refusal {
            return try await refused(refusal, request, context)
        } catch let error as FieldError {
            return try await refused(Refusal(error), request, context)
        }
    }

    /// Reads the body into the context; returns the token it carries, if any.
    private func readBody(_ request: inout Request, _ context: inout Context) async throws -> String? {
        let contentType = request.headers[.contentType] ?? ""
        // The route says how large a form or upload it takes; its limit names the refusal.
        let upload = forms.route(method: request.method, endpoint: context.endpointPath ?? "")?.upload ?? .none
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            context.form = try await request.formBody(maxBytes: upload.maxForm)
            return context.form[CSRF.formField]
        }
        do {
            if upload.toDisk {
                // Only owners and admins may put a file this large on the server's disk: the
                // role is checked before a byte of the body is read.
                guard let viewer = context.viewer, viewer.role == .owner || viewer.role == .admin else {
                    throw FieldError("dashboard", context.viewer == nil ? .signInRequired : .notAllowed)
                }
                context.upload = try await MultipartFileStream.read(request.body, contentType: contentType, maxBytes: upload.maxBody)
            } else {
                context.upload = try await request.multipartForm(maxBytes: upload.maxBody)
            }
        } catch let error as MultipartFormError {
            throw FieldError("upload", error.isSizeLimit ? .fileTooLarge(maxBytes: upload.maxFile) : .unsupportedImage)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            // Hummingbird's 413 for a body over the limit (`NIOTooManyBytesError`). Anything
            // else (a body that breaks HTTP framing, a closed connection, cancellation) is not
            // the reader's file: it goes on, and framing errors still get Hummingbird's 400.
            throw FieldError("upload", .fileTooLarge(maxBytes: upload.maxFile))
        }
        // Its text fields are the form too, so a handler reads every body the same way.
        context.form = FormBody(fields: context.upload?.fields ?? [:])
        return context.form[CSRF.formField]
    }

    private func refused(_ refusal: Refusal, _ request: Request, _ context: Context) async throws -> Response {
        let route = forms.route(method: request.method, endpoint: context.endpointPath ?? "")
        // A route whose form shows every refusal at one field names it in JSON too.
        let refusal = route?.field.map { Refusal($0, refusal.reason) } ?? refusal
        var response: Response
        if request.wantsJSON {
            response = try problem(refusal)
        } else {
            response = try await (route?.refused ?? fallback)(refusal, request, context)
        }
        if case .rateLimited(let seconds) = refusal.reason { response.headers[.retryAfter] = String(seconds) }
        return response
    }
}
