import Domain
import Foundation
import Hummingbird

/// The ways a handler answers: a page, a redirect, JSON, or a problem.
enum Reply {
    static func page(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "<!doctype html>\n" + html.rendered)))
    }

    /// 303 See Other: after a form post the browser GETs the result, so reload never re-posts.
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A JSON reply. The types are plain structs of strings, numbers and booleans, so encoding
    /// cannot fail; if it ever did, that is a bug to surface as a 500, not an empty object.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        // Keys sorted, as before: stable bytes for tests and caches.
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// RFC 9457 problem details: what scripts get when a request is refused.
    static func problem(status: HTTPResponse.Status, title: String, detail: String, field: String? = nil) throws -> Response {
        var response = try json(Problem(status: Int(status.code), title: title, detail: detail, field: field), status: status)
        response.headers[.contentType] = "application/problem+json"
        return response
    }

    /// The HTTP status that fits a refused input.
    static func status(for reason: RefusalReason) -> HTTPResponse.Status {
        switch reason {
        case .csrf: .forbidden
        case .invalidUTF8, .automatedForm: .badRequest
        case .rateLimited: .tooManyRequests
        case .field(let reason):
            switch reason {
            case .signInRequired: .unauthorized
            case .wrongCredentials: .unauthorized
            case .notAllowed, .discussionClosed, .banned, .subscribersOnly, .staffOnly: .forbidden
            case .blockedWord, .lastOwner, .outOfRange, .tooManyAddresses: .unprocessableContent
            case .notFound: .notFound
            case .linkUsed, .linkExpired: .gone
            case .fileTooLarge: .contentTooLarge
            case .unsupportedImage: .unsupportedMediaType
            case .imageTooLarge, .mismatch: .unprocessableContent
            case .required, .tooLong, .tooShort, .invalidEmail, .invalidSlug, .taken, .replyToOtherPost, .invalidChoice:
                .unprocessableContent
            }
        }
    }
}
