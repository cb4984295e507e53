import Domain
import Foundation
import Storage

/// A like link from a newsletter: which subscriber likes which post, and the signature that
/// proves the site made the link for them.
public struct LetterLikeLink: Sendable, Equatable {
    public var subscriberID: SubscriberID
    public var signature: String

    /// Parses the link's query values; nil for anything malformed (the signature is checked separately).
    public init?(subscriber: String?, signature: String?) {
        guard let subscriber, let signature, signature.utf8.count <= 100, let id = SubscriberID(parsing: Substring(subscriber)) else {
            return nil
        }
        self.subscriberID = id
        self.signature = signature
    }

    init(subscriberID: SubscriberID, signature: String) {
        self.subscriberID = subscriberID
        self.signature = signature
    }

    /// The query string of the link: `s=ID&sig=...`.
    public var query: String { "s=\(subscriberID)&sig=\(signature)" }
}

extension LinkSigner {
    /// Signs "this subscriber likes this post". The subscriber's address is part of what is
    /// signed (as for unsubscribe links), so a link outlives neither the row nor a changed address.
    func likeLink(postID: PostID, subscriber: Subscriber) -> LetterLikeLink {
        LetterLikeLink(
            subscriberID: subscriber.id, signature: mac(Self.likeText(postID: postID, subscriberID: subscriber.id, email: subscriber.email))
        )
    }

    func isValid(_ link: LetterLikeLink, postID: PostID, email: String) -> Bool {
        SecretToken.constantTimeEquals(mac(Self.likeText(postID: postID, subscriberID: link.subscriberID, email: email)), link.signature)
    }

    private static func likeText(postID: PostID, subscriberID: SubscriberID, email: String) -> String {
        "like-post:\(postID):\(subscriberID)|\(email)"
    }
}

extension Actions {
    /// The like link of `post` for `subscriber`, as a letter carries it. Opening it shows a
    /// page with one button (mail scanners open links); the button likes the post.
    func likeURL(post: Post, subscriber: Subscriber, signer: LinkSigner) throws -> URL {
        try mail.url("/p/\(post.slug)/like?" + signer.likeLink(postID: post.id, subscriber: subscriber).query)
    }

    /// The like link of `post` for `subscriber`, made with the site's key (tests, previews).
    public func likeURL(post: Post, subscriber: Subscriber) async throws -> URL {
        try likeURL(post: post, subscriber: subscriber, signer: try await LinkSigner.load(store))
    }

    /// Whether `link` is one the site made for `post` (visible now) and a subscriber it still has.
    public func isGenuine(_ link: LetterLikeLink, post: Post) async throws -> Bool {
        guard post.isVisible(at: now), let subscriber = try await store.subscriber(id: link.subscriberID) else { return false }
        return try await LinkSigner.load(store).isValid(link, postID: post.id, email: subscriber.email)
    }

    /// Likes `post` for the subscriber `link` was made for. Liking twice is harmless (false the
    /// second time). Throws `FieldError("like", .notFound)` for a link the site did not make.
    @discardableResult
    public func likeFromLetter(_ link: LetterLikeLink, post: Post) async throws -> Bool {
        guard try await isGenuine(link, post: post) else { throw FieldError("like", .notFound) }
        do {
            return try await store.likePost(postID: post.id, subscriberID: link.subscriberID, at: now)
        } catch StoreError.missing {
            throw FieldError("like", .notFound)
        }
    }
}
