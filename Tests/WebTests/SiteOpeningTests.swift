import App
import Foundation
import Testing

/// Which sites a command may open: only `serve` makes one, and `--database` takes only PostgreSQL.
@Suite("Opening a site")
struct SiteOpeningTests {
    @Test(
        "Given a folder that holds no site, when a command other than serve opens it, then it is refused naming the path, and nothing is made"
    )
    func folderWithoutSiteRefused() throws {
        let folder = try TemporaryFolders.make("opening").appendingPathComponent("mistyped")
        let configuration = ParleyConfiguration(dataDirectory: folder.path)
        let error = try #require(throws: SiteOpeningError.self) {
            try SiteOpening.open(configuration, logger: .init(label: "test"), creating: false)
        }
        #expect(error.description.contains(folder.path) && error.description.contains("no Parley site"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("Given a folder that holds no site, when serve opens it, then a new site is made there; afterwards any command may open it")
    func serveMakesTheSite() throws {
        let folder = try TemporaryFolders.make("opening").appendingPathComponent("new")
        let configuration = ParleyConfiguration(dataDirectory: folder.path)
        _ = try SiteOpening.open(configuration, logger: .init(label: "test"), creating: true)
        #expect(FileManager.default.fileExists(atPath: configuration.sqlitePath))
        _ = try SiteOpening.open(configuration, logger: .init(label: "test"), creating: false)
    }

    @Test(
        "Given a --database URL that is not PostgreSQL, when the site is opened, then it is refused without repeating the URL",
        arguments: ["sqlite:///var/lib/parley.sqlite", "mysql://app:secret@127.0.0.1/parley", "file:parley.sqlite"])
    func otherDatabasesRefused(url: String) throws {
        let configuration = ParleyConfiguration(dataDirectory: try TemporaryFolders.make("opening").path, databaseURL: url)
        let error = try #require(throws: SiteOpeningError.self) {
            try SiteOpening.open(configuration, logger: .init(label: "test"), creating: false)
        }
        #expect(error.description.contains("postgres://") && error.description.contains("--database"), "\(error)")
        #expect(!error.description.contains("secret") && !error.description.contains("parley.sqlite"))
    }

    @Test(
        "Given postgres:// or postgresql:// in any case, then it names PostgreSQL",
        arguments: ["postgres://a@h/d", "postgresql://a@h/d", "PostgreSQL://a@h/d"])
    func postgresSchemes(url: String) {
        #expect(SiteOpening.isPostgres(url))
    }
}
