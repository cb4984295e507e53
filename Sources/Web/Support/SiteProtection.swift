import Domain
import Foundation

/// How a site defends its forms: whom it believes about client addresses, its rate limits,
/// and how long a form anyone can send must have been shown (`HumanCheck`).
public struct SiteProtection: Sendable {
    /// Proxies whose `X-Forwarded-For` is believed (`--trusted-proxies`); empty believes none.
    public var trustedProxies: [IPRange]
    public var rateLimits: RateLimits
    /// Seconds between showing a subscribe or sign-in form and accepting it; 0 turns it off.
    /// `serve` sets 2 unless told otherwise (`ParleyConfiguration.formMinimumSeconds`).
    public var minimumFillTime: TimeInterval
    /// Webhooks may go to loopback and private addresses, and over plain http
    /// (`--webhooks-allow-private`); off, such endpoints are refused when saved.
    public var webhooksAllowPrivate: Bool
    /// Origins allowed to embed the discussions besides the publication's settings
    /// (`--embed-origins`), in `EmbedOrigin` form.
    public var embedOrigins: [String]
    /// Anonymous comments through the Isso API whatever the publication's setting says
    /// (`--anonymous-comments`).
    public var anonymousComments: Bool

    public init(
        trustedProxies: [IPRange] = [], rateLimits: RateLimits = .standard, minimumFillTime: TimeInterval = 0,
        webhooksAllowPrivate: Bool = false, embedOrigins: [String] = [], anonymousComments: Bool = false
    ) {
        self.trustedProxies = trustedProxies
        self.rateLimits = rateLimits
        self.minimumFillTime = minimumFillTime
        self.webhooksAllowPrivate = webhooksAllowPrivate
        self.embedOrigins = embedOrigins
        self.anonymousComments = anonymousComments
    }
}
