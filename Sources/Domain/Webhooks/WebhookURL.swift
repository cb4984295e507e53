import Foundation

/// An endpoint's address as typed in the settings, checked: `https://` (or `http://` where the
/// operator allows private addresses, for a receiver on this machine), a host, no user name or
/// password, no fragment, at most ``Limits/webhookURLLength`` bytes.
///
/// Only the form is checked here; whether the host's addresses are public needs a DNS lookup
/// and is done by the Webhooks room (`WebhookDestination`).
public struct WebhookURL: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    /// The host as written (lowercased), without IPv6 brackets.
    public let host: String
    public let isHTTPS: Bool

    /// Checks `raw` (spaces around it dropped); throws `FieldError("url", ...)`: `.required`,
    /// `.tooLong`, or `.invalidChoice` for anything that is not such an address.
    public init(_ raw: String, allowPlainHTTP: Bool) throws(FieldError) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw FieldError("url", .required) }
        guard text.utf8.count <= Limits.webhookURLLength else { throw FieldError("url", .tooLong(max: Limits.webhookURLLength)) }
        guard text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7f }),
            var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || (scheme == "http" && allowPlainHTTP),
            let host = components.host, !host.isEmpty, components.user == nil, components.password == nil,
            components.fragment == nil, components.port.map({ (1...65535).contains($0) }) ?? true
        else { throw FieldError("url", .invalidChoice) }
        // Scheme and host in lower case in the text too: the HTTP client pins the checked address
        // by the host it reads from the text, case-sensitively, so "Rebind.example" would miss the
        // pin and be looked up again (DNS rebinding).
        let bare = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        components.scheme = scheme
        if IPAddress(bare) == nil { components.host = bare }  // a literal address is never looked up
        guard let normalised = components.string else { throw FieldError("url", .invalidChoice) }
        self.text = normalised
        self.host = bare
        self.isHTTPS = scheme == "https"
    }

    public var description: String { text }
}

extension Limits {
    /// Bytes of a webhook endpoint's URL.
    public static let webhookURLLength = 2_000
    /// Endpoints a site may have.
    public static let webhookEndpoints = 10
    /// Bytes of an endpoint's answer kept in the delivery log.
    public static let webhookResponseExcerpt = 500
    /// Deliveries shown per endpoint in the log, and kept per endpoint once settled.
    public static let webhookLogLength = 20
}
