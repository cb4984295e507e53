import Domain
import Foundation

/// Decides where a delivery may go: resolves the endpoint's host and checks every address it
/// has against ``WebhookAddressPolicy``, when the owner saves it and before every delivery.
///
/// The delivery then connects to the address that was checked (the sender pins it), so a
/// name that answers differently a moment later (DNS rebinding) cannot send it elsewhere.
public struct WebhookDestination: Sendable {
    /// Why a destination was refused.
    public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        /// The host has no address.
        case unresolved(host: String)
        /// One of the host's addresses is loopback, private, link-local or otherwise not public.
        case notPublic(host: String, address: IPAddress)

        public var description: String {
            switch self {
            case .unresolved(let host): "\(host) has no address"
            case .notPublic(let host, let address): "\(host) resolves to \(address), which is not a public address"
            }
        }
    }

    /// `--webhooks-allow-private`: any address is allowed, and plain `http://` too.
    public let allowPrivate: Bool
    private let resolver: @Sendable (String) async -> [IPAddress]

    public init(allowPrivate: Bool, resolver: @escaping @Sendable (String) async -> [IPAddress] = HostAddresses.resolve) {
        self.allowPrivate = allowPrivate
        self.resolver = resolver
    }

    /// Parses a typed URL under this policy (plain http only where private addresses are allowed).
    public func url(_ text: String) throws(FieldError) -> WebhookURL {
        try WebhookURL(text, allowPlainHTTP: allowPrivate)
    }

    /// The address to connect to for `url`: the first of the host's addresses, once every one of
    /// them passed (a name with one private address among public ones is refused: which one a
    /// connection uses is not ours to choose otherwise).
    public func address(for url: WebhookURL) async throws(Refusal) -> IPAddress {
        let addresses = await resolver(url.host)
        guard let first = addresses.first else { throw .unresolved(host: url.host) }
        if !allowPrivate, let refused = addresses.first(where: { !WebhookAddressPolicy.allows($0) }) {
            throw .notPublic(host: url.host, address: refused)
        }
        return first
    }
}
