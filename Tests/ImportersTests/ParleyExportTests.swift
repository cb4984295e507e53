import Domain
import Foundation
import Storage
import StorageSQLite
import Testing

@testable import Importers

@Suite("Parley export and import")
struct ParleyExportTests {
    /// Exports `store` to a file in `folder` and returns its bytes.
    static func export(_ store: any SiteStore, to file: URL) async throws -> Data {
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        try await ParleyExport.run(store: store) { try handle.write(contentsOf: $0) }
        try handle.close()
        return try Data(contentsOf: file)
    }

    @Test(
        "Given a site with something in every table, when it goes SQLite → export → SQLite → export, then both exports are the same bytes and the copy holds every row but the sessions"
    )
    func sqliteRoundTrip() async throws {
        try await ExportTestSites.withFolder { folder in
            let original = try ExportTestSites.sqlite(in: folder, name: "a.sqlite")
            try await original.importSite(ExportFixtures.site, replacingExisting: false)
            let first = try await Self.export(original, to: folder.appendingPathComponent("a.jsonl"))
            let copy = try ExportTestSites.sqlite(in: folder, name: "b.sqlite")
            let summary = try await ParleyImport.run(file: folder.appendingPathComponent("a.jsonl"), store: copy, progress: nil)
            #expect(summary.imported.first { $0.label == "comments" }?.count == 4)
            #expect(try await copy.exportSite() == ExportFixtures.siteWithoutSessions)
            let second = try await Self.export(copy, to: folder.appendingPathComponent("b.jsonl"))
            #expect(first == second)
        }
    }

    @Test(
        "Given a site with something in every table, when it goes SQLite → export → PostgreSQL → export → SQLite → export, then the three exports are the same bytes and each site holds every row but the sessions",
        .enabled(if: ExportTestSites.postgresURL != nil, "TEST_POSTGRES_URL is not set"))
    func sqlitePostgresSqliteRoundTrip() async throws {
        try await ExportTestSites.withFolder { folder in
            let original = try ExportTestSites.sqlite(in: folder, name: "a.sqlite")
            try await original.importSite(ExportFixtures.site, replacingExisting: false)
            let first = try await Self.export(original, to: folder.appendingPathComponent("1.jsonl"))
            let second = try await ExportTestSites.withPostgres { postgres in
                _ = try await ParleyImport.run(file: folder.appendingPathComponent("1.jsonl"), store: postgres, progress: nil)
                #expect(try await postgres.exportSite() == ExportFixtures.siteWithoutSessions)
                return try await Self.export(postgres, to: folder.appendingPathComponent("2.jsonl"))
            }
            let last = try ExportTestSites.sqlite(in: folder, name: "c.sqlite")
            _ = try await ParleyImport.run(file: folder.appendingPathComponent("2.jsonl"), store: last, progress: nil)
            #expect(try await last.exportSite() == ExportFixtures.siteWithoutSessions)
            let third = try await Self.export(last, to: folder.appendingPathComponent("3.jsonl"))
            #expect(first == second)
            #expect(second == third)
            // And the copy keeps working: new ids continue after the copied ones.
            let member = try await last.insertMember(
                NewMember(email: "new@example.com", displayName: "New", role: .member, passwordHash: nil, createdAt: Date()))
            #expect(member.id.rawValue > 5)
        }
    }

    @Test("Given an export, then its first line is the header, its last the end line counting the records, and no line holds the session")
    func fileShape() async throws {
        try await ExportTestSites.withFolder { folder in
            let store = try ExportTestSites.sqlite(in: folder)
            try await store.importSite(ExportFixtures.site, replacingExisting: false)
            let bytes = try await Self.export(store, to: folder.appendingPathComponent("site.jsonl"))
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first == #"{"type":"header","format":"parley-export","version":1}"#)
            #expect(lines.last == "")
            let records = lines.dropFirst().dropLast(2)
            #expect(lines[lines.count - 2] == #"{"type":"end","records":\#(records.count)}"#)
            #expect(records.allSatisfy { $0.hasPrefix(#"{"type":""#) })
            #expect(!records.contains { $0.contains("session-hash") })
            let member = try #require(records.first { $0.hasPrefix(#"{"type":"member""#) })
            #expect(member.contains(#""created_at":"2026-01-01T00:00:00.123Z""#))
            #expect(member.contains(#""password_hash":"$2b$12$abcdefghijklmnopqrstuv""#))
            let upload = try #require(records.first { $0.hasPrefix(#"{"type":"upload""#) })
            #expect(upload.contains(#""bytes":"\#(ExportFixtures.gif.base64EncodedString())""#))
        }
    }

