import Crypto
import Foundation

/// Signs a webhook delivery: HMAC-SHA256, keyed with the endpoint's secret (its text, as the
/// settings page shows it), over the timestamp, a full stop, and the body's bytes.
///
/// The timestamp is inside the signed text so that a captured delivery cannot be replayed
/// later with a fresh `Parley-Webhook-Timestamp`: a receiver refuses timestamps more than a
/// few minutes old (docs/WEBHOOKS.md).
public enum WebhookSignature {
    /// The scheme named in the header, so a later scheme can be added beside it.
    public static let scheme = "v1"

    /// The lowercase hex HMAC of `TIMESTAMP.BODY` (`timestamp` in Unix seconds).
    public static func sign(body: some Collection<UInt8>, timestamp: Int64, secret: String) -> String {
        var message = Array(String(timestamp).utf8)
        message.append(UInt8(ascii: "."))
        message.append(contentsOf: body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
        return code.map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// The `Parley-Webhook-Signature` value: `v1=HEX`.
    public static func header(body: some Collection<UInt8>, timestamp: Int64, secret: String) -> String {
        "\(scheme)=\(sign(body: body, timestamp: timestamp, secret: secret))"
    }

    /// Whether `header` (one or more `v1=HEX` separated by commas, as during a change of
    /// secret) holds the signature of `body` at `timestamp`. Compared in constant time.
    public static func verify(header: String, body: some Collection<UInt8>, timestamp: Int64, secret: String) -> Bool {
        let expected = Array(sign(body: body, timestamp: timestamp, secret: secret).utf8)
        var found = false
        for part in header.split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0] == scheme else { continue }
            let given = Array(pair[1].utf8)
            guard given.count == expected.count else { continue }
            var difference: UInt8 = 0
            for (a, b) in zip(given, expected) { difference |= a ^ b }
            if difference == 0 { found = true }
        }
        return found
    }

    /// A new endpoint secret: `whsec_` and 32 random bytes in hex.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + (0..<32).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
