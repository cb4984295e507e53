/// Why a message could not be rendered or sent.
///
/// Every case is either *permanent* (sending the same message again will fail the same way:
/// a refused recipient, a malformed address, wrong credentials) or *temporary* (the next
/// attempt may succeed: a 4xx reply, a refused or dropped connection, a timeout). An outbox
/// retries temporary failures with back-off and gives up at once on permanent ones; see
/// ``isPermanent``.
public enum MailError: Error, Sendable, Equatable {
    /// An address is not one we can send to (empty part, space, control character, two `@`...).
    case invalidAddress(String)
    /// A header name or value would break the message: CR or LF (header injection), another
    /// control character, a reserved header name, or an over-long unbreakable line.
    case invalidHeader(String)
    /// The configuration (an SMTP URL, a file mailer's folder) is unusable as given.
    case invalidConfiguration(String)
    /// The server answered 5xx: it will not take this message as it is.
    case rejected(code: Int, message: String)
    /// The server answered 4xx: try again later.
    case deferred(code: Int, message: String)
    /// The server refused the username and password (535 and other 5xx answers to AUTH).
    case authenticationFailed(code: Int, message: String)
    /// TLS is required (by `starttls=required`, or because credentials must not travel in
    /// clear text) but the server does not offer STARTTLS.
    case tlsUnavailable(String)
    /// The TLS handshake failed, e.g. the certificate did not verify.
    case tlsFailed(String)
    /// No connection could be made, or the connection was lost.
    case connectionFailed(String)
    /// The server did not answer (connect or reply) within the configured time.
    case timeout(String)
    /// The server said something that is not SMTP, or not what the step expected.
    case protocolError(String)
    /// Writing a message to disk failed.
    case io(String)

    /// True when retrying the same message cannot help; false when a later attempt may succeed.
    ///
    /// Permanent: ``invalidAddress``, ``invalidHeader``, ``invalidConfiguration``,
    /// ``rejected`` (5xx), ``authenticationFailed``, ``tlsUnavailable``.
    /// Temporary: ``deferred`` (4xx), ``connectionFailed``, ``timeout``, ``tlsFailed``
    /// (a certificate can be renewed, a middlebox can go away), ``protocolError``, ``io``.
    public var isPermanent: Bool {
        switch self {
        case .invalidAddress, .invalidHeader, .invalidConfiguration, .rejected,
            .authenticationFailed, .tlsUnavailable:
            return true
        case .deferred, .connectionFailed, .timeout, .tlsFailed, .protocolError, .io:
            return false
        }
    }

    /// The opposite of ``isPermanent``: worth trying again later.
    public var isTemporary: Bool { !isPermanent }

    /// Maps an SMTP reply that ended a transaction to the matching error.
    static func reply(_ code: Int, _ message: String) -> MailError {
        switch code {
        case 400..<500: return .deferred(code: code, message: message)
        case 500..<600: return .rejected(code: code, message: message)
        default: return .protocolError("unexpected reply \(code) \(message)")
        }
    }
}

extension MailError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidAddress(let s): return "invalid address: \(s)"
        case .invalidHeader(let s): return "invalid header: \(s)"
        case .invalidConfiguration(let s): return "invalid mail configuration: \(s)"
        case .rejected(let code, let m): return "rejected by the mail server: \(code) \(m)"
        case .deferred(let code, let m): return "deferred by the mail server: \(code) \(m)"
        case .authenticationFailed(let code, let m): return "mail server authentication failed: \(code) \(m)"
        case .tlsUnavailable(let s): return "TLS unavailable: \(s)"
        case .tlsFailed(let s): return "TLS failed: \(s)"
        case .connectionFailed(let s): return "mail server connection failed: \(s)"
        case .timeout(let s): return "mail server timeout: \(s)"
        case .protocolError(let s): return "SMTP protocol error: \(s)"
        case .io(let s): return "mail file error: \(s)"
        }
    }
}
