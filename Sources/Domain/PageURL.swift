import Foundation

/// The address of a page on another site whose discussion Parley keeps (the embed), in the one
/// form it is stored and looked up by: http or https, lower-case scheme and host, no fragment,
/// no default port, at most `Limits.pageURLLength` characters. Two spellings of one page
/// ("HTTPS://Blog.example/a#top" and "https://blog.example/a") are one discussion.
public struct PageURL: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    /// Nil for anything that is not an absolute http(s) URL with a host, or is too long.
    public init?(_ raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= Limits.pageURLLength, var parts = URLComponents(string: trimmed),
            let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = parts.host?.lowercased(), !host.isEmpty, parts.user == nil, parts.password == nil
        else { return nil }
        parts.scheme = scheme
        parts.host = host
        parts.fragment = nil
        if (scheme == "http" && parts.port == 80) || (scheme == "https" && parts.port == 443) { parts.port = nil }
        if parts.path.isEmpty { parts.path = "/" }
        guard let text = parts.string, text.count <= Limits.pageURLLength else { return nil }
        self.text = text
    }

    /// The page's origin (`https://blog.example`), which must be an allowed embed origin.
    public var origin: String {
        guard let parts = URLComponents(string: text), let scheme = parts.scheme, let host = parts.host else { return text }
        return parts.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }

    public var description: String { text }
}
