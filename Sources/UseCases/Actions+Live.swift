import Domain
import Foundation
import Storage

// Live updates (docs/LIVE.md): each committed change to a comment is kept as live events, one
// per group of readers who must hear something different (`LiveAudience`), and then the bus
// rings every instance, which sends the new rows to its readers. A change is told to a reader
// as what it is for them: a comment held after it was shown is gone for everyone else and
// changed for its author and staff.

extension Actions {
    /// A new comment, to whoever may see it in its status.
    func announcePosted(_ comment: Comment) async {
        await tell(
            comment,
            [(.seeing(comment.status), "comment", LiveEventData(comment, parent: true, status: true))],
            bus: comment.status == .visible ? .commentPosted(post: comment.postID, comment: comment.id) : nil)
    }

    /// The comment's text (or pin, or feature) changed, not who may see it.
    func announceEdited(_ comment: Comment) async {
        await tell(
            comment,
            [(.seeing(comment.status), "edit", LiveEventData(comment, status: true, body: true))],
            bus: comment.status == .visible ? .commentEdited(post: comment.postID, comment: comment.id) : nil)
    }

    /// The comment, now in its current status, was in `old` before: readers who saw it and still
    /// do get `edit`, readers who no longer do `delete`; a comment becoming visible is `approve`
    /// for everyone.
    func announceMoved(_ comment: Comment, from old: CommentStatus) async {
        let before = LiveAudience.seeing(old), after = LiveAudience.seeing(comment.status)
        if comment.status == .visible, old != .visible {
            await tell(
                comment, [(.everyone, "approve", LiveEventData(comment, parent: true))],
                bus: .commentPosted(post: comment.postID, comment: comment.id))
            return
        }
        await tell(
            comment,
            [
                (before.subtracting(after), "delete", LiveEventData(comment, placeholder: comment.descendantCount > 0, hidden: true)),
                (before.intersection(after), "edit", LiveEventData(comment, status: true, body: true)),
            ],
            bus: old == .visible ? .commentDeleted(post: comment.postID, comment: comment.id) : nil)
    }

    /// The comment was deleted; `placeholder` when it stays as "Comment deleted" above its replies.
    func announceDeleted(_ comment: Comment, placeholder: Bool) async {
        await tell(
            comment, [(.seeing(comment.status), "delete", LiveEventData(comment, placeholder: placeholder, hidden: false))],
            bus: comment.status == .visible ? .commentDeleted(post: comment.postID, comment: comment.id) : nil)
    }

    /// The comment's like count is now `count`.
    func announceLikes(_ comment: Comment, count: Int) async {
        await tell(
            comment, [(.seeing(comment.status), "likes", LiveEventData(comment, count: count))],
            bus: .likeChanged(post: comment.postID, comment: comment.id, count: count))
    }

    /// Keeps the events for non-empty audiences, then rings the bus: with `bus` when everyone may
    /// know of the change, otherwise with a `hiddenChange` that names no comment. Like
    /// `announce`, failing here must not fail the change already committed.
    private func tell(_ comment: Comment, _ events: [(LiveAudience, String, LiveEventData)], bus: SiteEvent?) async {
        let kept = events.compactMap { audience, name, data -> NewLiveEvent? in
            guard !audience.isEmpty else { return nil }
            return NewLiveEvent(postID: comment.postID, name: name, data: data.json, audience: audience, authorID: comment.authorID)
        }
        guard !kept.isEmpty else { return }
        _ = try? await store.appendLiveEvents(kept, at: now)
        await announce(bus ?? .hiddenChange(post: comment.postID))
    }
}

/// The `data:` of a live event: one line of JSON with the fields docs/LIVE.md lists for it,
/// encoded once when the event is kept, never per reader.
struct LiveEventData: Encodable {
    var post: Int64
    var comment: Int64
    var parent: Int64??
    var status: String?
    var html: String?
    var edited: Bool?
    var placeholder: Bool?
    var hidden: Bool?
    var count: Int?

    init(
        _ comment: Comment, parent: Bool = false, status: Bool = false, body: Bool = false, placeholder: Bool? = nil,
        hidden: Bool? = nil, count: Int? = nil
    ) {
        self.post = comment.postID.rawValue
        self.comment = comment.id.rawValue
        self.parent = parent ? .some(comment.parentID?.rawValue) : nil
        self.status = status ? comment.status.rawValue : nil
        self.html = body ? comment.bodyHTML : nil
        self.edited = body ? comment.editedAt != nil : nil
        self.placeholder = placeholder
        self.hidden = hidden
        self.count = count
    }

    enum CodingKeys: String, CodingKey {
        case post, comment, parent, status, html, edited, placeholder, hidden, count
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(post, forKey: .post)
        try container.encode(comment, forKey: .comment)
        // A root comment's parent is sent as null, not left out: the field is always there for these events.
        if let parent { try container.encode(parent, forKey: .parent) }
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(html, forKey: .html)
        try container.encodeIfPresent(edited, forKey: .edited)
        try container.encodeIfPresent(placeholder, forKey: .placeholder)
        try container.encodeIfPresent(hidden, forKey: .hidden)
        try container.encodeIfPresent(count, forKey: .count)
    }

    /// One line (JSON never needs a raw newline), so it is one `data:` line on the stream.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let bytes = try? encoder.encode(self) else { return "{}" }
        return String(decoding: bytes, as: UTF8.self)
    }
}
