import App
import ArgumentParser
import Foundation

/// `parley migrate-data`: moves a site from its SQLite data folder into PostgreSQL.
struct MigrateData: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-data",
        abstract: "Copy a whole site from the SQLite data folder into an empty PostgreSQL database.",
        discussion:
            "The copy is one transaction; afterwards the row counts and sample rows of both sides are compared. Stop the servers first: writes made during the copy are not carried over."
    )

    @Option(help: ArgumentHelp("The PostgreSQL database to copy into (postgres://USER:PW@HOST:PORT/DB).", valueName: "url"))
    var to: String

    @Flag(help: "Erase the target database's site first when it is not empty.")
    var force = false

    @OptionGroup var site: SiteOptions

    func run() async throws {
        var source = site.configuration()
        guard source.databaseURL?.isEmpty ?? true else {
            throw fail("migrate-data copies from the SQLite data folder (--data); leave --database unset.")
        }
        source.databaseURL = nil
        guard SiteOpening.isPostgres(to) else { throw fail("--to must be a postgres:// URL.") }
        var target = source
        target.databaseURL = to
        let force = self.force
        let into = target
        do {
            let report = try await SiteOpening.withSite(source) { from, _ in
                // The target is made here: an empty database becomes the site.
                try await SiteOpening.withSite(into, creating: true) { targetSite, _ in
                    try await SiteMigration.copy(from: from.store, to: targetSite.store, force: force)
                }
            }
            print("Copied the site into PostgreSQL; \(report.sampledRows) sample rows compared equal.")
            for table in report.sourceCounts.keys.sorted() {
                print(
                    "  \(table.padding(toLength: 12, withPad: " ", startingAt: 0)) \(report.sourceCounts[table] ?? 0) → \(report.targetCounts[table] ?? 0)"
                )
            }
        } catch let error as MigrationError {
            throw fail(error.description)
        } catch let error as SiteOpeningError {
            throw fail(error.description)
        }
    }
}
