import Foundation
import HTTPTypes
import Hummingbird

/// A refused or failed API request, answered as RFC 9457 `application/problem+json`.
struct APIProblem: Error, Sendable {
    /// A refused field of the request and why, in words for the person who sent it.
    struct FieldProblem: Sendable, Hashable, Encodable {
        let field: String
        let detail: String
    }

    let status: HTTPResponse.Status
    let title: String
    let detail: String
    var fields: [FieldProblem] = []
    /// Seconds to wait before trying again (a rate limit): the answer's `Retry-After`.
    var retryAfter: Int?

    /// An operation the document declares that this build does not answer yet.
    static func notImplemented(_ operation: String) -> APIProblem {
        APIProblem(status: .notImplemented, title: "Not implemented", detail: "\(operation) is not available yet.")
    }

    /// The body the document's `Problem` schema describes: `type`, `title`, `status`, `detail`,
    /// `errors` (each refused field) and, as the site's other problems have it, the first `field`.
    private struct Body: Encodable {
        var type = "about:blank"
        let title: String
        let status: Int
        let detail: String
        let errors: [FieldProblem]?
        let field: String?
    }

    func response() throws -> Response {
        var response = try Reply.json(
            Body(
                title: title, status: Int(status.code), detail: detail, errors: fields.isEmpty ? nil : fields,
                field: fields.first?.field), status: status)
        response.headers[.contentType] = "application/problem+json"
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }
}
