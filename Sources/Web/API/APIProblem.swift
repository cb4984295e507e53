import Foundation
import HTTPTypes

/// A refused or failed API request, answered as RFC 9457 `application/problem+json`.
struct APIProblem: Error, Sendable {
    /// A refused field of the request and why, in words for the person who sent it.
    struct FieldProblem: Sendable, Hashable {
        let field: String
        let detail: String
    }

    let status: HTTPResponse.Status
    let title: String
    let detail: String
    var fields: [FieldProblem] = []

    /// An operation the document declares that this build does not answer yet.
    static func notImplemented(_ operation: String) -> APIProblem {
        APIProblem(status: .notImplemented, title: "Not implemented", detail: "\(operation) is not available yet.")
    }
}
