import App
import ArgumentParser
import Foundation

/// `parley backup FILE`: a consistent copy of the SQLite database while the server runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Take a consistent copy of the SQLite database while the server runs.",
        discussion: """
            The copy is of one moment: every write acknowledged before the backup began is in it. It is synced to disk and \
            checked before the command says it is done. Restore it with `parley restore FILE --data FOLDER`. A PostgreSQL \
            site is backed up with pg_dump instead (docs/OPERATIONS.md).
            """)

    @Argument(help: ArgumentHelp("The file to write; it must not exist yet.", valueName: "file"))
    var file: String

    @OptionGroup var site: SiteOptions

    func run() async throws {
        do {
            let report = try await SiteBackups.backup(site.configuration(), to: file)
            let counts = report.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            print("Backed up to \(file) (\(report.bytes) bytes): \(counts).")
        } catch let error as SiteOpeningError {
            throw fail(error.description)
        }
    }
}

/// `parley restore FILE`: puts a backup in place as a data folder's database.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Put a backup taken by `parley backup` in place as the site's database.",
        discussion: """
            Stop the server first: a database another process has open is refused. A data folder that holds a site is \
            refused unless --force, and then its database is kept beside the new one as parley.sqlite.replaced-TIME.
            """)

    @Argument(help: ArgumentHelp("The backup file (it is not changed).", valueName: "file"))
    var file: String

    @Flag(help: "Replace the site the data folder holds (kept as parley.sqlite.replaced-TIME).")
    var force = false

    @OptionGroup var site: SiteOptions

    func run() async throws {
        let configuration = site.configuration()
        do {
            let report = try await SiteBackups.restore(configuration, from: file, replacing: force)
            let counts = report.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            print("Restored \(file) into \(configuration.sqlitePath): \(counts).")
            if let kept = report.replacedKeptAt { print("The database it replaced is kept as \(kept).") }
        } catch let error as SiteOpeningError {
            throw fail(error.description)
        }
    }
}
