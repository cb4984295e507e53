extension CORSPolicy {
    /// The Isso API (`/isso/`), for Isso's client on an allowed origin's pages.
    ///
    /// Unlike the embed's, it allows credentials: Isso's client sends its requests
    /// `withCredentials`, and its edit cookie (`Set-Cookie: N=...`) is what lets the writer of a
    /// comment change it for 15 minutes. It exposes `X-Set-Cookie`, which the client copies into
    /// the host page's cookies to know which comments it may edit, and `Date`, by which it
    /// corrects "2 minutes ago" for the reader's clock. Every change must be sent as JSON, which
    /// no HTML form can send: another origin's page can only do so after a preflight this refuses.
    static let isso = CORSPolicy(
        prefixes: ["/isso"], allowedMethods: "GET, POST, PUT, DELETE", allowedHeaders: "Origin, Referer, Content-Type",
        exposedHeaders: "X-Set-Cookie, Date", allowsCredentials: true)
}