    @Test("Given a site that holds members, when an export is imported into it, then it is refused and nothing changes")
    func refusesNonEmptySite() async throws {
        try await ExportTestSites.withFolder { folder in
            let store = try ExportTestSites.sqlite(in: folder)
            try await store.importSite(ExportFixtures.site, replacingExisting: false)
            let file = folder.appendingPathComponent("site.jsonl")
            _ = try await Self.export(store, to: file)
            let before = try await store.exportSite()
            await #expect(throws: ImportError.siteNotEmpty) {
                try await ParleyImport.run(file: file, store: store, progress: nil)
            }
            #expect(try await store.exportSite() == before)
        }
    }

    /// A good export of the fixture site, changed by `edit`, imported into an empty site: the
    /// error, and whether the site stayed empty.
    static func importEdited(_ edit: ([String]) -> [String]) async throws -> (ImportError?, Bool) {
        try await ExportTestSites.withFolder { folder in
            let source = try ExportTestSites.sqlite(in: folder, name: "source.sqlite")
            try await source.importSite(ExportFixtures.site, replacingExisting: false)
            let bytes = try await export(source, to: folder.appendingPathComponent("good.jsonl"))
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
            let file = folder.appendingPathComponent("edited.jsonl")
            try Data(edit(lines).map { $0 + "\n" }.joined().utf8).write(to: file)
            let target = try ExportTestSites.sqlite(in: folder, name: "target.sqlite")
            do {
                _ = try await ParleyImport.run(file: file, store: target, progress: nil)
                return (nil, try await target.isEmptySite())
            } catch let error as ImportError {
                return (error, try await target.isEmptySite())
            }
        }
    }

    @Test(
        "Given a damaged export, when it is imported, then it is refused with the line and the reason, and the site stays empty",
        arguments: [
            ("cut short", "before its end line"),
            ("newer version", "version 2"),
            ("unknown type", "line 3: unknown record type \"gizmo\""),
            ("unknown role", "role \"emperor\""),
            ("missing field", "line 5: the field email is missing"),
            ("bad time", "is not a time"),
            ("broken reference", "do not fit together"),
            ("not an export", "not a Parley export's header"),
        ])
    func refusesDamagedExports(damage: String, expected: String) async throws {
        let (error, empty) = try await Self.importEdited { lines in
            var lines = lines
            let member = lines.firstIndex { $0.hasPrefix(#"{"type":"member""#) }!
            switch damage {
            case "cut short": lines.removeLast(3)
            case "newer version": lines[0] = #"{"type":"header","format":"parley-export","version":2}"#
            case "unknown type": lines[2] = #"{"type":"gizmo","id":1}"#
            case "unknown role": lines[member] = lines[member].replacingOccurrences(of: #""role":"owner""#, with: #""role":"emperor""#)
            case "missing field": lines[member] = lines[member].replacingOccurrences(of: #""email":"ada@example.com","#, with: "")
            case "bad time": lines[member] = lines[member].replacingOccurrences(of: "2026-01-01T00:00:00.123Z", with: "yesterday")
            case "broken reference":
                let like = lines.firstIndex { $0.hasPrefix(#"{"type":"like""#) }!
                lines[like] = lines[like].replacingOccurrences(of: #""comment_id":1"#, with: #""comment_id":999"#)
            default: lines = ["<?xml version=\"1.0\"?>"]
            }
            return lines
        }
        let message = try #require(error).description
        #expect(message.contains(expected), "\(message)")
        #expect(empty)
    }

    @Test("Given times, then the export writes them in UTC with milliseconds and reads them back to the same millisecond")
    func times() throws {
        for millis: Int64 in [0, 1, 999, 1_767_225_600_123, -1, -86_400_001, 951_782_400_000, 4_102_444_799_999] {
            let text = ExportTime.text(milliseconds: millis)
            #expect(ExportTime.milliseconds(text) == millis, "\(millis) as \(text)")
        }
        #expect(ExportTime.text(Date(millisecondsSince1970: 1_767_225_600_123)) == "2026-01-01T00:00:00.123Z")
        #expect(ExportTime.text(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
        #expect(ExportTime.text(milliseconds: 951_782_400_000) == "2000-02-29T00:00:00.000Z")
        for bad in [
            "2026-01-01T00:00:00Z", "2026-13-01T00:00:00.000Z", "2026-01-01 00:00:00.000Z", "2026-02-31T00:00:00.000Z",
            "２026-01-01T00:00:00.000Z", "",
        ] {
            #expect(ExportTime.milliseconds(bad) == nil, "\(bad)")
        }
    }
}
