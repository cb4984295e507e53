import Domain
import Foundation
import Markup

/// A comment as Isso's API gives it (`isso/views/comments.py`'s fields): `mode` 1 published,
/// 2 awaiting moderation, 4 deleted but still holding up replies; times in seconds since 1970;
/// `hash` a stable digest per author for the client's identicon. Absent values are `null`, as
/// Isso writes them. In a thread, a top-level comment also carries `total_replies`,
/// `hidden_replies` and `replies`; in `/latest`, each carries its thread's `uri`.
struct IssoComment: Encodable, Sendable {
    let id: Int64
    var parent: Int64?
    var text: String
    var author: String?
    var website: String?
    var mode: Int
    var created: Double
    var modified: Double?
    var likes: Int
    var dislikes: Int
    var hash: String
    var totalReplies: Int?
    var hiddenReplies: Int?
    var replies: [IssoComment]?
    var uri: String?

    enum Keys: String, CodingKey {
        case id, parent, text, author, website, mode, created, modified, likes, dislikes, hash, replies, uri
        case totalReplies = "total_replies"
        case hiddenReplies = "hidden_replies"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encode(parent, forKey: .parent)
        try container.encode(text, forKey: .text)
        try container.encode(author, forKey: .author)
        try container.encode(website, forKey: .website)
        try container.encode(mode, forKey: .mode)
        try container.encode(created, forKey: .created)
        try container.encode(modified, forKey: .modified)
        try container.encode(likes, forKey: .likes)
        try container.encode(dislikes, forKey: .dislikes)
        try container.encode(hash, forKey: .hash)
        try container.encodeIfPresent(totalReplies, forKey: .totalReplies)
        try container.encodeIfPresent(hiddenReplies, forKey: .hiddenReplies)
        try container.encodeIfPresent(replies, forKey: .replies)
        try container.encodeIfPresent(uri, forKey: .uri)
    }

    /// `comment` as the API shows it to everyone. A deleted comment, or one hidden that holds up
    /// visible replies, is mode 4 with no text, author, hash or votes; a held one is mode 2 only for
    /// `asAuthor` (the answer to its own posting or edit). `parent` is the top-level comment for
    /// any reply: Isso nests one level only, whatever Parley keeps.
    init(_ comment: Comment, author: Member?, hash: String, dislikes: Int, plain: Bool, asAuthor: Bool = false) {
        id = comment.id.rawValue
        parent = comment.isRoot ? nil : comment.rootID.rawValue
        created = comment.createdAt.timeIntervalSince1970
        modified = comment.editedAt?.timeIntervalSince1970
        likes = comment.likeCount
        self.dislikes = dislikes
        self.hash = hash
        switch (comment.isDeleted, comment.status) {
        case (false, .visible):
            mode = 1
        case (false, .held) where asAuthor:
            mode = 2
        default:
            mode = 4
        }
        if mode == 4 {
            // Nothing that could tie a hidden comment to its author: not even the identicon
            // seed or the votes (which the author's own address could be found by).
            text = ""
            self.author = nil
            website = nil
            self.hash = ""
            likes = 0
            self.dislikes = 0
            modified = comment.deletedAt?.timeIntervalSince1970 ?? modified
        } else {
            text = plain ? comment.bodyText : comment.bodyHTML
            // Isso's client puts both into its HTML as they come (Isso stores them escaped).
            self.author = author.flatMap { $0.isDeleted ? nil : HTMLEscaping.escape($0.displayName) }
            website = author?.website.flatMap(Self.safeWebsite)
        }
    }

    /// Only web addresses leave as a website, escaped: the client puts it in a link's `href`
    /// between single quotes as it comes.
    static func safeWebsite(_ website: String) -> String? {
        let lowered = website.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://") ? HTMLEscaping.escape(website) : nil
    }
}

/// `GET /isso/`'s answer: the comments of one level (top-level ones, or the replies of
/// `id`), with how many there are and how many this page left out.
struct IssoThreadReply: Encodable, Sendable {
    let id: Int64?
    let totalReplies: Int
    let hiddenReplies: Int
    let replies: [IssoComment]
    let config: IssoClientConfig

    enum Keys: String, CodingKey {
        case id, replies, config
        case totalReplies = "total_replies"
        case hiddenReplies = "hidden_replies"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encode(totalReplies, forKey: .totalReplies)
        try container.encode(hiddenReplies, forKey: .hiddenReplies)
        try container.encode(replies, forKey: .replies)
        try container.encode(config, forKey: .config)
    }
}

/// The settings Isso's client reads from the server (`GET /isso/config`). Parley sends no
/// reply emails to guests and loads nothing from another origin (no Gravatar); the feed is served.
struct IssoClientConfig: Encodable, Sendable {
    var replyToSelf = true
    var requireEmail = false
    var requireAuthor = false
    var websiteField = true
    var replyNotifications = false
    var gravatar = false
    var feed = true

    enum CodingKeys: String, CodingKey {
        case gravatar, feed
        case replyToSelf = "reply-to-self"
        case requireEmail = "require-email"
        case requireAuthor = "require-author"
        case websiteField = "website-field"
        case replyNotifications = "reply-notifications"
    }
}

/// What `POST /isso/new` takes (Isso's accepted fields). Like Isso, fields it does not know
/// (`notification`, ...) are ignored, so any version of its client is understood; the known
/// ones must have their types.
struct IssoNewComment: Decodable, Sendable {
    let text: String
    let author: String?
    let email: String?
    let website: String?
    let parent: Int64?
    let title: String?
}

/// What `PUT /isso/id/N` takes: the text (a guest's name and website stay as they were).
struct IssoEdit: Decodable, Sendable {
    let text: String
}

/// `POST /isso/preview`'s body and answer.
struct IssoPreview: Codable, Sendable {
    let text: String
}

/// Like and dislike counts after a vote.
struct IssoVoteReply: Encodable, Sendable {
    let likes: Int
    let dislikes: Int
}
