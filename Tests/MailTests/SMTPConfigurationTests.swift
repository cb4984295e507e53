import Foundation
import Testing

@testable import Mail

@Suite("SMTP URLs")
struct SMTPConfigurationTests {
    @Test("Given smtp and smtps URLs without ports, when read, then STARTTLS-if-offered uses 587 and implicit TLS 465")
    func defaults() throws {
        let smtp = try SMTPConfiguration(url: "smtp://mail.example.org")
        #expect(smtp.security == .startTLSIfOffered)
        #expect(smtp.port == 587)
        #expect(smtp.username == nil)
        let smtps = try SMTPConfiguration(url: "smtps://mail.example.org")
        #expect(smtps.security == .implicitTLS)
        #expect(smtps.port == 465)
    }

    @Test("Given a URL with percent-encoded credentials, a port and options, when read, then each part is decoded")
    func full() throws {
        let c = try SMTPConfiguration(
            url: "smtp://news%40example.org:p%40ss%3Aw%2Fo%20rd@smtp.example.org:2525?starttls=required&helo=parley.example.org")
        #expect(c.host == "smtp.example.org")
        #expect(c.port == 2525)
        #expect(c.username == "news@example.org")
        #expect(c.password == "p@ss:w/o rd")
        #expect(c.security == .startTLSRequired)
        #expect(c.heloName == "parley.example.org")
        #expect(try SMTPConfiguration(url: "smtp://relay:25?starttls=never").security == .plainText)
        #expect(try SMTPConfiguration(url: "smtp://[::1]:25").host == "::1")
    }

    @Test(
        "Given bad URLs, when read, then each is refused as a configuration error",
        arguments: [
            "http://mail.example.org", "smtp://", "smtp://host?starttls=maybe", "smtp://host?startls=required",
            "smtps://host?starttls=required", "smtp://host:0", "not a url at all",
        ])
    func refused(url: String) {
        #expect(throws: MailError.self) { try SMTPConfiguration(url: url) }
    }

    @Test("Given a configuration with a password, when printed, dumped or refused, then the password does not appear")
    func passwordHidden() throws {
        let c = try SMTPConfiguration(url: "smtps://user:s3cr3t-pw@mail.example.org")
        #expect(!"\(c)".contains("s3cr3t"))
        #expect(!String(reflecting: c).contains("s3cr3t"))
        var dumped = ""
        dump(c, to: &dumped)
        #expect(!dumped.contains("s3cr3t"))
        #expect("\(c)" == "smtps://user:***@mail.example.org:465")
        let refused = #expect(throws: (any Error).self) {
            _ = try SMTPConfiguration(url: "smtp://user:s3cr3t-pw@mail.example.org?bogus=1")
        }
        #expect(refused.map { !"\($0)".contains("s3cr3t") } == true)
    }

    @Test("Given loopback and other hosts, when checked, then only loopback may receive a password without TLS")
    func loopback() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1"] {
            #expect(SMTPConfiguration(host: host).isLoopback, "\(host)")
        }
        for host in ["mail.example.org", "10.0.0.1", "127.0.0.1.example.org", "128.0.0.1"] {
            #expect(!SMTPConfiguration(host: host).isLoopback, "\(host)")
        }
    }
}
