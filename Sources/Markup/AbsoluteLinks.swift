/// Site paths in stored HTML made absolute, for places that have no page to resolve them
/// against: feed readers and mail.
public enum AbsoluteLinks {
    static let needles: [[UInt8]] = [Array(" href=\"/".utf8), Array(" src=\"/".utf8)]

    /// `href="/..."` and `src="/..."` (as the sanitiser and the comment formatter write them)
    /// prefixed with `baseURL`; protocol-relative addresses (`//host`) are left as they are.
    /// One pass forward over the bytes: a search for each needle from every match would read
    /// the rest of a long body again for each link.
    public static func make(_ html: String, baseURL: String) -> String {
        guard !baseURL.isEmpty else { return html }
        let bytes = Array(html.utf8)
        let base = Array(baseURL.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: " "), let needle = needles.first(where: { starts(bytes, $0, at: i) }) {
                let end = i + needle.count
                out += needle.dropLast()
                // The needle's "/" followed by a second one is protocol-relative: left as it is.
                if end < bytes.count, bytes[end] == UInt8(ascii: "/") {
                    out.append(UInt8(ascii: "/"))
                } else {
                    out += base + [UInt8(ascii: "/")]
                }
                i = end
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func starts(_ bytes: [UInt8], _ needle: [UInt8], at index: Int) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for k in needle.indices where bytes[index + k] != needle[k] { return false }
        return true
    }
}
