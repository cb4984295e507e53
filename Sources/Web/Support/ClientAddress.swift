import Domain
import HTTPTypes
import Hummingbird

/// Who a request comes from, for rate limits: the peer of the connection, unless the peer is
/// a proxy the operator trusts (`--trusted-proxies`), in which case `X-Forwarded-For` says.
enum ClientAddress {
    /// The client's address. `forwardedFor` is every `X-Forwarded-For` line, in order. Each
    /// proxy appends the address it heard from, so the list is read from the right: the first
    /// address that is not a trusted proxy is the client. Anything left of it was written by
    /// the client and proves nothing. A peer that is not trusted is the client, whatever the
    /// header says; so is the last trusted hop when an entry cannot be read.
    static func resolve(peer: IPAddress?, forwardedFor: [String], trusted: [IPRange]) -> IPAddress? {
        guard var current = peer, isTrusted(current, trusted) else { return peer }
        let entries = forwardedFor.flatMap { $0.split(separator: ",") }
        // Bounded: a header of thousands of hops is read no further than this.
        for entry in entries.reversed().prefix(64) {
            guard let address = parse(entry) else { return current }
            current = address
            if !isTrusted(address, trusted) { return address }
        }
        return current
    }

    static func isTrusted(_ address: IPAddress, _ trusted: [IPRange]) -> Bool {
        trusted.contains { $0.contains(address) }
    }

    /// One entry: `192.0.2.1`, `2001:db8::1`, and the forms with a port some proxies write
    /// (`192.0.2.1:4711`, `[2001:db8::1]:4711`).
    static func parse(_ entry: Substring) -> IPAddress? {
        let text = entry.trimmingCharacters(in: " \t")
        if let address = IPAddress(text) { return address }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return IPAddress(text[text.index(after: text.startIndex)..<close])
        }
        let parts = text.split(separator: ":")
        if parts.count == 2 { return IPAddress(parts[0]) }
        return nil
    }
}

/// Puts the client's address (`ClientAddress`) in `context.clientAddress` before the routes
/// behind it run.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trusted: [IPRange]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Nobody trusted: the peer is the client, and no header is read.
        guard !trusted.isEmpty else { return try await next(request, context) }
        var context = context
        let peer = context.clientAddress.flatMap { IPAddress($0) }
        let forwarded = request.headers[values: ClientAddress.forwardedFor]
        context.clientAddress = ClientAddress.resolve(peer: peer, forwardedFor: forwarded, trusted: trusted)?.description
        return try await next(request, context)
    }
}

extension ClientAddress {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}
