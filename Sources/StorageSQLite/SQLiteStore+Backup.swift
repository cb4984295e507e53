import Foundation
import GRDB
import Storage

extension SQLiteStore: SiteBackup {
    /// `VACUUM INTO` a file next to `path`, synced, checked, then renamed into place: the copy is
    /// of one WAL snapshot, so it holds every transaction committed before it began and none
    /// after, while the server goes on writing (a reader does not block the writer in WAL mode).
    public func backup(to path: String) async throws -> BackupReport {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw SQLiteBackupError("\(path) exists already; choose a new file name")
        }
        let partial = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: partial)
        // Readable by its owner only: the copy holds password hashes and the site's signing
        // secret. `VACUUM INTO` fills an empty file it is given, keeping its mode.
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw SQLiteBackupError("cannot write \(partial)")
        }
        do {
            // VACUUM refuses to run inside a transaction; on the writer connection of this process
            // it still reads one snapshot, and other processes' writes go on meanwhile.
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [partial])
            }
            try FileSync.sync(partial)
            let counts = try Self.checkedCounts(atPath: partial)
            try FileManager.default.moveItem(atPath: partial, toPath: path)
            try FileSync.sync(FileSync.folder(of: path))
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
            return BackupReport(bytes: size, counts: counts)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Opens a copy read-only, checks every page (`quick_check`) and that it is a Parley
    /// database, and counts its main tables.
    static func checkedCounts(atPath path: String) throws -> [String: Int] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
            guard check == ["ok"] else { throw SQLiteBackupError("\(path) is damaged: \(check.prefix(3).joined(separator: "; "))") }
            guard try db.tableExists("grdb_migrations"), try db.tableExists("members") else {
                throw SQLiteBackupError("\(path) is an SQLite database, but not a Parley site's")
            }
            var counts: [String: Int] = [:]
            for table in ["members", "posts", "comments", "subscribers", "uploads"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }
}

/// Flushing to the disk, so a copy reported done survives a power cut.
enum FileSync {
    /// Flushes a file's bytes, or a folder's entries (a rename in it).
    static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw SQLiteBackupError("cannot open \(path) to sync it (errno \(errno))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw SQLiteBackupError("cannot sync \(path) (errno \(errno))") }
    }

    /// The folder a path is in, for syncing a rename.
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}

/// Why a backup or a restore of an SQLite site did not happen, in a sentence for the operator.
public struct SQLiteBackupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
