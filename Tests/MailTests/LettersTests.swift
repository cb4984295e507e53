import Domain
import Foundation
import Testing

@testable import Mail

/// Fixed values for the letters: the publication, its sender, a reader, and absolute links.
enum LetterFixtures {
    static let sender = address("news@weekly.example.org", name: "The Weekly")
    static let reader = address("reader@example.net", name: "Rea Der")
    static let letters = Letters(from: sender, publicationName: "The Weekly")

    static let signIn = url("https://weekly.example.org/sign-in/redeem?token=tok_123&next=%2Fp%2Fhello")
    static let confirm = url("https://weekly.example.org/subscribe/confirm?token=conf_456")
    static let postURL = url("https://weekly.example.org/p/hello-world")
    static let unsubscribe = url("https://weekly.example.org/unsubscribe?token=uns_789")
    static let oneClick = url("https://weekly.example.org/unsubscribe/one-click?token=uns_789")
    static let settings = url("https://weekly.example.org/settings#notifications")

    static let post = NewsletterPost(
        title: "Hello, world", subtitle: "A first post", authorName: "Ada Lovelace",
        bodyHTML: "<p>First <em>post</em> &amp; more.</p>\n<h2>Part two</h2>\n<p>Ends here.</p>",
        bodyText: "First post & more.\n\nPart two\n\nEnds here.", postURL: postURL)

    static func item(
        _ kind: NotificationKind, _ name: String = "Bob", post: String = "Hello, world",
        excerpt: String = "Nice post.", id: Int = 1
    ) -> DigestItem {
        DigestItem(
            kind: kind, commenterName: name, postTitle: post, excerpt: excerpt,
            commentURL: url("https://weekly.example.org/p/hello-world/comment/\(id)"))
    }

    static func url(_ string: String) -> URL {
        guard let url = URL(string: string) else { fatalError("bad URL literal in a test: \(string)") }
        return url
    }

    static func address(_ address: String, name: String? = nil) -> MailAddress {
        do { return try MailAddress(address, name: name) } catch { fatalError("bad address literal in a test: \(error)") }
    }
}

/// A letter as a mail program reads it: written by MIMEWriter, then split and decoded.
struct ReadLetter {
    var mail: ReadMail
    var text: String
    var html: String

    init(_ message: MailMessage) throws {
        let raw = try MIMEWriter.render(message)
        mail = ReadMail(String(decoding: raw, as: UTF8.self))
        // Quoted-printable keeps body lines within 76. A header holding one long URL
        // (List-Unsubscribe) cannot be folded inside its angle brackets, so headers are held
        // to RFC 5322's hard limit of 998 instead.
        #expect(shapeProblems(raw, limit: 998) == [])
        #expect(shapeProblems(Array(mail.body.utf8), limit: 76) == [])
        #expect(mail.header("Content-Type")?.hasPrefix("multipart/alternative;") == true)
        let parts = mail.parts
        #expect(parts.count == 2)
        #expect(parts.first?.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(parts.last?.header("Content-Type") == "text/html; charset=utf-8")
        text = try #require(lf(parts.first?.decodedBody))
        html = try #require(lf(parts.last?.decodedBody))
    }

    var subject: String? { mail.decoded("Subject") }
}

@Suite("Letters: the emails Parley sends")
struct LettersTests {
    typealias F = LetterFixtures

    // MARK: Sign-in

    @Test(
        "Given a sign-in request, when the letter is made, then it is addressed to the reader, titled 'Sign in to' the publication and carries the link in both parts"
    )
    func signIn() throws {
        let message = F.letters.signInLink(to: F.reader, link: F.signIn, validMinutes: 15)
        #expect(message.from == F.sender)
        #expect(message.to == F.reader)
        #expect(message.subject == "Sign in to The Weekly")
        let letter = try ReadLetter(message)
        #expect(letter.subject == "Sign in to The Weekly")
        #expect(letter.mail.header("To") == "Rea Der <reader@example.net>")
        #expect(letter.mail.header("From") == "The Weekly <news@weekly.example.org>")
        #expect(letter.text.contains(F.signIn.absoluteString))
        #expect(letter.text.contains("works once, for the next 15 minutes"))
        #expect(letter.text.contains("If you did not ask to sign in, ignore this email"))
        #expect(letter.html.contains("href=\"https://weekly.example.org/sign-in/redeem?token=tok_123&amp;next=%2Fp%2Fhello\""))
        #expect(letter.html.contains("works once, for the next 15 minutes"))
        #expect(letter.html.contains("If you did not ask to sign in, ignore this email"))
    }

