/// Site paths in stored HTML made absolute, for places that have no page to resolve them
/// against: feed readers and mail.
public enum AbsoluteLinks {
    /// `href="/..."` and `src="/..."` (as the sanitiser and the comment formatter write them)
    /// prefixed with `baseURL`; protocol-relative addresses (`//host`) are left as they are.
    public static func make(_ html: String, baseURL: String) -> String {
        guard !baseURL.isEmpty else { return html }
        var out = ""
        var rest = Substring(html)
        while let match = rest.earliest(of: [" href=\"/", " src=\"/"]) {
            out += rest[..<match.upperBound]
            rest = rest[match.upperBound...]
            // The "/" of the match is written; a second one makes it protocol-relative.
            if rest.first != "/" {
                out.removeLast()
                out += baseURL + "/"
            }
        }
        return out + rest
    }
}

extension Substring {
    /// The first occurrence of any of `needles`.
    fileprivate func earliest(of needles: [String]) -> Range<Index>? {
        needles.compactMap { firstRange(of: $0) }.min { $0.lowerBound < $1.lowerBound }
    }
}
