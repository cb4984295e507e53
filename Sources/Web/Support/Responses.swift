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

    static func json(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// RFC 9457 problem details: what scripts get when a request is refused.
    static func problem(status: HTTPResponse.Status, title: String, detail: String, field: String? = nil) -> Response {
        var object: [String: Any] = ["type": "about:blank", "status": Int(status.code), "title": title, "detail": detail]
        if let field { object["field"] = field }
        var response = json(object, status: status)
        response.headers[.contentType] = "application/problem+json"
        return response
    }

    /// The HTTP status that fits a refused input.
    static func status(for reason: FieldError.Reason) -> HTTPResponse.Status {
        switch reason {
        case .signInRequired: .unauthorized
        case .wrongCredentials: .unauthorized
        case .notAllowed, .csrf, .discussionClosed: .forbidden
        case .notFound: .notFound
        case .linkUsed, .linkExpired: .gone
        case .fileTooLarge: .contentTooLarge
        case .unsupportedImage: .unsupportedMediaType
        case .imageTooLarge, .mismatch: .unprocessableContent
        case .invalidUTF8: .badRequest
        case .rateLimited: .tooManyRequests
        case .required, .tooLong, .tooShort, .invalidEmail, .invalidSlug, .taken, .replyToOtherPost, .invalidChoice: .unprocessableContent
        }
    }
}
