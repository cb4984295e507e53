import Crypto
import Foundation

/// The ETag of a read: a digest of the answer as the viewer gets it, so it changes exactly when
/// the answer does (a new comment, a like, an edit, and also who asks: `liked` and `mine` are
/// the viewer's). Hashing the encoded answer costs one more encoding per read; versions kept
/// by the store would miss the likes and the viewer.
enum APIETag {
    static func of(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        // Sorted keys and fixed dates: the same answer makes the same bytes on every instance.
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let digest = SHA256.hash(data: try encoder.encode(value))
        return "\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// Whether `If-None-Match` names `etag` (or is `*`): weakly compared, as RFC 9110 asks.
    static func matches(_ ifNoneMatch: String?, _ etag: String) -> Bool {
        guard let ifNoneMatch else { return false }
        return StaticAssets.matches(ifNoneMatch, etag)
    }
}
