/// Finds the links in a comment and the host each points to.
///
/// A link is a `http://` or `https://` address, a `www.` address, or a bare domain such as
/// `cheap-pills.example.ru` whose last label is a common top-level domain (so "e.g." and
/// "node.js" are not links, but "example.com" is). A comment's text is what it was typed as,
/// before formatting, so Markdown-style `[text](url)` and angle brackets are taken apart too.
public enum SpamLinks {
    /// At most this many links are looked at in one comment.
    public static let maxLinks = 50

    /// The hosts of the links in `text`, lowercased, without a leading `www.`, in order, repeats kept.
    public static func hosts(in text: String) -> [String] {
        var hosts: [String] = []
        let separators: Set<Character> = ["(", ")", "<", ">", "\"", "'", "[", "]", "{", "}", "|", ","]
        let chunks = text.lowercased().split { $0.isWhitespace || separators.contains($0) }
        for chunk in chunks {
            if hosts.count >= maxLinks { break }
            if let host = host(of: Substring(chunk)) { hosts.append(host) }
        }
        return hosts
    }

    /// True when `text` holds something shaped like an email address.
    public static func hasEmailAddress(_ text: String) -> Bool {
        for chunk in text.lowercased().split(whereSeparator: { $0.isWhitespace }) {
            guard let at = chunk.firstIndex(of: "@"), at != chunk.startIndex else { continue }
            let domain = chunk[chunk.index(after: at)...].trimmingSuffix(".,;:!?")
            if isDomain(domain, requireKnownTLD: false) { return true }
        }
        return false
    }

    static func host(of chunk: Substring) -> String? {
        var rest = chunk
        var explicit = false
        if let scheme = rest.range(of: "://") {
            let name = rest[..<scheme.lowerBound]
            guard name == "http" || name == "https" || name.hasSuffix("http") || name.hasSuffix("https") else { return nil }
            rest = rest[scheme.upperBound...]
            explicit = true
        } else if rest.hasPrefix("www.") {
            explicit = true
        }
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") {
            // user@host in a URL; a bare one is an email address, not a link.
            guard explicit else { return nil }
            rest = rest[rest.index(after: at)...]
        }
        if let colon = rest.firstIndex(of: ":") { rest = rest[..<colon] }
        rest = rest.trimmingSuffix(".,;:!?")
        if rest.hasPrefix("www.") { rest = rest.dropFirst(4) }
        guard isDomain(rest, requireKnownTLD: !explicit) else { return nil }
        return String(rest)
    }

    static func isDomain(_ text: Substring, requireKnownTLD: Bool) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 }) else { return false }
        for label in labels {
            guard label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return false }
        }
        let tld = labels[labels.count - 1]
        guard tld.count >= 2, tld.allSatisfy(\.isLetter) else { return false }
        if requireKnownTLD {
            // A bare word.word is a link only with a top-level domain people actually link to,
            // and a first label of two characters or more ("e.g", "i.e" are not domains).
            return commonTopLevelDomains.contains(String(tld)) && labels[0].count >= 2
        }
        return true
    }

    static let commonTopLevelDomains: Set<String> = [
        "com", "net", "org", "info", "biz", "io", "co", "me", "xyz", "top", "online", "site", "shop", "store", "club",
        "vip", "win", "bet", "casino", "loan", "click", "link", "live", "pro", "app", "dev", "ru", "cn", "uk", "de", "fr",
        "es", "it", "nl", "pl", "br", "in", "us", "ca", "au", "tk", "ml", "ga", "cf", "gq", "su", "ua", "ly", "to", "cc",
    ]
}

extension Substring {
    func trimmingSuffix(_ characters: String) -> Substring {
        var result = self
        while let last = result.last, characters.contains(last) { result = result.dropLast() }
        return result
    }
}
