import Crypto
import Domain
import Foundation
import Storage

/// What an unsubscribe link turns off.
public enum UnsubscribeTopic: Hashable, Sendable {
    /// The newsletter, for this subscriber.
    case newsletter(SubscriberID)
    /// Reply emails, for this member.
    case replies(MemberID)
    /// Mention emails, for this member.
    case mentions(MemberID)
    /// Digests of a followed discussion, for this member.
    case follow(MemberID, PostID)
    /// Digests of every discussion this member follows: what a digest of many discussions
    /// offers, so that its link stays short.
    case allFollows(MemberID)
}

/// A signed unsubscribe link: the topics it turns off and an HMAC that proves we made it.
///
/// The link needs no sign-in and works from any mail client (RFC 8058 one-click posts to it),
/// so the signature is the only credential: HMAC-SHA256 under a secret the site keeps in its
/// database (`SiteSecretStore`), shared by every instance. Only what the link says can be
/// turned off, and only for the person it was sent to.
public struct UnsubscribeLink: Hashable, Sendable {
    public var topics: [UnsubscribeTopic]
    public var signature: String

    /// The query string: `topics=n5` or `topics=r3.m3.f3-12` and `sig=...`.
    public var query: String { "topics=\(Self.encode(topics))&sig=\(signature)" }

    /// Parses a link's query parameters; nil for anything malformed (the signature is checked separately).
    public init?(topics rawTopics: String?, signature: String?) {
        guard let rawTopics, let signature, rawTopics.utf8.count <= 200, signature.utf8.count <= 100,
            let topics = Self.decode(rawTopics), !topics.isEmpty
        else { return nil }
        self.topics = topics
        self.signature = signature
    }

    init(topics: [UnsubscribeTopic], signature: String) {
        self.topics = topics
        self.signature = signature
    }

    /// The most topics a link carries: replies, mentions and up to three followed discussions
    /// (a digest of more offers `allFollows`).
    static let maxTopics = 5

    static func encode(_ topics: [UnsubscribeTopic]) -> String {
        topics.map { topic in
            switch topic {
            case .newsletter(let id): "n\(id)"
            case .replies(let id): "r\(id)"
            case .mentions(let id): "m\(id)"
            case .follow(let member, let post): "f\(member)-\(post)"
            case .allFollows(let member): "F\(member)"
            }
        }.joined(separator: ".")
    }

    static func decode(_ text: String) -> [UnsubscribeTopic]? {
        var topics: [UnsubscribeTopic] = []
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        // More topics than we ever sign is not a link of ours (and must not be checked on a prefix).
        guard parts.count <= maxTopics else { return nil }
        for part in parts {
            guard let kind = part.first else { return nil }
            let rest = part.dropFirst()
            switch kind {
            case "n": guard let id = SubscriberID(parsing: rest) else { return nil }; topics.append(.newsletter(id))
            case "r": guard let id = MemberID(parsing: rest) else { return nil }; topics.append(.replies(id))
            case "m": guard let id = MemberID(parsing: rest) else { return nil }; topics.append(.mentions(id))
            case "F": guard let id = MemberID(parsing: rest) else { return nil }; topics.append(.allFollows(id))
            case "f":
                let ids = rest.split(separator: "-", omittingEmptySubsequences: false)
                guard ids.count == 2, let member = MemberID(parsing: ids[0]), let post = PostID(parsing: ids[1]) else { return nil }
                topics.append(.follow(member, post))
            default: return nil
            }
        }
        return topics
    }
}

/// Signs and checks links with the site's secret, read once when the signer is made: a
/// newsletter batch signs hundreds of links with one read of it.
struct LinkSigner: Sendable {
    static let secretName = "link-signing-key"
    /// The key's bytes: kept as `Data` so the signer can be shared across tasks (CSRF tokens
    /// are signed with it on every request).
    let keyBytes: Data
    var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    static func load(_ store: any SiteStore) async throws -> LinkSigner {
        let secret = try await store.siteSecret(named: secretName, orMake: { SecretToken.make() })
        return LinkSigner(keyBytes: Data(secret.utf8))
    }

    /// Signs `topics`; `emails` holds the address of each newsletter topic's subscriber.
    func sign(_ topics: [UnsubscribeTopic], emails: [SubscriberID: String]) -> UnsubscribeLink {
        UnsubscribeLink(topics: topics, signature: mac(Self.signedText(topics, emails: emails)))
    }

    func isValid(_ link: UnsubscribeLink, emails: [SubscriberID: String]) -> Bool {
        SecretToken.constantTimeEquals(mac(Self.signedText(link.topics, emails: emails)), link.signature)
    }

    /// The addresses of the newsletter topics' subscribers, as stored now ("" when gone).
    static func emails(of topics: [UnsubscribeTopic], in store: any SiteStore) async throws -> [SubscriberID: String] {
        var emails: [SubscriberID: String] = [:]
        for case .newsletter(let id) in topics { emails[id] = try await store.subscriber(id: id)?.email ?? "" }
        return emails
    }

    /// What the signature covers: the topics, and for a newsletter topic the subscriber's
    /// address too. Subscriber rows are deleted (with an account) and ids can be handed out
    /// again after a site is copied, so an old link must not unsubscribe whoever has its id now.
    private static func signedText(_ topics: [UnsubscribeTopic], emails: [SubscriberID: String]) -> String {
        var text = "unsubscribe:" + UnsubscribeLink.encode(topics)
        for case .newsletter(let id) in topics { text += "|" + (emails[id] ?? "") }
        return text
    }

    func mac(_ message: String) -> String {
        SecretToken.base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)))
    }
}
