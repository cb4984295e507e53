import Domain
import Foundation
import Storage
import StorageSQLite
import Testing

@Suite("Backing up and restoring an SQLite site")
struct SiteBackupTests {
    /// A folder removed after `body`.
    static func withFolder(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-backup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await body(folder)
    }

    /// The numbers of the `w{n}@example.com` subscribers in the database at `path`, in order,
    /// read from a copy so that the file itself is not touched.
    static func writes(in path: String) async throws -> [Int] {
        let copy = path + ".read-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        }
        let store = try SQLiteStore(path: copy)
        defer { try? store.close() }
        let emails = try await store.exportSite().subscribers.map(\.email).filter { $0.hasPrefix("w") }
        return emails.compactMap { Int($0.dropFirst().prefix { $0 != "@" }) }.sorted()
    }

    @Test(
        "Given an SQLite site taking writes on another connection, when a backup is taken, then it holds every write committed before it began, and its writes are one gapless prefix"
    )
    func backupWhileWriting() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/parley.sqlite"
            let server = try SQLiteStore(path: path)
            // Another connection pool on the same file, as `parley backup` is another process.
            let command = try SQLiteStore(path: path)
            let committed = Counter()
            let writer = Task {
                for number in 0..<100_000 {
                    if Task.isCancelled { return }
                    _ = try await server.insertSubscriber(email: "w\(number)@example.com", createdAt: t0)
                    await committed.set(number + 1)
                }
            }
            while await committed.value < 30 { try await Task.sleep(for: .milliseconds(5)) }
            let before = await committed.value
            let report = try await command.backup(to: folder + "/site.backup")
            let after = await committed.value
            writer.cancel()
            _ = await writer.result
            #expect(after > before, "no write committed while the backup ran: the test proves nothing")
            let restored = try await Self.writes(in: folder + "/site.backup")
            #expect(restored.count >= before)
            #expect(restored == Array(0..<restored.count))
            #expect(report.counts["subscribers"] == restored.count)
            #expect(!FileManager.default.fileExists(atPath: folder + "/site.backup.partial-\(ProcessInfo.processInfo.processIdentifier)"))
        }
    }

    actor Counter {
        var value = 0
        func set(_ new: Int) { value = new }
    }

    @Test("Given a backup file that exists, when a backup is taken to it, then it is refused and the file is untouched")
    func refusesExistingFile() async throws {
        try await Self.withFolder { folder in
            let store = try SQLiteStore(path: folder + "/parley.sqlite")
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: folder + "/taken"))
            await #expect(throws: SQLiteBackupError.self) { try await store.backup(to: folder + "/taken") }
            #expect(try String(contentsOfFile: folder + "/taken", encoding: .utf8) == "keep me")
        }
    }

    @Test(
        "Given a backup, when it is restored into a new folder, then the site opens with its rows; into a folder holding a site, only when replacing, and the old database is kept"
    )
    func restore() async throws {
        try await Self.withFolder { folder in
            let store = try SQLiteStore(path: folder + "/live.sqlite")
            for number in 0..<5 { _ = try await store.insertSubscriber(email: "w\(number)@example.com", createdAt: t0) }
            _ = try await store.backup(to: folder + "/site.backup")
            let backupBytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/site.backup"))
            let target = folder + "/new/parley.sqlite"
            let report = try await SQLiteRestore.restore(backup: folder + "/site.backup", to: target, replacing: false)
            #expect(report.counts["subscribers"] == 5 && report.replacedKeptAt == nil)
            let reopened = try SQLiteStore(path: target)
            #expect(try await reopened.subscriber(email: "w4@example.com") != nil)
            try reopened.close()
            await #expect(throws: SQLiteBackupError.self) {
                try await SQLiteRestore.restore(backup: folder + "/site.backup", to: target, replacing: false)
            }
            let replaced = try await SQLiteRestore.restore(backup: folder + "/site.backup", to: target, replacing: true)
            let kept = try #require(replaced.replacedKeptAt)
            #expect(try await Self.writes(in: kept) == Array(0..<5))
            #expect(try await Self.writes(in: target) == Array(0..<5))
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/site.backup")) == backupBytes, "the backup itself changed")
        }
    }

    @Test("Given a file that is not a database, when it is restored, then it is refused and no database is left")
    func refusesJunk() async throws {
        try await Self.withFolder { folder in
            try Data(repeating: 0x41, count: 8_192).write(to: URL(fileURLWithPath: folder + "/junk"))
            await #expect(throws: SQLiteBackupError.self) {
                try await SQLiteRestore.restore(backup: folder + "/junk", to: folder + "/site/parley.sqlite", replacing: false)
            }
            #expect(!FileManager.default.fileExists(atPath: folder + "/site/parley.sqlite"))
        }
    }
}