    @Test("Given a link valid for one minute, when the letter is made, then it says 'the next minute'")
    func signInOneMinute() throws {
        let letter = try ReadLetter(F.letters.signInLink(to: F.reader, link: F.signIn, validMinutes: 1))
        #expect(letter.text.contains("The link works once, for the next minute."))
    }

    // MARK: Confirmation

    @Test(
        "Given a new subscription, when the confirmation is made, then it asks to confirm the subscription to the publication with the link in both parts"
    )
    func confirmation() throws {
        let message = F.letters.confirmSubscription(to: F.reader, confirmLink: F.confirm)
        #expect(message.to == F.reader)
        #expect(message.subject == "Confirm your subscription to The Weekly")
        let letter = try ReadLetter(message)
        #expect(letter.subject == "Confirm your subscription to The Weekly")
        #expect(letter.text.contains("Confirm subscription: \(F.confirm.absoluteString)"))
        #expect(letter.html.contains("href=\"\(F.confirm.absoluteString)\""))
        #expect(letter.text.contains("If you did not ask to subscribe, ignore this email"))
    }

    @Test(
        "Given sign-in and confirmation letters, when written, then neither has List-Unsubscribe headers: they answer a request and there is nothing to leave"
    )
    func noUnsubscribeOnTransactionalMail() throws {
        for message in [
            F.letters.signInLink(to: F.reader, link: F.signIn, validMinutes: 15),
            F.letters.confirmSubscription(to: F.reader, confirmLink: F.confirm),
        ] {
            #expect(message.headers.isEmpty)
            let letter = try ReadLetter(message)
            #expect(letter.mail.header("List-Unsubscribe") == nil)
            #expect(letter.mail.header("List-Unsubscribe-Post") == nil)
        }
    }

    // MARK: Newsletter

    @Test(
        "Given a new post, when the newsletter is made, then its subject is the title and both parts carry the post, its link and a visible unsubscribe link with the reason"
    )
    func newsletter() throws {
        let message = F.letters.newsletter(to: F.reader, post: F.post, unsubscribeURL: F.unsubscribe, oneClickUnsubscribeURL: F.oneClick)
        #expect(message.to == F.reader)
        #expect(message.subject == "Hello, world")
        let letter = try ReadLetter(message)
        #expect(letter.subject == "Hello, world")
        #expect(letter.text.hasPrefix("Hello, world\nA first post\nBy Ada Lovelace\n"))
        #expect(letter.text.contains("First post & more.\n\nPart two\n\nEnds here."))
        #expect(letter.text.contains("Read it on the web: \(F.postURL.absoluteString)"))
        #expect(letter.text.contains("You are getting this email because you subscribed to The Weekly."))
        #expect(letter.text.contains("Unsubscribe: \(F.unsubscribe.absoluteString)"))
        // The sanitised body is embedded exactly as given: not escaped a second time.
        #expect(letter.html.contains(F.post.bodyHTML))
        #expect(letter.html.contains("A first post"))
        #expect(letter.html.contains("By Ada Lovelace"))
        #expect(letter.html.contains("href=\"\(F.postURL.absoluteString)\""))
        #expect(letter.html.contains("You are getting this email because you subscribed to The Weekly."))
        #expect(letter.html.contains("href=\"\(F.unsubscribe.absoluteString)\" style=\"\(LetterStyle.link)\">Unsubscribe</a>"))
    }

