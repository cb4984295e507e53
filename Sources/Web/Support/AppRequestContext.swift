import Domain
import Hummingbird

/// Per-request state: who is asking, the CSRF token their forms must carry, and the form
/// they sent.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in member, resolved from the session cookie by `ViewerMiddleware`.
    public var viewer: Member?
    /// The raw session token from the cookie, kept so sign-out can end that session.
    public var sessionToken: String?
    /// The value every state-changing form must echo back (see `CSRF`).
    public var csrfToken: String = ""
    /// Set when this response must plant a new CSRF cookie.
    public var issuesCSRFCookie = false
    /// The form of an unsafe request (POST...), read and checked by `FormMiddleware` before
    /// the handler runs (a multipart body's text fields too); empty for other requests.
    var form = FormBody(bytes: [UInt8]())
    /// A multipart body (an upload), read and checked by `FormMiddleware`.
    var upload: MultipartForm?

    /// The client's IP address, for rate limits: the peer's, or behind a trusted proxy the one
    /// `X-Forwarded-For` names (`ClientAddressMiddleware`).
    public var clientAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies beyond this are refused with 413 before anything reads them.
    public var maxUploadSize: Int { Limits.requestBody }
}
