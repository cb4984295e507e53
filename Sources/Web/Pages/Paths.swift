import Domain
import Foundation

/// Every URL the pages link to, made in one place.
enum Paths {
    static func post(_ slug: String) -> String { "/p/\(slug)" }
    /// An uploaded image (a cover, an image in a post, the logo), as `/uploads/:key` serves it.
    static func upload(_ key: UploadKey) -> String { "/uploads/\(key)" }
    static func discussion(_ slug: String, sort: CommentSort? = nil, after: String? = nil) -> String {
        var query: [String] = []
        if let sort { query.append("sort=\(sort.rawValue)") }
        if let after { query.append("after=\(after)") }
        return "/p/\(slug)/comments" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }
    static func comment(_ slug: String, _ id: CommentID) -> String { "/p/\(slug)/comment/\(id)" }
    static func commentAnchor(_ slug: String, _ id: CommentID) -> String { comment(slug, id) + "#comment-\(id)" }
    static func moreReplies(_ slug: String, _ node: ThreadNode) -> String {
        let base = comment(slug, node.comment.id)
        if let after = node.continueAfter { return base + "?after=\(after)#comment-\(node.comment.id)" }
        return base + "#comment-\(node.comment.id)"
    }
    static func replyForm(_ slug: String, _ id: CommentID) -> String { comment(slug, id) + "?reply=1#reply-\(id)" }
    static func like(_ slug: String, _ id: CommentID) -> String { comment(slug, id) + "/like" }
    static func edit(_ slug: String, _ id: CommentID) -> String { comment(slug, id) + "/edit" }
    static func delete(_ slug: String, _ id: CommentID) -> String { comment(slug, id) + "/delete" }
    static func postComments(_ slug: String) -> String { "/p/\(slug)/comments" }
    static func report(_ slug: String, _ id: CommentID) -> String { comment(slug, id) + "/report" }
    static func pin(_ slug: String, _ id: CommentID) -> String { comment(slug, id) + "/pin" }
    static func feature(_ slug: String, _ id: CommentID) -> String { comment(slug, id) + "/feature" }
    static func remove(_ slug: String, _ id: CommentID) -> String { comment(slug, id) + "/remove" }
    static func restore(_ slug: String, _ id: CommentID) -> String { comment(slug, id) + "/restore" }
    static func discussionSettings(_ slug: String) -> String { "/p/\(slug)/discussion" }
    static func mute(_ id: MemberID) -> String { "/members/\(id)/mute" }
    /// The member's uploaded avatar (its version in the URL, so it can be cached for good), or the generated one.
    static func avatar(_ member: Member?, id: MemberID) -> String {
        guard let version = member?.avatarVersion else { return "/members/\(id)/avatar.svg" }
        return "/members/\(id)/avatar/\(version)"
    }
    static func avatar(_ member: Member) -> String { avatar(member, id: member.id) }
    static func member(_ id: MemberID) -> String { "/members/\(id)" }
    static func follow(_ slug: String) -> String { "/p/\(slug)/follow" }
    static let settings = "/settings"
    static func signIn(next: String? = nil) -> String {
        guard let next, SafeRedirect.isLocal(next) else { return "/sign-in" }
        return "/sign-in?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
    }
}

/// Where a form may send the browser afterwards: only to a path of this site.
enum SafeRedirect {
    static func isLocal(_ target: String) -> Bool {
        target.hasPrefix("/") && !target.hasPrefix("//") && !target.hasPrefix("/\\") && target.utf8.count <= 512
            && !target.unicodeScalars.contains { $0.value < 0x21 || $0 == "\\" }
    }

    static func path(_ target: String?, fallback: String = "/") -> String {
        guard let target, isLocal(target) else { return fallback }
        return target
    }
}
