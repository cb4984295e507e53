import Foundation

/// Renders a ``MailMessage`` as the bytes of an RFC 5322 message, ready for SMTP DATA or an
/// `.eml` file.
///
/// What it writes, and why:
/// - CRLF line endings everywhere; header lines folded to at most 76 characters (inside the
///   78 that RFC 5322 asks for and the 76 that RFC 2047 asks of lines with encoded-words).
/// - `Date` (RFC 5322 format, in UTC), `From`, `To`, `Reply-To` when set, `Subject`, `Message-ID: <id>`, the
///   extra headers in order, `MIME-Version: 1.0`.
/// - The body as `text/plain; charset=utf-8`, or, with an HTML body, `multipart/alternative`
///   with the text part first and the HTML part second (readers show the last one they can).
///   Every part is quoted-printable, so the whole message is 7-bit ASCII with lines of at most
///   76 characters: it passes any relay untouched and needs no 8BITMIME or SMTPUTF8.
/// - The multipart boundary is `=_` and 32 random hex digits: `=_` can never occur in
///   quoted-printable text, so the boundary cannot collide with a body.
/// - Header values (subject, display names, extra headers) that are not plain ASCII are
///   written as RFC 2047 encoded-words (`=?UTF-8?B?...?=`), split only between characters.
/// - Header injection is impossible: a CR, LF or other control character in any header
///   value, name or address is refused with ``MailError/invalidHeader(_:)`` (addresses are
///   already checked by ``MailAddress``), never stripped or folded away.
public enum MIMEWriter {
    /// The bytes of `message`. Throws ``MailError/invalidHeader(_:)`` for a subject, header or
    /// Message-ID that cannot be written safely.
    public static func render(_ message: MailMessage) throws -> [UInt8] {
        try render(message, boundary: "=_" + RandomText.hex(bytes: 16))
    }

    static func render(_ message: MailMessage, boundary: String) throws -> [UInt8] {
        var head = [String]()
        head += try HeaderLine.unstructured("Date", rfc5322Date(message.date))
        head += try HeaderLine.address("From", message.from)
        head += try HeaderLine.address("To", message.to)
        if let replyTo = message.replyTo { head += try HeaderLine.address("Reply-To", replyTo) }
        try HeaderRules.checkValue(message.subject, what: "subject")
        head += try HeaderLine.unstructured("Subject", message.subject)
        try HeaderRules.checkMessageID(message.messageID)
        head += try HeaderLine.unstructured("Message-ID", "<\(message.messageID)>")
        for header in message.headers {
            try HeaderRules.checkName(header.name)
            try HeaderRules.checkValue(header.value, what: "value of \(header.name)")
            head += try HeaderLine.unstructured(header.name, header.value)
        }
        head.append("MIME-Version: 1.0")

        var out = [UInt8]()
        func line(_ s: String) { out += Array(s.utf8); out += crlf }
        let textPart = QuotedPrintable.encode(message.text)
        if let html = message.html {
            head.append("Content-Type: multipart/alternative;")
            head.append(" boundary=\"\(boundary)\"")
            head.forEach(line)
            line("")
            line("This is a multi-part message in MIME format.")
            for (type, body) in [("text/plain", textPart), ("text/html", QuotedPrintable.encode(html))] {
                line("--\(boundary)")
                line("Content-Type: \(type); charset=utf-8")
                line("Content-Transfer-Encoding: quoted-printable")
                line("")
                out += body
            }
            line("--\(boundary)--")
        } else {
            head.append("Content-Type: text/plain; charset=utf-8")
            head.append("Content-Transfer-Encoding: quoted-printable")
            head.forEach(line)
            line("")
            out += textPart
        }
        return out
    }

    /// `Thu, 01 Jan 1970 00:00:00 +0000`: RFC 5322 section 3.3, always UTC.
    public static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { let n = n ?? 0; return n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day)) \(months[(c.month ?? 1) - 1]) \(c.year ?? 1970) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }
}

