import Domain
import Testing
import Webhooks

@Suite("Webhook addresses")
struct WebhookAddressTests {
    @Test(
        "Given an address that is not on the public internet, when checked, then it is refused",
        arguments: [
            "127.0.0.1", "127.9.9.9", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "192.0.2.10", "198.18.0.1", "224.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fc00::1", "fd12::1",
            "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a00:1", "2002:7f00:1::1", "2002:c0a8:101::1",
            "::127.0.0.1", "2001:db8::1", "2001:0:4136:e378::1",
        ])
    func refused(address: String) throws {
        #expect(!WebhookAddressPolicy.allows(try #require(IPAddress(address))))
    }

    @Test(
        "Given a public address, when checked, then it is allowed",
        arguments: ["93.184.215.14", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "64:ff9b::5db8:d70e", "2002:5db8:d70e::1"])
    func allowed(address: String) throws {
        #expect(WebhookAddressPolicy.allows(try #require(IPAddress(address))))
    }

    @Test(
        "Given typed URLs, when checked, then only https (or http where private addresses are allowed) with a host and no credentials or fragment passes"
    )
    func urls() throws {
        #expect(try WebhookURL(" https://hooks.example.com/in?x=1 ", allowPlainHTTP: false).text == "https://hooks.example.com/in?x=1")
        // Scheme and host in lower case, so the client's pin of the checked address (by host) is always hit
        #expect(try WebhookURL("HTTPS://Hooks.Example.COM/In", allowPlainHTTP: false).text == "https://hooks.example.com/In")
        #expect(try WebhookURL("https://[2606:4700::1111]:8443/", allowPlainHTTP: false).host == "2606:4700::1111")
        #expect(try WebhookURL("http://127.0.0.1:9/x", allowPlainHTTP: true).isHTTPS == false)
        #expect(throws: FieldError("url", .invalidChoice)) { try WebhookURL("http://hooks.example.com/", allowPlainHTTP: false) }
        #expect(throws: FieldError("url", .invalidChoice)) { try WebhookURL("https://user:pw@hooks.example.com/", allowPlainHTTP: false) }
        #expect(throws: FieldError("url", .invalidChoice)) { try WebhookURL("https://hooks.example.com/#x", allowPlainHTTP: false) }
        #expect(throws: FieldError("url", .invalidChoice)) { try WebhookURL("ftp://hooks.example.com/", allowPlainHTTP: true) }
        #expect(throws: FieldError("url", .invalidChoice)) { try WebhookURL("https:///nohost", allowPlainHTTP: false) }
        #expect(throws: FieldError("url", .invalidChoice)) { try WebhookURL("https://hooks.example.com/a b", allowPlainHTTP: false) }
        #expect(throws: FieldError("url", .required)) { try WebhookURL("  ", allowPlainHTTP: false) }
        let long = "https://hooks.example.com/" + String(repeating: "a", count: Limits.webhookURLLength)
        #expect(throws: FieldError("url", .tooLong(max: Limits.webhookURLLength))) { try WebhookURL(long, allowPlainHTTP: false) }
    }

    @Test("Given the system resolver, when a loopback name or address is checked, then it is refused unless private addresses are allowed")
    func destination() async throws {
        let strict = WebhookDestination(allowPrivate: false)
        for text in ["https://localhost/hook", "https://127.0.0.1:8443/hook", "https://[::1]/hook"] {
            let url = try strict.url(text)
            await #expect(throws: WebhookDestination.Refusal.self) { try await strict.address(for: url) }
        }
        let open = WebhookDestination(allowPrivate: true)
        #expect(try await open.address(for: open.url("http://127.0.0.1:9/hook")) == IPAddress("127.0.0.1"))
    }
}
