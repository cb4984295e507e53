import Domain
import Testing

@testable import Web

@Suite("Client address")
struct ClientAddressTests {
    static let proxies = try! IPRange.list("127.0.0.1, 10.0.0.0/8, fd00::/8")

    static func resolve(peer: String?, _ forwarded: [String]) -> String? {
        ClientAddress.resolve(peer: peer.flatMap { IPAddress($0) }, forwardedFor: forwarded, trusted: proxies)?.description
    }

    @Test("A peer that is not a trusted proxy is the client, whatever X-Forwarded-For says")
    func untrustedPeer() {
        #expect(Self.resolve(peer: "198.51.100.1", ["203.0.113.9"]) == "198.51.100.1")
        #expect(Self.resolve(peer: "198.51.100.1", []) == "198.51.100.1")
        #expect(Self.resolve(peer: nil, ["203.0.113.9"]) == nil)
    }

    @Test("Behind trusted proxies, the rightmost address that is not a proxy is the client; what the client wrote to its left is not")
    func trustedChain() {
        #expect(Self.resolve(peer: "127.0.0.1", ["203.0.113.9"]) == "203.0.113.9")
        #expect(Self.resolve(peer: "127.0.0.1", ["6.6.6.6, 203.0.113.9, 10.1.2.3"]) == "203.0.113.9")
        #expect(Self.resolve(peer: "127.0.0.1", ["6.6.6.6", "203.0.113.9", "10.1.2.3"]) == "203.0.113.9")
        #expect(Self.resolve(peer: "10.0.0.5", ["2001:db8::7"]) == "2001:db8::7")
        #expect(Self.resolve(peer: "fd00::1", ["[2001:db8::8]:4711"]) == "2001:db8::8")
        #expect(Self.resolve(peer: "127.0.0.1", ["203.0.113.9:4711"]) == "203.0.113.9")
    }

    @Test("A trusted peer with no header, only proxies in it, or an entry that cannot be read, counts as the last proxy known")
    func trustedWithoutClient() {
        #expect(Self.resolve(peer: "127.0.0.1", []) == "127.0.0.1")
        #expect(Self.resolve(peer: "127.0.0.1", ["10.0.0.9, 10.0.0.8"]) == "10.0.0.9")
        #expect(Self.resolve(peer: "127.0.0.1", ["203.0.113.9, unknown"]) == "127.0.0.1")
        #expect(Self.resolve(peer: "127.0.0.1", ["203.0.113.9, 10.0.0.8, garbage"]) == "127.0.0.1")
    }
}
