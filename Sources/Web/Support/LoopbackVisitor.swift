import Domain
import HTTPTypes
import Hummingbird

/// Whether a request comes from a browser on the server's own machine, talking to it directly:
/// what lets the first-run form appear without the setup link.
///
/// A reverse proxy on the same machine also connects from loopback, on behalf of anyone, so
/// loopback alone is not enough: the request must carry no proxy header (`Forwarded`,
/// `X-Forwarded-*`, `X-Real-IP`) and name a loopback host (`localhost`, `127.0.0.1`, `[::1]`),
/// which a proxy serving a public name does not pass on, and a DNS-rebinding page cannot send.
/// A proxy that passes none of these is still indistinguishable: for such setups the log's
/// setup link is the way (and the site is set up before it is exposed).
enum LoopbackVisitor {
    static let proxyHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP"]
        .compactMap { HTTPField.Name($0) }

    static func check(_ request: Request, peer: String?) -> Bool {
        guard let peer = peer.flatMap({ IPAddress($0) }), isLoopback(peer) else { return false }
        guard !proxyHeaders.contains(where: { request.headers[$0] != nil }) else { return false }
        return isLoopbackHost(request.head.authority ?? "")
    }

    /// 127.0.0.0/8, ::1, and 127.0.0.0/8 written as IPv4-mapped IPv6.
    static func isLoopback(_ address: IPAddress) -> Bool {
        let b = address.bytes
        if b.count == 4 { return b[0] == 127 }
        guard b.count == 16 else { return false }
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return true }
        return b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF && b[12] == 127
    }

    /// `localhost`, `127.0.0.1` or `[::1]`, with or without a port.
    static func isLoopbackHost(_ authority: String) -> Bool {
        var host = Substring(authority.lowercased())
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            host = host[host.index(after: host.startIndex)..<close]
            return IPAddress(host).map(isLoopback) ?? false
        }
        if let colon = host.firstIndex(of: ":") { host = host[..<colon] }
        if host == "localhost" { return true }
        return IPAddress(host).map(isLoopback) ?? false
    }
}
