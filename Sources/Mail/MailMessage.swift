import Foundation

/// An email address with an optional display name, checked when made.
///
/// The check is deliberately small: one `@`, a dot-atom local part (letters, digits and
/// ``!#$%&'*+-/=?^_`{|}~``, dots not first, last or doubled) of at most 64 characters, a domain of
/// letters, digits and hyphens in dot-separated labels, 254 characters in all. Quoted local
/// parts, address literals and non-ASCII addresses (which need SMTPUTF8) are refused; a display
/// name may be any text without control characters and is encoded when written.
public struct MailAddress: Sendable, Hashable {
    /// `local@domain`, exactly as given.
    public let address: String
    /// The name shown to readers ("Ada Lovelace"), or nil.
    public let displayName: String?

    /// Checks `address` and `displayName`; throws ``MailError/invalidAddress(_:)`` for an
    /// address we cannot send to and ``MailError/invalidHeader(_:)`` for a name with control
    /// characters (CR or LF would let a name add headers). An empty name counts as none.
    public init(_ address: String, name displayName: String? = nil) throws {
        try MailAddress.validate(address)
        if let name = displayName, !name.isEmpty {
            try HeaderRules.checkValue(name, what: "display name")
            self.displayName = name
        } else {
            self.displayName = nil
        }
        self.address = address
    }

    /// The part after the `@`, used as the right-hand side of Message-IDs.
    public var domain: String {
        String(address[address.index(after: address.lastIndex(of: "@")!)...])
    }

    static func validate(_ address: String) throws {
        func fail(_ why: String) -> MailError {
            // Escape control characters so a log line shows them instead of obeying them.
            .invalidAddress("\(address.debugDescription): \(why)")
        }
        guard address.utf8.count <= 254 else { throw fail("longer than 254 characters") }
        guard address.utf8.allSatisfy({ $0 < 0x80 }) else { throw fail("not ASCII") }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw fail("needs exactly one @") }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64 else { throw fail("local part must be 1 to 64 characters") }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".utf8)
        for atom in local.split(separator: ".", omittingEmptySubsequences: false) {
            guard !atom.isEmpty else { throw fail("misplaced dot in the local part") }
            guard atom.utf8.allSatisfy({ atext.contains($0) }) else { throw fail("character not allowed in the local part") }
        }
        guard !domain.isEmpty, domain.utf8.count <= 253 else { throw fail("domain must be 1 to 253 characters") }
        let labelChars = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".utf8)
        for label in domain.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.utf8.count <= 63 else { throw fail("empty or over-long domain label") }
            guard label.utf8.allSatisfy({ labelChars.contains($0) }) else { throw fail("character not allowed in the domain") }
            guard label.first != "-", label.last != "-" else { throw fail("domain label starts or ends with a hyphen") }
        }
    }
}

extension MailAddress: Codable {
    private enum CodingKeys: String, CodingKey { case address, name }

    /// Decoding checks the address again, so a stored message cannot smuggle in a bad one.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            try c.decode(String.self, forKey: .address),
            name: try c.decodeIfPresent(String.self, forKey: .name))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encodeIfPresent(displayName, forKey: .name)
    }
}

extension MailAddress: CustomStringConvertible {
    /// `Name <local@domain>` or `local@domain`, for logs (not for headers: see ``MIMEWriter``).
    public var description: String {
        displayName.map { "\($0) <\(address)>" } ?? address
    }
}

/// An extra header line such as `List-Unsubscribe`. Checked when the message is written:
/// names are printable ASCII without `:`, values have no control characters, and the
/// headers ``MIMEWriter`` writes itself (From, To, Subject, Date, Message-ID, MIME-Version,
/// Content-*) cannot be given here.
public struct MailHeader: Sendable, Hashable, Codable {
    /// The field name, e.g. `List-Unsubscribe`.
    public var name: String
    /// The unfolded value; non-ASCII text is written as RFC 2047 encoded-words.
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// `List-Unsubscribe: <url>` (RFC 2369).
    public static func listUnsubscribe(_ url: String) -> MailHeader {
        MailHeader("List-Unsubscribe", "<\(url)>")
    }

    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058), sent together with
    /// ``listUnsubscribe(_:)`` pointing at an https URL that accepts a POST.
    public static let listUnsubscribeOneClick = MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
}

/// One email to one recipient: what an outbox stores and a ``Mailer`` sends.
///
/// The message ID and date are fixed when the message is made, so sending it again after a
/// failure produces the same Message-ID (receivers can tell a retry from a new message).
/// Codable, so an outbox can keep it as JSON; decoding re-checks the addresses.
public struct MailMessage: Sendable, Hashable, Codable {
    /// The sender shown to the reader and used as the SMTP envelope sender.
    public var from: MailAddress
    /// The one recipient.
    public var to: MailAddress
    /// Where the reader's replies go, when not to `from` (the publication's reply-to setting).
    /// Optional in stored messages: mail queued before it existed decodes without it.
    public var replyTo: MailAddress?
    /// The subject line; any Unicode without control characters.
    public var subject: String
    /// The plain-text body, always sent; line breaks of any kind become CRLF.
    public var text: String
    /// An HTML alternative; when present the message is multipart/alternative (text, then HTML).
    public var html: String?
    /// Extra headers, written in order after the standard ones.
    public var headers: [MailHeader]
    /// The Message-ID without angle brackets: `random@domain-of-from`.
    public var messageID: String
    /// The origination date written in the Date header.
    public var date: Date

    /// Makes a message; `messageID` defaults to a fresh random one at the sender's domain and
    /// `date` to now. Nothing is checked here beyond the addresses: ``MIMEWriter`` refuses a
    /// subject or header that would break the message.
    public init(
        from: MailAddress, to: MailAddress, replyTo: MailAddress? = nil, subject: String, text: String, html: String? = nil,
        headers: [MailHeader] = [], messageID: String? = nil, date: Date = Date()
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.headers = headers
        self.messageID = messageID ?? MailMessage.newMessageID(domain: from.domain)
        self.date = date
    }

    /// A fresh `random@domain`: 128 random bits (hex) on the left, so IDs never collide.
    public static func newMessageID(domain: String) -> String {
        "\(RandomText.hex(bytes: 16))@\(domain)"
    }
}

enum RandomText {
    /// Cryptographically random hex (SystemRandomNumberGenerator reads the OS source).
    static func hex(bytes: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes * 2)
        for _ in 0..<bytes {
            let b = UInt8.random(in: 0...255, using: &rng)
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