let crlf: [UInt8] = [13, 10]

/// The checks that make header injection impossible.
enum HeaderRules {
    /// Headers the writer produces itself; an extra header with one of these names is refused.
    static let reserved: Set<String> = [
        "from", "to", "reply-to", "cc", "bcc", "subject", "date", "message-id", "mime-version",
        "content-type", "content-transfer-encoding",
    ]

    /// A value may hold any character except controls (tab is allowed): CR and LF would end
    /// the header line and start a new one.
    static func checkValue(_ value: String, what: String) throws {
        for s in value.unicodeScalars {
            if s == "\r" || s == "\n" {
                throw MailError.invalidHeader("\(what) contains CR or LF")
            }
            if (s.value < 0x20 && s != "\t") || s.value == 0x7F {
                throw MailError.invalidHeader("\(what) contains a control character")
            }
        }
    }

    /// A field name is 1 to 76 printable ASCII characters other than `:` (RFC 5322 ftext).
    static func checkName(_ name: String) throws {
        guard !name.isEmpty, name.utf8.count <= 76,
            name.utf8.allSatisfy({ $0 >= 33 && $0 <= 126 && $0 != UInt8(ascii: ":") })
        else { throw MailError.invalidHeader("bad header name \(name.debugDescription)") }
        guard !reserved.contains(name.lowercased()) else {
            throw MailError.invalidHeader("\(name) is written by MIMEWriter and cannot be given as an extra header")
        }
    }

    /// `left@right`, both dot-atom text (RFC 5322 msg-id without the brackets).
    static func checkMessageID(_ id: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.".utf8)
        let parts = id.split(separator: "@", omittingEmptySubsequences: false)
        guard id.utf8.count <= 250, parts.count == 2,
            parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(allowed.contains) })
        else { throw MailError.invalidHeader("bad Message-ID \(id.debugDescription)") }
    }
}

/// Builds one header field, folding before a token when the line would pass 76 characters.
struct HeaderLine {
    static let limit = 76
    private var lines: [String] = []
    private var current: String
    /// False while the current line is only the field name: folding there would leave it empty.
    private var currentHasToken = false

    private init(name: String) { current = name + ":" }

    /// Room for one more token after a space on the current line.
    private var room: Int { Self.limit - current.utf8.count - 1 }

    /// Adds " token", first folding (CRLF + space) if it would not fit and the current line
    /// already holds more than the field name. An empty token is never folded before, so no
    /// line is all white space.
    private mutating func append(_ token: String) {
        if token.utf8.count > room, !token.isEmpty, currentHasToken {
            lines.append(current)
            current = ""
        }
        current += " " + token
        currentHasToken = true
    }

    private func finish() throws -> [String] {
        let all = lines + [current]
        guard all.allSatisfy({ $0.utf8.count <= 998 }) else {
            throw MailError.invalidHeader("a header line would pass 998 characters")
        }
        return all
    }

    /// An unstructured value (subject, extra header): ASCII as words, otherwise encoded-words.
    static func unstructured(_ name: String, _ value: String) throws -> [String] {
        var h = HeaderLine(name: name)
        if needsEncoding(value) {
            h.appendEncoded(value)
        } else if !value.isEmpty {
            for word in value.split(separator: " ", omittingEmptySubsequences: false) {
                h.append(String(word))
            }
        }
        return try h.finish()
    }

