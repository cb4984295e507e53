import Foundation
import Importers
import Testing

@Suite("remark42 reader")
struct Remark42ReaderTests {
    private func readFixture() throws -> ReadRecords {
        try ReadRecords.read(Remark42Reader(), Fixture.url("remark42-backup.jsonl"))
    }

    @Test("Given a remark42 backup, then each page is a thread keyed by its URL, before its comments")
    func threads() throws {
        let read = try readFixture()
        #expect(
            read.threads == [
                ImportedThread(
                    externalID: "https://podcast.example/episodes/42/", url: "https://podcast.example/episodes/42/",
                    title: "Episode 42: Clocks"),
                ImportedThread(
                    externalID: "https://podcast.example/episodes/43/", url: "https://podcast.example/episodes/43/",
                    title: "Episode 43: Tides"),
            ])
        if case .thread = read.records.first {} else { Issue.record("the first record is a thread") }
    }

    @Test("Given remark42 comments, then parents, users, votes, zones and HTML are kept")
    func comments() throws {
        let read = try readFixture()
        let first = try #require(read.comment("c0ffee00-0000-4000-8000-000000000001"))
        #expect(first.parentExternalID == nil)
        // The email comes from the metadata line
        #expect(first.author == ImportedAuthor(name: "Mira Patel", email: "mira@example.com", externalID: "github_5a1b2c3d"))
        #expect((first.likes, first.dislikes) == (2, 0))
        #expect(first.createdAt == utc("2023-03-14T14:26:53.589Z"))
        #expect(first.body == .html("<p>Great episode! The part about <strong>tide clocks</strong> was new to me.</p>\n"))
        let reply = try #require(read.comment("c0ffee00-0000-4000-8000-000000000002"))
        #expect(reply.parentExternalID == first.externalID)
        #expect((reply.likes, reply.dislikes) == (0, 1))
        #expect(reply.createdAt == utc("2023-03-14T14:00:00Z"))
        // A score without votes counts as likes; nanoseconds and half-hour zones are read
        let scored = try #require(read.comment("c0ffee00-0000-4000-8000-000000000004"))
        #expect(scored.likes == 3)
        #expect(abs(scored.createdAt.timeIntervalSince(utc("2023-03-14T17:00:00.123Z"))) < 0.001)
        #expect(scored.author.email == nil)
    }

    @Test("Given deleted, orphan and id-less comments, then each is emitted as the file says")
    func oddComments() throws {
        let read = try readFixture()
        #expect(read.comment("c0ffee00-0000-4000-8000-000000000003")?.state == .deleted)
        #expect(read.comment("c0ffee00-0000-4000-8000-000000000005")?.parentExternalID == "c0ffee00-0000-4000-8000-0000000000ff")
        #expect(read.comment("c0ffee00-0000-4000-8000-000000000005")?.author.name == "Мира")
        #expect(read.comment("")?.author.externalID == "disqus_olduser")
        #expect(read.comments.count == 6)
    }

    @Test("Given damaged lines, then each is skipped with its reason and the rest is read")
    func damaged() throws {
        let read = try readFixture()
        #expect(
            read.skipped.map(\.reason) == [
                "comment without a page URL", "line that is not a remark42 record", "comment with an unreadable date",
            ])
    }

    @Test("Given the backup gzip-compressed, as remark42 writes it, then it is read the same")
    func compressed() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("backup-podcast-20230501.gz")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-c", try Fixture.url("remark42-backup.jsonl").path]
        FileManager.default.createFile(atPath: copy.path, contents: nil)
        gzip.standardOutput = try FileHandle(forWritingTo: copy)
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)
        let read = try ReadRecords.read(Remark42Reader(), copy)
        #expect(read.records == (try readFixture()).records)
    }

    @Test("Given a file that is not a remark42 backup, then reading fails clearly")
    func notRemark42() throws {
        #expect(throws: ImportError.self) { try ReadRecords.read(Remark42Reader(), Fixture.url("disqus-export.xml")) }
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = try Fixture.write("", named: "empty.jsonl", in: directory)
        #expect(throws: ImportError.self) { try ReadRecords.read(Remark42Reader(), empty) }
    }
}
