extension CORSPolicy {
    /// The JSON API and the live streams, for the embed on an allowed origin's pages.
    ///
    /// It never allows credentials: the embed sends no cookie (a host page's request would carry
    /// Parley's cookies as third-party ones, which browsers increasingly drop) but the bearer
    /// token its sign-in popup handed it, so another site can neither ride on a reader's session
    /// nor read an answer meant for one.
    static let embed = CORSPolicy(
        prefixes: ["/api/v1/", "/live/"], allowedMethods: "GET, POST, PUT, PATCH, DELETE",
        allowedHeaders: "Authorization, Content-Type, If-None-Match, Last-Event-ID",
        exposedHeaders: "ETag, Location, Retry-After", allowsCredentials: false)
}
