import Domain
import Foundation

extension FormTokens {
    /// A signed note of when a form was shown (`milliseconds.mac`), for the forms anyone can
    /// send: one sent back sooner than a person could fill it in was filled by a script.
    public func formStart(at date: Date) -> String {
        let stamp = String(date.millisecondsSince1970)
        return stamp + "." + signer.mac("form-start:" + stamp)
    }

    /// When the form carrying `token` was shown; nil when this site did not sign it.
    public func formStartTime(_ token: String) -> Date? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count <= 16, let millis = Int64(parts[0]), millis >= 0,
            SecretToken.constantTimeEquals(signer.mac("form-start:" + parts[0]), String(parts[1]))
        else { return nil }
        return Date(millisecondsSince1970: millis)
    }
}
