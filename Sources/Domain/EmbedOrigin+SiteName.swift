extension EmbedOrigin {
    /// "blog.example" for "https://blog.example", "localhost:1313" for "http://localhost:1313":
    /// how pages and token names call the site of an origin.
    public static func siteName(_ origin: String) -> String {
        for scheme in ["https://", "http://"] where origin.hasPrefix(scheme) { return String(origin.dropFirst(scheme.count)) }
        return origin
    }
}
