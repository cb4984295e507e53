import Testing
import Webhooks

@Suite("Webhook signature")
struct WebhookSignatureTests {
    @Test("Given a secret, a timestamp and a body, when signed, then the HMAC-SHA256 of TIMESTAMP.BODY comes out as Python's hmac makes it")
    func knownValue() {
        // python3: hmac.new(b'whsec_test', b'1750000000.{"a":1}', hashlib.sha256).hexdigest()
        #expect(
            WebhookSignature.header(body: Array(#"{"a":1}"#.utf8), timestamp: 1_750_000_000, secret: "whsec_test")
                == "v1=ebf41500cec43c6c72427067b946fe75289b8b5ff0ea75743f55c8b2722c3aab")
    }

    @Test(
        "Given a signed body, when the body, timestamp or secret differ, then it no longer verifies; a second signature beside it does not matter"
    )
    func verification() {
        let body = Array(#"{"type":"member.joined"}"#.utf8)
        let header = WebhookSignature.header(body: body, timestamp: 100, secret: "one")
        #expect(WebhookSignature.verify(header: header, body: body, timestamp: 100, secret: "one"))
        #expect(WebhookSignature.verify(header: "v1=00, " + header, body: body, timestamp: 100, secret: "one"))
        #expect(!WebhookSignature.verify(header: header, body: body + [0x20], timestamp: 100, secret: "one"))
        #expect(!WebhookSignature.verify(header: header, body: body, timestamp: 101, secret: "one"))
        #expect(!WebhookSignature.verify(header: header, body: body, timestamp: 100, secret: "two"))
        #expect(!WebhookSignature.verify(header: "v2=" + header.dropFirst(3), body: body, timestamp: 100, secret: "one"))
    }

    @Test("Given new secrets, when made, then each is whsec_ and 64 hex digits, and no two are alike")
    func secrets() {
        let secrets = (0..<50).map { _ in WebhookSignature.newSecret() }
        #expect(Set(secrets).count == 50)
        #expect(secrets.allSatisfy { $0.hasPrefix("whsec_") && $0.count == 70 && $0.dropFirst(6).allSatisfy(\.isHexDigit) })
    }
}
