/// Decides whether a URL may become an `href` or `src`.
///
/// Works on the value as the browser will see it (character references already
/// decoded), and mirrors the browser's own leniency: leading control characters and
/// spaces are ignored and tabs and line breaks inside are removed before the scheme is
/// read, which is how `java\tscript:` and `&#106;avascript:` tricks work.
enum URLSafety {
    enum Classification: Equatable {
        /// No scheme: a path, `//host/…`, `?query` or `#fragment`, resolved against our page.
        case relative
        /// An absolute URL with this (lower-cased) scheme.
        case scheme(String)
        /// Something we cannot classify with confidence; never used.
        case suspicious
    }

    static func classify(_ url: String) -> Classification {
        var scalars = Array(url.unicodeScalars)
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }

        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "/", "?", "#":
                return .relative
            case ":":
                let scheme = scalars[..<index]
                guard let first = scheme.first, first.isASCII, first.properties.isAlphabetic,
                    scheme.allSatisfy({
                        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0))
                    })
                else {
                    // A colon after something that is not a valid scheme: browsers would
                    // treat it as a path, but nothing legitimate looks like this.
                    return .suspicious
                }
                var name = ""
                name.unicodeScalars.append(contentsOf: scheme)
                return .scheme(name.lowercased())
            case "&", "\\":
                // An undecoded reference (or a backslash, which browsers may read as a
                // slash) before the scheme could hide one.
                return .suspicious
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { return .suspicious }
                continue
            }
        }
        return .relative
    }

    /// Whether `url` may be a link target: http, https, mailto, or relative.
    static func isAllowedLink(_ url: String) -> Bool {
        switch classify(url) {
        case .relative: return true
        case .scheme(let scheme): return ["http", "https", "mailto"].contains(scheme)
        case .suspicious: return false
        }
    }

    /// Whether `url` may be an image source: http, https, or relative.
    static func isAllowedImage(_ url: String) -> Bool {
        switch classify(url) {
        case .relative: return true
        case .scheme(let scheme): return ["http", "https"].contains(scheme)
        case .suspicious: return false
        }
    }
}
