import Domain
import Foundation

/// Ids of feeds and their entries as tag URIs (RFC 4151) made of the site's host and the
/// post's or comment's number: unlike their addresses, they survive a change of slug.
enum FeedID {
    /// The tag's date: fixed, so ids never change with the year.
    static let date = "2026"

    static func post(_ id: PostID, baseURL: String) -> String { tag(baseURL, "post-\(id.rawValue)") }

    static func comment(_ id: CommentID, baseURL: String) -> String { tag(baseURL, "comment-\(id.rawValue)") }

    static func comments(of id: PostID, baseURL: String) -> String { tag(baseURL, "post-\(id.rawValue)-comments") }

    static func tag(_ baseURL: String, _ specific: String) -> String {
        "tag:\(URL(string: baseURL)?.host ?? "localhost"),\(date):\(specific)"
    }
}
