import Foundation
import Testing

@testable import Mail

@Suite("Writing mail to files")
struct FileMailerTests {
    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("parley-mailfiles-\(UUID().uuidString)")
    }

    @Test(
        "Given a folder that does not exist yet, when a message is sent, then one readable .eml named <timestamp>-<id>.eml is there and no temporary file is left"
    )
    func writesEML() async throws {
        let root = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("data/mail")
        let mailer = FileMailer(directory: folder)
        let m = MailMessage(
            from: try MailAddress("news@example.org", name: "Parley News"),
            to: try MailAddress("reader@example.net"),
            subject: "Sign in to Parley — ünïcode", text: "Your link: https://example.org/sign-in/abc\n",
            html: "<p><a href=\"https://example.org/sign-in/abc\">Sign in</a></p>",
            headers: [.listUnsubscribe("https://example.org/u/1"), .listUnsubscribeOneClick])
        try await mailer.send(m)

        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.count == 1)
        let name = try #require(names.first)
        let id = String(m.messageID.prefix { $0 != "@" })
        #expect(name.hasSuffix("-\(id).eml"))
        #expect(name.range(of: #"^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{32}\.eml$"#, options: .regularExpression) != nil, "\(name)")

        let raw = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
        #expect(String(decoding: raw.prefix(6), as: UTF8.self) == "Date: ")
        #expect(shapeProblems(raw) == [])
        let mail = ReadMail(String(decoding: raw, as: UTF8.self))
        #expect(mail.decoded("Subject") == "Sign in to Parley — ünïcode")
        #expect(mail.header("Message-ID") == "<\(m.messageID)>")
        #expect(mail.header("List-Unsubscribe") == "<https://example.org/u/1>")
        #expect(mail.parts.first?.decodedBody == "Your link: https://example.org/sign-in/abc\r\n")
    }

    @Test("Given several messages, when sent one after another, then each gets its own file and names sort in sending order")
    func orderedFiles() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mailer = FileMailer(directory: folder)
        var ids = [String]()
        for i in 1...3 {
            let m = MailMessage(
                from: try MailAddress("news@example.org"), to: try MailAddress("r\(i)@example.net"),
                subject: "n\(i)", text: "body \(i)")
            ids.append(String(m.messageID.prefix { $0 != "@" }))
            try await mailer.send(m)
            try await Task.sleep(for: .milliseconds(3))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count == 3)
        #expect(names.map { String($0.dropLast(4).suffix(32)) } == ids)
    }

    @Test("Given a message with a header injection, when sent to files, then it is refused and nothing is written")
    func refusesInjection() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let m = MailMessage(
            from: try MailAddress("news@example.org"), to: try MailAddress("r@example.net"),
            subject: "x\nBcc: victim@example.com", text: "")
        await #expect(throws: MailError.self) { try await FileMailer(directory: folder).send(m) }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty)
    }

    @Test("Given a folder path that is a file, when sent, then it fails with a temporary I/O error")
    func unwritableFolder() async throws {
        let file = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("not a folder".utf8).write(to: file)
        let m = MailMessage(
            from: try MailAddress("news@example.org"), to: try MailAddress("r@example.net"),
            subject: "x", text: "y")
        do {
            try await FileMailer(directory: file).send(m)
            Issue.record("expected an error")
        } catch let error as MailError {
            guard case .io = error else { Issue.record("expected io, got \(error)"); return }
            #expect(error.isTemporary)
        }
    }
}