    /// `Name <address>`, `"Quoted, Name" <address>`, `=?UTF-8?B?...?= <address>` or `address`.
    static func address(_ name: String, _ address: MailAddress) throws -> [String] {
        var h = HeaderLine(name: name)
        if let display = address.displayName {
            if needsEncoding(display) {
                h.appendEncoded(display)
            } else if isPlainPhrase(display) {
                for word in display.split(separator: " ") { h.append(String(word)) }
            } else {
                let escaped = display.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "\"", with: "\\\"")
                h.append("\"\(escaped)\"")
            }
            h.append("<\(address.address)>")
        } else {
            h.append(address.address)
        }
        return try h.finish()
    }

    /// Non-ASCII text, or text that a reader would mistake for an encoded-word.
    private static func needsEncoding(_ value: String) -> Bool {
        value.utf8.contains(where: { $0 >= 0x80 }) || value.contains("=?")
    }

    /// Words of letters, digits and atext symbols separated by single spaces: safe unquoted.
    private static func isPlainPhrase(_ s: String) -> Bool {
        let ok = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/^_`{|}~ ".utf8)
        return s.utf8.allSatisfy(ok.contains) && !s.hasPrefix(" ") && !s.hasSuffix(" ") && !s.contains("  ")
    }

    /// Appends `text` as `=?UTF-8?B?...?=` words separated by folding white space (which
    /// readers drop between encoded-words). Each word holds whole characters, as RFC 2047
    /// requires, and is sized to fill the line it lands on.
    private mutating func appendEncoded(_ text: String) {
        func wordLength(_ bytes: Int) -> Int { 12 + (bytes + 2) / 3 * 4 }
        // A character that alone would not fit in a word on a fresh line is split into its
        // scalars (only pathological runs of combining marks are that long).
        var units = [[UInt8]]()
        for ch in text {
            let bytes = Array(String(ch).utf8)
            if wordLength(bytes.count) <= Self.limit - 1 {
                units.append(bytes)
            } else {
                for scalar in ch.unicodeScalars { units.append(Array(String(scalar).utf8)) }
            }
        }
        var chunk = [UInt8]()
        func roomForWord() -> Int {
            // Fill the current line if a short word still fits there, else a fresh line.
            room >= wordLength(3) ? room : Self.limit - 1
        }
        var limit = roomForWord()
        for unit in units {
            if wordLength(chunk.count + unit.count) <= limit {
                chunk += unit
                continue
            }
            if !chunk.isEmpty {
                append(Self.encodedWord(chunk))
                limit = roomForWord()
            }
            chunk = unit
            if wordLength(unit.count) > limit { limit = Self.limit - 1 }
        }
        if !chunk.isEmpty { append(Self.encodedWord(chunk)) }
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }
}

/// Quoted-printable (RFC 2045 section 6.7) of UTF-8 text, with every kind of line break made
/// a CRLF hard break and encoded lines of at most 76 characters.
enum QuotedPrintable {
    static func encode(_ text: String) -> [UInt8] {
        var out = [UInt8]()
        let lines = splitLines(Array(text.utf8))
        for line in lines {
            encodeLine(line, into: &out)
            out += crlf
        }
        return out
    }

    /// Splits on CRLF, CR or LF; a text ending in a line break has no empty last line.
    static func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines = [[UInt8]]()
        var current = [UInt8]()
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 13 || b == 10 {
                lines.append(current)
                current = []
                if b == 13, i + 1 < bytes.count, bytes[i + 1] == 10 { i += 1 }
            } else {
                current.append(b)
            }
            i += 1
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func encodeLine(_ line: [UInt8], into out: inout [UInt8]) {
        var column = 0
        for (i, b) in line.enumerated() {
            let last = i == line.count - 1
            var token: [UInt8]
            switch b {
            case 33...60, 62...126:
                token = [b]
            case 32, 9:
                // White space at the end of a line would be stripped in transit.
                token = last ? escaped(b) : [b]
            default:
                token = escaped(b)
            }
            // "From " at the start of a line is mangled by mbox-style agents.
            if i == 0, b == UInt8(ascii: "F"), line.starts(with: Array("From ".utf8)) {
                token = escaped(b)
            }
            // Keep room for the "=" of a soft break unless this is the line's last token.
            let max = last ? 76 : 75
            if column + token.count > max {
                out += [UInt8(ascii: "=")] + crlf
                column = 0
            }
            out += token
            column += token.count
        }
    }

    private static func escaped(_ b: UInt8) -> [UInt8] {
        [UInt8(ascii: "="), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
    }
}
