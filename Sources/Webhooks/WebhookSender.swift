import AsyncHTTPClient
import Domain
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Makes one HTTP request of a delivery (AsyncHTTPClient) and says what came of it.
///
/// Before every request the endpoint's host is resolved and checked (``WebhookDestination``),
/// and the connection goes to the checked address (AsyncHTTPClient's `dnsOverride`, which keeps
/// the host name for TLS: SNI and the certificate check), so the name cannot be re-pointed
/// between the check and the connection. Redirects are not followed: a redirect would lead
/// to an address nobody checked. Each request has its own client, since the pinned address is
/// a setting of the client; webhooks are few enough that the connection is not worth keeping.
public struct WebhookSender: Sendable {
    /// How long a request may take in all, and to connect.
    public var timeout: TimeAmount
    public var connectTimeout: TimeAmount
    public let destination: WebhookDestination

    public init(destination: WebhookDestination, timeout: TimeAmount = .seconds(15), connectTimeout: TimeAmount = .seconds(5)) {
        self.destination = destination
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }

    /// What an attempt came to.
    public struct Outcome: Sendable, Hashable {
        public var response: WebhookResponse
        /// A 2xx answer.
        public var delivered: Bool
        /// Trying again cannot help (the address is refused, or the URL is no longer allowed).
        public var permanent: Bool
    }

    /// Posts `body` to `url` with `headers`. Never throws: every failure is an outcome.
    public func post(_ body: String, to url: String, headers: [(String, String)]) async -> Outcome {
        let started = ContinuousClock.now
        func elapsed() -> Int {
            let (seconds, attoseconds) = started.duration(to: .now).components
            return Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        }
        func failed(_ reason: String, permanent: Bool) -> Outcome {
            Outcome(
                response: WebhookResponse(
                    status: nil, excerpt: String(reason.prefix(Limits.webhookResponseExcerpt)), milliseconds: elapsed()),
                delivered: false, permanent: permanent)
        }
        let checked: WebhookURL
        do {
            checked = try destination.url(url)
        } catch {
            return failed("the address is not allowed: \(url)", permanent: true)
        }
        let address: IPAddress
        do {
            address = try await destination.address(for: checked)
        } catch {
            // A name that does not resolve may be a passing DNS failure; a private address is not.
            if case .notPublic = error { return failed("refused: \(error)", permanent: true) }
            return failed("\(error)", permanent: false)
        }

        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: connectTimeout, read: timeout), decompression: .disabled)
        if IPAddress(checked.host) == nil { configuration.dnsOverride = [checked.host: address.description] }
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        defer { client.shutdown { _ in } }

        var request = HTTPClientRequest(url: checked.text)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let response = try await client.execute(request, timeout: timeout)
            var kept = [UInt8]()
            // Read no more than the log keeps; the rest is left unread and the connection closed.
            for try await chunk in response.body {
                kept.append(contentsOf: chunk.readableBytesView.prefix(Limits.webhookResponseExcerpt - kept.count))
                if kept.count >= Limits.webhookResponseExcerpt { break }
            }
            let status = Int(response.status.code)
            return Outcome(
                response: WebhookResponse(status: status, excerpt: Self.printable(kept), milliseconds: elapsed()),
                delivered: (200..<300).contains(status), permanent: false)
        } catch {
            return failed("\(error)", permanent: false)
        }
    }

    /// An answer's start as one line of text: invalid UTF-8 repaired, control characters as spaces.
    static func printable(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }
            .joined()
    }
}
