import Foundation
import Testing

@testable import Mail

@Suite("Writing messages")
struct MIMEWriterTests {
    let ada = try! MailAddress("ada@example.org", name: "Ada Lovelace")
    let bob = try! MailAddress("bob@example.net")

    func message(
        subject: String = "Hello", text: String = "Hi Bob.", html: String? = nil,
        headers: [MailHeader] = [], from: MailAddress? = nil, to: MailAddress? = nil
    ) -> MailMessage {
        MailMessage(
            from: from ?? ada, to: to ?? bob, subject: subject, text: text, html: html, headers: headers,
            date: Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test(
        "Given a plain message, when it is written, then it has CRLF lines, a UTC Date, a Message-ID at the sender's domain and a QP text body"
    )
    func plainMessage() throws {
        let raw = try MIMEWriter.render(message())
        #expect(shapeProblems(raw) == [])
        let mail = ReadMail(String(decoding: raw, as: UTF8.self))
        #expect(mail.header("Date") == "Tue, 14 Nov 2023 22:13:20 +0000")
        #expect(mail.header("From") == "Ada Lovelace <ada@example.org>")
        #expect(mail.header("To") == "bob@example.net")
        #expect(mail.header("Subject") == "Hello")
        #expect(mail.header("MIME-Version") == "1.0")
        #expect(mail.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(mail.header("Content-Transfer-Encoding") == "quoted-printable")
        let id = try #require(mail.header("Message-ID"))
        #expect(id.hasPrefix("<") && id.hasSuffix("@example.org>"))
        #expect(id.count == "<@example.org>".count + 32)
        #expect(mail.decodedBody == "Hi Bob.\r\n")
    }

    @Test("Given a reply-to address, when written, then Reply-To names it, encoded like From; without one there is none")
    func replyTo() throws {
        var with = message()
        with.replyTo = try MailAddress("letters@example.org", name: "Zoë's Letters")
        let mail = ReadMail(String(decoding: try MIMEWriter.render(with), as: UTF8.self))
        #expect(mail.decoded("Reply-To") == "Zoë's Letters <letters@example.org>")
        let plain = ReadMail(String(decoding: try MIMEWriter.render(message()), as: UTF8.self))
        #expect(plain.header("Reply-To") == nil)
        // Only the field may set it: as an extra header it is refused.
        #expect(throws: MailError.self) { try MIMEWriter.render(message(headers: [MailHeader("Reply-To", "x@example.org")])) }
    }

    @Test("Given two messages, when they are made, then their Message-IDs differ, and a message keeps its ID when written twice")
    func messageIDs() throws {
        let m = message()
        #expect(m.messageID != message().messageID)
        let first = ReadMail(String(decoding: try MIMEWriter.render(m), as: UTF8.self))
        let second = ReadMail(String(decoding: try MIMEWriter.render(m), as: UTF8.self))
        #expect(first.header("Message-ID") == "<\(m.messageID)>")
        #expect(second.header("Message-ID") == first.header("Message-ID"))
    }

    @Test(
        "Given a non-ASCII subject and display name, when written, then they are UTF-8 encoded-words that decode back and the message stays 7-bit"
    )
    func encodedWords() throws {
        let from = try MailAddress("zoe@example.org", name: "Zoë Ångström 🚀")
        let raw = try MIMEWriter.render(message(subject: "Grüße aus Köln — ça va? 日本語", from: from))
        #expect(shapeProblems(raw) == [])
        let mail = ReadMail(String(decoding: raw, as: UTF8.self))
        #expect(mail.header("Subject")?.hasPrefix("=?UTF-8?B?") == true)
        #expect(mail.decoded("Subject") == "Grüße aus Köln — ça va? 日本語")
        #expect(mail.decoded("From") == "Zoë Ångström 🚀 <zoe@example.org>")
    }

    @Test(
        "Given a very long non-ASCII subject, when written, then it is folded into encoded-words of whole characters with no line over 76")
    func longEncodedSubject() throws {
        let subject = String(repeating: "Ünïcödé 👩‍👩‍👧‍👦 ", count: 20)
        let raw = try MIMEWriter.render(message(subject: subject))
        #expect(shapeProblems(raw, limit: 76) == [])
        let mail = ReadMail(String(decoding: raw, as: UTF8.self))
        #expect(mail.decoded("Subject") == subject)
        #expect(!(mail.decoded("Subject") ?? "").contains("<BROKEN WORD>"))
        let rawText = String(decoding: raw, as: UTF8.self)
        #expect(rawText.components(separatedBy: "\r\n =?UTF-8?B?").count > 5)
    }

    @Test("Given a long ASCII subject, when written, then it is folded at spaces and unfolds to the same text")
    func longASCIISubject() throws {
        let subject = (1...40).map { "word\($0)" }.joined(separator: " ")
        let raw = try MIMEWriter.render(message(subject: subject))
        #expect(shapeProblems(raw, limit: 76) == [])
        #expect(ReadMail(String(decoding: raw, as: UTF8.self)).header("Subject") == subject)
    }

    @Test("Given an ASCII subject that looks like an encoded-word, when written, then it is encoded so readers show it literally")
    func literalEncodedWordLookalike() throws {
        let raw = try MIMEWriter.render(message(subject: "=?UTF-8?B?SGk=?="))
        let mail = ReadMail(String(decoding: raw, as: UTF8.self))
        #expect(mail.decoded("Subject") == "=?UTF-8?B?SGk=?=")
    }

    @Test("Given a display name with quotes and commas, when written, then it is a quoted string")
    func quotedDisplayName() throws {
        let from = try MailAddress("ada@example.org", name: #"Lovelace, Ada "the Countess""#)
        let mail = ReadMail(String(decoding: try MIMEWriter.render(message(from: from)), as: UTF8.self))
        #expect(mail.header("From") == #""Lovelace, Ada \"the Countess\"" <ada@example.org>"#)
    }

    @Test("Given text and HTML bodies, when written, then it is multipart/alternative with the text part first and the HTML part second")
    func multipart() throws {
        let raw = try MIMEWriter.render(message(text: "Plain ünïcode", html: "<p>HTML <b>ünïcode</b></p>"))
        #expect(shapeProblems(raw) == [])
        let mail = ReadMail(String(decoding: raw, as: UTF8.self))
        let type = try #require(mail.header("Content-Type"))
        #expect(type.hasPrefix("multipart/alternative; boundary=\"=_"))
        let parts = mail.parts
        #expect(parts.count == 2)
        #expect(parts.first?.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(parts.last?.header("Content-Type") == "text/html; charset=utf-8")
        #expect(parts.first?.decodedBody == "Plain ünïcode\r\n")
        #expect(parts.last?.decodedBody == "<p>HTML <b>ünïcode</b></p>\r\n")
    }

    @Test(
        "Given a body with long lines, trailing spaces, '=' and any line breaks, when written, then QP lines are at most 76 and decode to the text with CRLF breaks"
    )
    func quotedPrintable() throws {
        let long = String(repeating: "é=x ", count: 60)
        let text = "\(long)\nend with space \r\nold mac\rFrom the start\n\ttab\t\n"
        let raw = try MIMEWriter.render(message(text: text))
        #expect(shapeProblems(raw, limit: 76) == [])
        let mail = ReadMail(String(decoding: raw, as: UTF8.self))
        #expect(mail.decodedBody == "\(long)\r\nend with space \r\nold mac\r\nFrom the start\r\n\ttab\t\r\n")
        #expect(mail.body.contains("=46rom the start"))
        #expect(mail.body.contains("end with space=20\r\n"))
    }

    @Test("Given extra List-Unsubscribe headers, when written, then they appear as given")
    func listUnsubscribe() throws {
        let url = "https://news.example.org/unsubscribe?t=" + String(repeating: "a1", count: 40)
        let raw = try MIMEWriter.render(message(headers: [.listUnsubscribe(url), .listUnsubscribeOneClick]))
        let mail = ReadMail(String(decoding: raw, as: UTF8.self))
        #expect(mail.header("List-Unsubscribe") == "<\(url)>")
        #expect(mail.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
    }

    @Test(
        "Given CR or LF in a subject, display name, header value or header name, when written, then it is refused (header injection)",
        arguments: ["Hi\r\nBcc: victim@example.com", "Hi\nBcc: victim@example.com", "Hi\rX: y", "Hi\u{0}"])
    func headerInjectionRefused(evil: String) throws {
        #expect(throws: MailError.self) { try MIMEWriter.render(message(subject: evil)) }
        #expect(throws: MailError.self) { try MailAddress("ada@example.org", name: evil) }
        #expect(throws: MailError.self) { try MIMEWriter.render(message(headers: [MailHeader("X-Note", evil)])) }
        #expect(throws: MailError.self) { try MIMEWriter.render(message(headers: [MailHeader(evil, "value")])) }
        var withBadID = message()
        withBadID.messageID = "abc@example.org>\r\nBcc: victim@example.com"
        #expect(throws: MailError.self) { try MIMEWriter.render(withBadID) }
        do {
            _ = try MIMEWriter.render(message(subject: evil))
        } catch let error as MailError {
            #expect(error.isPermanent)
        }
    }

    @Test(
        "Given an extra header that the writer writes itself, when written, then it is refused",
        arguments: ["Bcc", "to", "Content-Type", "Message-ID", "Subject"])
    func reservedHeaders(name: String) {
        #expect(throws: MailError.self) { try MIMEWriter.render(message(headers: [MailHeader(name, "x@example.org")])) }
    }

    @Test(
        "Given malformed addresses, when made, then each is refused as permanent",
        arguments: [
            "", "plain", "a@", "@b.org", "a@@b.org", "a b@c.org", "a@b .org", "a@b.org\r\nRCPT TO:<x@y.org>",
            "a..b@c.org", ".a@b.org", "a@-b.org", "a@b..org", "<a@b.org>", "ü@b.org", "a@b.org\n",
        ])
    func badAddresses(address: String) {
        do {
            _ = try MailAddress(address)
            Issue.record("accepted \(address.debugDescription)")
        } catch let error as MailError {
            guard case .invalidAddress = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.isPermanent)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(
        "Given ordinary addresses, when made, then they are accepted",
        arguments: ["a@b.org", "first.last+tag@mail.example.co.uk", "x_y-z@localhost", "o'brien@example.ie"])
    func goodAddresses(address: String) throws {
        #expect(try MailAddress(address).address == address)
    }

    @Test("Given a message, when encoded as JSON and decoded, then it is the same message, and a bad address in JSON is refused")
    func codable() throws {
        let m = message(html: "<p>x</p>", headers: [.listUnsubscribeOneClick])
        let data = try JSONEncoder().encode(m)
        #expect(try JSONDecoder().decode(MailMessage.self, from: data) == m)
        let evil = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "bob@example.net", with: "bob@example.net\\r\\nX: y")
        #expect(throws: MailError.self) { try JSONDecoder().decode(MailMessage.self, from: Data(evil.utf8)) }
    }

    @Test(
        "Given message bytes with lines starting with dots, when framed for DATA, then those lines get one more dot and a lone dot ends the data"
    )
    func dotStuffing() {
        let framed = SMTPData.stuffed(Array("Subject: x\r\n\r\n.\r\n..two\r\nmid.dle\r\n.end".utf8))
        #expect(String(decoding: framed, as: UTF8.self) == "Subject: x\r\n\r\n..\r\n...two\r\nmid.dle\r\n..end\r\n.\r\n")
        #expect(String(decoding: SMTPData.stuffed(Array(".first\r\n".utf8)), as: UTF8.self) == "..first\r\n.\r\n")
    }
}
