import Foundation

/// Where and how ``SMTPMailer`` connects, usually read from a URL:
///
/// - `smtp://user:pass@host:port`: plain connection upgraded with STARTTLS when the server
///   offers it. Default port 587 (message submission, RFC 6409), the port mail providers
///   expect applications to use; give `:25` explicitly for a relay on the same machine or
///   network.
/// - `smtp://...?starttls=required`: fail (permanently) unless the server offers STARTTLS.
/// - `smtp://...?starttls=never`: never upgrade, for a local relay without TLS.
/// - `smtps://user:pass@host:port`: TLS from the first byte (RFC 8314). Default port 465.
/// - `?helo=mail.example.org`: the name sent in EHLO (default: ``defaultHeloName``).
///
/// User and password are percent-decoded, so `p%40ss` is `p@ss`. Credentials are never sent
/// over an unencrypted connection except to a loopback host (127.0.0.0/8, ::1, localhost):
/// elsewhere a server without STARTTLS gets ``MailError/tlsUnavailable(_:)`` instead of the
/// password. Certificates are verified against the system trust store (plus
/// ``trustedCertificateFiles``) and the host name or IP address in the URL; when a server
/// offers STARTTLS and the handshake fails, the send fails (``MailError/tlsFailed(_:)``)
/// rather than falling back to plain text.
public struct SMTPConfiguration: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Equatable {
        /// Plain text, upgraded with STARTTLS when the server offers it (`smtp://`, the default).
        case startTLSIfOffered = "opportunistic"
        /// Plain text, and STARTTLS must succeed before anything else is sent.
        case startTLSRequired = "required"
        /// Plain text only, never upgraded.
        case plainText = "never"
        /// TLS from the start (`smtps://`).
        case implicitTLS = "implicit"
    }

    /// The server's host name or IP address.
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// How the connection is protected.
    public var security: Security
    /// The AUTH user name, or nil to send without logging in.
    public var username: String?
    /// The AUTH password. Never logged or printed (see ``description``).
    public var password: String?
    /// The name this client gives in EHLO; servers may check it against reverse DNS, so in
    /// production set it to the host's public name.
    public var heloName: String
    /// Longest wait for the TCP connection to be made.
    public var connectTimeout: Duration
    /// Longest wait for each reply, including the greeting, the TLS handshake and the reply
    /// to the end of DATA.
    public var replyTimeout: Duration
    /// PEM files of certificates to trust in addition to the system store: a private CA, or in
    /// tests a server's self-signed certificate. Verification itself is never switched off.
    public var trustedCertificateFiles: [String]

    /// The EHLO name used when none is given.
    public static let defaultHeloName = "localhost"

    /// A configuration given piece by piece. `port` defaults to 465 for implicit TLS and 587
    /// otherwise.
    public init(
        host: String, port: Int? = nil, security: Security = .startTLSIfOffered,
        username: String? = nil, password: String? = nil, heloName: String = SMTPConfiguration.defaultHeloName,
        connectTimeout: Duration = .seconds(10), replyTimeout: Duration = .seconds(60),
        trustedCertificateFiles: [String] = []
    ) {
        self.host = host
        self.port = port ?? (security == .implicitTLS ? 465 : 587)
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
        self.trustedCertificateFiles = trustedCertificateFiles
    }

    /// Reads an `smtp://` or `smtps://` URL (see the type's documentation). Throws
    /// ``MailError/invalidConfiguration(_:)`` for another scheme, a missing host, a bad port or
    /// an unknown query parameter (a typo must not silently weaken security). The message
    /// never contains the password.
    public init(url string: String) throws {
        func fail(_ why: String) -> MailError { .invalidConfiguration("SMTP URL: \(why)") }
        guard let c = URLComponents(string: string), let scheme = c.scheme?.lowercased() else {
            throw fail("not a URL")
        }
        var security: Security
        switch scheme {
        case "smtp": security = .startTLSIfOffered
        case "smtps": security = .implicitTLS
        default: throw fail("scheme must be smtp or smtps, not \(scheme)")
        }
        var host = c.percentEncodedHost ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, host.removingPercentEncoding == host,
            host.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "/") })
        else { throw fail("missing or malformed host") }
        if let port = c.port, !(1...65535).contains(port) { throw fail("port out of range") }
        var helo = SMTPConfiguration.defaultHeloName
        for item in c.queryItems ?? [] {
            switch item.name.lowercased() {
            case "starttls":
                guard security != .implicitTLS else { throw fail("starttls does not apply to smtps") }
                switch item.value?.lowercased() {
                case "required": security = .startTLSRequired
                case "never": security = .plainText
                case "opportunistic": security = .startTLSIfOffered
                default: throw fail("starttls must be required, opportunistic or never")
                }
            case "helo":
                guard let v = item.value, !v.isEmpty,
                    v.utf8.allSatisfy({ $0 > 32 && $0 < 127 })
                else { throw fail("helo must be a host name") }
                helo = v
            default:
                throw fail("unknown parameter \(item.name)")
            }
        }
        let user = c.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        let password = c.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        if c.percentEncodedUser != nil, user == nil { throw fail("user is not valid percent-encoding") }
        if c.percentEncodedPassword != nil, password == nil { throw fail("password is not valid percent-encoding") }
        self.init(
            host: host, port: c.port, security: security,
            username: user.flatMap { $0.isEmpty ? nil : $0 }, password: password, heloName: helo)
    }

    /// True for 127.0.0.0/8, ::1 and localhost: the only hosts a password may reach unencrypted.
    var isLoopback: Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let octets = h.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}

extension SMTPConfiguration: CustomStringConvertible {
    /// The URL form with the password hidden, safe for logs.
    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = username.map { "\($0):***@" } ?? ""
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        let query = (security == .startTLSRequired || security == .plainText) ? "?starttls=\(security.rawValue)" : ""
        return "\(scheme)://\(user)\(host):\(port)\(query)"
    }
}

extension SMTPConfiguration: CustomDebugStringConvertible, CustomReflectable {
    /// Same as ``description``: the password stays hidden in `debugPrint` too.
    public var debugDescription: String { description }

    /// Hides the password from `dump` and other mirror-based printing.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "host": host, "port": port, "security": security, "username": username as Any,
                "password": password == nil ? "nil" : "***", "heloName": heloName,
                "connectTimeout": connectTimeout, "replyTimeout": replyTimeout,
                "trustedCertificateFiles": trustedCertificateFiles,
            ])
    }
}