    @Test(
        "Given a newsletter, when written, then List-Unsubscribe names the one-click URL and List-Unsubscribe-Post is exactly RFC 8058's value"
    )
    func newsletterHeaders() throws {
        let message = F.letters.newsletter(to: F.reader, post: F.post, unsubscribeURL: F.unsubscribe, oneClickUnsubscribeURL: F.oneClick)
        #expect(
            message.headers == [
                MailHeader("List-Unsubscribe", "<https://weekly.example.org/unsubscribe/one-click?token=uns_789>"),
                MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ])
        let letter = try ReadLetter(message)
        #expect(letter.mail.header("List-Unsubscribe") == "<https://weekly.example.org/unsubscribe/one-click?token=uns_789>")
        #expect(letter.mail.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
    }

    @Test("Given a post without a subtitle, when the newsletter is made, then no empty subtitle line or paragraph appears")
    func newsletterWithoutSubtitle() throws {
        var post = F.post
        post.subtitle = "  "
        let letter = try ReadLetter(
            F.letters.newsletter(
                to: F.reader, post: post, unsubscribeURL: F.unsubscribe,
                oneClickUnsubscribeURL: F.oneClick))
        #expect(letter.text.hasPrefix("Hello, world\nBy Ada Lovelace\n"))
        #expect(!letter.html.contains(LetterStyle.subtitle))
    }

    // MARK: Notification digest

    @Test(
        "Given a mix of replies, mentions and followed comments, when the digest is made, then it greets the reader, groups replies, mentions and follows in that order and links every comment"
    )
    func digest() throws {
        let items = [F.item(.follow, "Cy", id: 3), F.item(.reply, "Bob", id: 1), F.item(.mention, "Dee", post: "Other post", id: 2)]
        let message = F.letters.notificationDigest(
            to: F.reader, recipientName: "Rea", items: items, unsubscribeURL: F.unsubscribe,
            oneClickUnsubscribeURL: F.oneClick, settingsURL: F.settings)
        #expect(message.to == F.reader)
        #expect(message.subject == "3 new replies and comments on The Weekly")
        let letter = try ReadLetter(message)
        #expect(letter.text.hasPrefix("Hi Rea,\n"))
        let replies = try #require(letter.text.range(of: "Replies to your comments\n------------------------"))
        let mentions = try #require(letter.text.range(of: "Mentions of you"))
        let follows = try #require(letter.text.range(of: "New comments in discussions you follow"))
        #expect(replies.lowerBound < mentions.lowerBound && mentions.lowerBound < follows.lowerBound)
        #expect(
            letter.text.contains(
                "Bob replied on Hello, world:\n> Nice post.\nRead and reply: https://weekly.example.org/p/hello-world/comment/1\n"))
        #expect(letter.text.contains("Dee mentioned you on Other post:"))
        #expect(letter.text.contains("Cy commented on Hello, world:"))
        for id in 1...3 {
            #expect(letter.html.contains("href=\"https://weekly.example.org/p/hello-world/comment/\(id)\""))
        }
        #expect(letter.html.contains("<strong>Bob replied on Hello, world</strong>"))
        #expect(letter.html.contains("<blockquote style=\"\(LetterStyle.quote)\">Nice post.</blockquote>"))
    }

    @Test(
        "Given a digest, when written, then it has the exact List-Unsubscribe headers, a visible unsubscribe link, a settings link and the reason, in both parts"
    )
    func digestUnsubscribeAndSettings() throws {
        let message = F.letters.notificationDigest(
            to: F.reader, recipientName: "Rea", items: [F.item(.reply)], unsubscribeURL: F.unsubscribe,
            oneClickUnsubscribeURL: F.oneClick, settingsURL: F.settings)
        #expect(message.headers == [.listUnsubscribe(F.oneClick.absoluteString), .listUnsubscribeOneClick])
        let letter = try ReadLetter(message)
        #expect(letter.mail.header("List-Unsubscribe") == "<https://weekly.example.org/unsubscribe/one-click?token=uns_789>")
        #expect(letter.mail.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
        #expect(letter.text.contains("Unsubscribe: \(F.unsubscribe.absoluteString)"))
        #expect(letter.text.contains("Choose which emails you get: \(F.settings.absoluteString)"))
        #expect(letter.text.contains("because comment notifications are on for your account at The Weekly"))
        #expect(letter.html.contains("href=\"\(F.unsubscribe.absoluteString)\" style=\"\(LetterStyle.link)\">Unsubscribe</a>"))
        #expect(letter.html.contains("href=\"\(F.settings.absoluteString)\""))
        #expect(letter.html.contains("because comment notifications are on for your account at The Weekly"))
    }

    @Test(
        "Given digests of different shapes, when their subjects are chosen, then each subject fits what is inside",
        arguments: [
            ([F.item(.reply, "Bob")], "Bob replied to your comment"),
            ([F.item(.mention, "Dee")], "Dee mentioned you"),
            ([F.item(.follow, "Cy", post: "Tea time")], "Cy commented on Tea time"),
            ([F.item(.reply), F.item(.reply)], "2 new replies on The Weekly"),
            ([F.item(.mention), F.item(.mention), F.item(.mention)], "3 new mentions on The Weekly"),
            ([F.item(.reply), F.item(.mention)], "2 new replies and mentions on The Weekly"),
            ([F.item(.follow, post: "Tea time"), F.item(.follow, post: "Tea time")], "New comments on Tea time"),
            ([F.item(.follow, post: "Tea time"), F.item(.follow, post: "Coffee")], "2 new comments on The Weekly"),
            ([F.item(.reply), F.item(.follow), F.item(.follow)], "3 new replies and comments on The Weekly"),
            ([], "New activity on The Weekly"),
        ])
    func digestSubjects(items: [DigestItem], subject: String) throws {
        let message = F.letters.notificationDigest(
            to: F.reader, recipientName: "Rea", items: items, unsubscribeURL: F.unsubscribe,
            oneClickUnsubscribeURL: F.oneClick, settingsURL: F.settings)
        #expect(message.subject == subject)
        #expect(try ReadLetter(message).subject == subject)
    }

    @Test(
        "Given a long comment with line breaks, when it is in a digest, then its excerpt is one line of at most about 280 characters ending in an ellipsis"
    )
    func digestExcerpt() throws {
        let words = (1...120).map { "word\($0)" }.joined(separator: " ")
        let comment = "First line\n\nSecond\tline \(words)"
        let message = F.letters.notificationDigest(
            to: F.reader, recipientName: "Rea", items: [F.item(.reply, excerpt: comment)],
            unsubscribeURL: F.unsubscribe, oneClickUnsubscribeURL: F.oneClick, settingsURL: F.settings)
        let letter = try ReadLetter(message)
        let quoted = try #require(letter.text.split(separator: "\n").first { $0.hasPrefix("> ") })
        let excerpt = quoted.dropFirst(2)
        #expect(excerpt.hasPrefix("First line Second line word1 word2"))
        #expect(excerpt.hasSuffix("…"))
        #expect(excerpt.count <= 280)
        #expect(excerpt.count > 240)
        #expect(!excerpt.dropLast().hasSuffix(" "))
        #expect(letter.html.contains("<blockquote style=\"\(LetterStyle.quote)\">First line Second line word1"))
    }

    // MARK: Hostile values

    static let hostileNames = [
        "<script>alert(\"x\")</script>",
        "Eve\r\nBcc: victim@example.com",
        "Eve\nX-Injected: yes",
        "\"Quoted\" & 'single' <b>bold</b>",
        "Tab\there\u{0}nul\u{7F}del",
        "Right\u{202E}gnp.exe",
        "Line\u{2028}separator\u{85}next",
    ]

    @Test(
        "Given hostile names, titles and a hostile publication name, when every letter is written, then headers stay intact, subjects are one line and the HTML shows the text escaped",
        arguments: hostileNames)
    func hostileValues(evil: String) throws {
        let letters = Letters(from: F.sender, publicationName: "Pub \(evil)")
        let post = NewsletterPost(
            title: evil, subtitle: evil, authorName: evil, bodyHTML: "<p>Body</p>", bodyText: "Body",
            postURL: F.postURL)
        let items = [F.item(.reply, evil, post: evil, excerpt: evil), F.item(.follow, evil, post: evil, excerpt: evil, id: 2)]
        let messages = [
            letters.signInLink(to: F.reader, link: F.signIn, validMinutes: 15),
            letters.confirmSubscription(to: F.reader, confirmLink: F.confirm),
            letters.newsletter(to: F.reader, post: post, unsubscribeURL: F.unsubscribe, oneClickUnsubscribeURL: F.oneClick),
            letters.notificationDigest(
                to: F.reader, recipientName: evil, items: items, unsubscribeURL: F.unsubscribe,
                oneClickUnsubscribeURL: F.oneClick, settingsURL: F.settings),
            letters.notificationDigest(
                to: F.reader, recipientName: evil, items: [items[0]], unsubscribeURL: F.unsubscribe,
                oneClickUnsubscribeURL: F.oneClick, settingsURL: F.settings),
        ]
        for message in messages {
            #expect(!message.subject.unicodeScalars.contains { $0.properties.generalCategory == .control })
            #expect(!message.subject.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) })
            let letter = try ReadLetter(message)  // MIMEWriter would throw on a CR or LF left in the subject.
            let names = Set(letter.mail.headers.map { $0.name.lowercased() })
            #expect(!names.contains("bcc") && !names.contains("x-injected"))
            #expect(letter.mail.headers.count == (message.headers.isEmpty ? 7 : 9))
            #expect(!letter.html.contains("<script"))
            #expect(!letter.html.contains("<b>bold"))
            #expect(!letter.html.contains("\"Quoted\""))
            #expect(!letter.text.split(separator: "\n").contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Injected:") })
            if evil.contains("<script>") {
                #expect(letter.html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
            }
            if evil.contains("'single'") {
                #expect(letter.html.contains("&quot;Quoted&quot; &amp; &#39;single&#39; &lt;b&gt;bold&lt;/b&gt;"))
            }
        }
    }

    @Test(
        "Given a title thousands of characters long with no spaces, when the newsletter is written, then the subject is shortened and the message is still valid"
    )
    func overlongTitle() throws {
        var post = F.post
        post.title = String(repeating: "A", count: 5_000)
        let message = F.letters.newsletter(to: F.reader, post: post, unsubscribeURL: F.unsubscribe, oneClickUnsubscribeURL: F.oneClick)
        #expect(message.subject.count <= 180)
        #expect(message.subject.hasSuffix("…"))
        let letter = try ReadLetter(message)
        #expect(letter.subject == message.subject)
    }

    @Test("Given every letter, when its HTML is read, then nothing is loaded from anywhere: no images, styles, scripts, frames or fonts")
    func nothingLoaded() throws {
        let messages = [
            F.letters.signInLink(to: F.reader, link: F.signIn, validMinutes: 15),
            F.letters.confirmSubscription(to: F.reader, confirmLink: F.confirm),
            F.letters.newsletter(to: F.reader, post: F.post, unsubscribeURL: F.unsubscribe, oneClickUnsubscribeURL: F.oneClick),
            F.letters.notificationDigest(
                to: F.reader, recipientName: "Rea", items: [F.item(.reply), F.item(.follow)],
                unsubscribeURL: F.unsubscribe, oneClickUnsubscribeURL: F.oneClick, settingsURL: F.settings),
        ]
        for message in messages {
            let html = try #require(message.html).lowercased()
            for forbidden in ["<img", "src=", "url(", "<link", "<style", "<script", "<iframe", "@import", "background-image"] {
                #expect(!html.contains(forbidden), "\(message.subject) contains \(forbidden)")
            }
            #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\">"))
        }
    }

    // MARK: Plain-text shaping

    @Test(
        "Given text with control characters, separators and runs of white space, when made one line, then they become single spaces and the ends are trimmed"
    )
    func oneLine() {
        #expect(PlainText.oneLine("  a\r\nb\t\tc\u{2028}d\u{0}e  ") == "a b c d e")
        #expect(PlainText.oneLine("left\u{202E}right\u{2066}x") == "leftrightx")
        #expect(PlainText.oneLine("\n\n") == "")
        #expect(PlainText.oneLine("Zoë 👩‍👩‍👧") == "Zoë 👩‍👩‍👧")
    }

    @Test("Given short and long texts, when excerpted, then short ones are kept whole and long ones are cut at a word with an ellipsis")
    func excerpts() {
        #expect(PlainText.excerpt("Short.") == "Short.")
        let exact = String(repeating: "x", count: 280)
        #expect(PlainText.excerpt(exact) == exact)
        let unbroken = String(repeating: "y", count: 400)
        #expect(PlainText.excerpt(unbroken) == String(repeating: "y", count: 279) + "…")
        let wordy = String(repeating: "abc ", count: 100)
        let cut = PlainText.excerpt(wordy)
        #expect(cut.hasSuffix("abc…"))
        #expect(cut.count <= 280)
    }
}
