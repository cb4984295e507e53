import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import UseCases

/// Speaking the JSON API in tests: as nobody, with an API token, or as a signed-in browser
/// (its cookies, and on writes the session's CSRF token in `X-CSRF-Token`).
extension Browser {
    /// One API request under `/api/v1` (or the full path given). `body` is encoded as JSON
    /// unless it is already a string (sent as is); `csrf: false` leaves the header out.
    @discardableResult
    func api(
        _ method: HTTPRequest.Method, _ path: String, body: Any? = nil, bearer: String? = nil, csrf: Bool = true,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if csrf, method != .get, !self.csrf.isEmpty, headers[APIHeader.csrf] == nil { headers[APIHeader.csrf] = self.csrf }
        var buffer: ByteBuffer?
        if let body {
            if headers[.contentType] == nil { headers[.contentType] = "application/json" }
            if let raw = body as? String {
                buffer = ByteBuffer(string: raw)
            } else {
                buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
            }
        }
        let uri = path.hasPrefix("/api/") ? path : "/api/v1" + path
        return try await client.execute(uri: uri, method: method, headers: headers, body: buffer) { $0 }
    }
}

enum APIHeader {
    static let csrf = HTTPField.Name("X-CSRF-Token")!
}

extension TestResponse {
    /// The body as a JSON object (a test fails on anything else).
    var object: [String: Any] {
        get throws { try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not an object: \(text)") }
    }

    /// The fields a problem names in `errors`.
    var problemFields: [String] {
        get throws { try (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String } }
    }

    var isProblem: Bool { headers[.contentType] == "application/problem+json" }
}

extension TestSite {
    /// A new API token of `member`, stored (hashed) as `parley token add` stores it.
    func apiToken(for member: Member, name: String = "test") async throws -> String {
        let token = SecretToken.make()
        _ = try await store.insertAPIToken(memberID: member.id, name: name, tokenHash: SecretToken.hash(token), at: Date())
        return token
    }
}
