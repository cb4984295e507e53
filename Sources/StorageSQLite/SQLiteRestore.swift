import Foundation
import GRDB
import Storage

/// `parley restore FILE`: puts a backup (`parley backup`) in place as a data folder's database.
///
/// The backup is never changed: it is copied next to the database, opened there (which brings
/// an older schema up to date and refuses a newer one), checked, synced, and only then renamed
/// over the database. A database in use by another process (a running server, a command) is
/// refused; one that holds a site is refused unless `replacing`, and then kept beside the new
/// one as `parley.sqlite.replaced-TIME` rather than deleted.
public enum SQLiteRestore {
    /// What the restore did.
    public struct Report: Sendable {
        /// The backup's main tables, counted in the restored database.
        public var counts: [String: Int]
        /// Where the database that was replaced now is; nil when there was none.
        public var replacedKeptAt: String?
    }

    public static func restore(backup: String, to database: String, replacing: Bool, now: Date = Date()) async throws -> Report {
        guard FileManager.default.fileExists(atPath: backup) else { throw SQLiteBackupError("there is no file \(backup)") }
        // Checked before anything is copied: a wrong file is refused at once.
        do {
            _ = try SQLiteStore.checkedCounts(atPath: backup)
        } catch let error as DatabaseError {
            throw SQLiteBackupError("\(backup) is not a Parley backup: \(error.message ?? "\(error)")")
        }
        let exists = FileManager.default.fileExists(atPath: database)
        if exists {
            if try inUse(database) {
                throw SQLiteBackupError(
                    "\(database) is open in another process (a running `parley serve`?); stop it, then restore")
            }
            let holdsSite = try await SQLiteStore.withStore(at: database) { try await $0.isEmptySite() == false }
            guard !holdsSite || replacing else {
                throw SQLiteBackupError(
                    "\(database) holds a site; add --force to replace it (it is kept as \(database).replaced-TIME)")
            }
        } else {
            try FileManager.default.createDirectory(atPath: FileSync.folder(of: database), withIntermediateDirectories: true)
        }
        let incoming = database + ".restoring"
        try? FileManager.default.removeItem(atPath: incoming)
        do {
            try FileManager.default.copyItem(atPath: backup, toPath: incoming)
            // Opening migrates an older backup and refuses a newer one; closing the only
            // connection checkpoints the WAL, so the one file holds everything.
            try await SQLiteStore.withStore(at: incoming) { _ in }
            let counts = try SQLiteStore.checkedCounts(atPath: incoming)
            try FileSync.sync(incoming)
            var keptAt: String?
            if exists {
                // Folded into the file first, so the kept copy is whole and no stale WAL is
                // left for the new database to pick up.
                try await SQLiteStore.withStore(at: database) { _ in }
                let kept = database + ".replaced-" + stamp(now)
                try FileManager.default.moveItem(atPath: database, toPath: kept)
                keptAt = kept
            }
            for leftover in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + leftover) }
            try FileManager.default.moveItem(atPath: incoming, toPath: database)
            try FileSync.sync(FileSync.folder(of: database))
            return Report(counts: counts, replacedKeptAt: keptAt)
        } catch {
            try? FileManager.default.removeItem(atPath: incoming)
            for leftover in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: incoming + leftover) }
            throw error
        }
    }

    /// Whether another process has the database open: every connection to a WAL database holds
    /// a shared lock on one byte of its `-shm` file (SQLite's "DMS" slot, offset 128) for as long
    /// as it is open, so a lock there means someone is using it. POSIX locks of this process are
    /// not seen, which is right: this process has not opened it.
    public static func inUse(_ database: String) throws -> Bool {
        let shm = database + "-shm"
        let descriptor = open(shm, O_RDONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var probe = flock()
        probe.l_type = Int16(F_WRLCK)
        probe.l_whence = Int16(SEEK_SET)
        probe.l_start = 128
        probe.l_len = 1
        guard fcntl(descriptor, F_GETLK, &probe) == 0 else {
            throw SQLiteBackupError("cannot tell whether \(database) is in use (errno \(errno))")
        }
        return probe.l_type != Int16(F_UNLCK)
    }

    /// A time for a file name: 20260301T093000Z.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}

extension SQLiteStore {
    /// Opens the database at `path`, runs `body`, and closes it.
    static func withStore<T>(at path: String, _ body: (SQLiteStore) async throws -> T) async throws -> T {
        let store = try SQLiteStore(path: path)
        do {
            let result = try await body(store)
            try store.close()
            return result
        } catch {
            try? store.close()
            throw error
        }
    }
}
