import App
import ArgumentParser
import Foundation

/// `parley`: one executable for serving a site and working on its data.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "A self-hosted publication with discussions: posts, members, threaded comments.",
        discussion: """
            The server and site flags have PARLEY_ environment twins: PARLEY_HOST, PARLEY_PORT, PARLEY_DATA,
            PARLEY_DATABASE, PARLEY_DEMO, PARLEY_LOG_LEVEL, PARLEY_SMTP_URL, PARLEY_MAIL_FROM, PARLEY_PUBLIC_URL,
            PARLEY_DIGEST_MINUTES, PARLEY_NEWSLETTER_RATE, PARLEY_DELETED_COMMENTS, PARLEY_TRUSTED_PROXIES,
            PARLEY_FORM_MIN_SECONDS, PARLEY_EMBED_ORIGINS, PARLEY_ANONYMOUS_COMMENTS. A flag on the command line wins over its variable.
            """,
        subcommands: [
            Serve.self, UserCommand.self, PostCommand.self, TokenCommand.self, ImportCommand.self, ExportCommand.self,
            BackupCommand.self, RestoreCommand.self, MigrateData.self, SpamCommand.self,
        ]
    )
}

/// The options every command that works on a site takes: where its data lives.
struct SiteOptions: ParsableArguments {
    @Option(
        name: .customLong("data"),
        help: ArgumentHelp(
            "Folder of the SQLite database (uploads included) and of mail written without SMTP (PARLEY_DATA).", valueName: "folder"))
    var data: String?

    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "Database URL; postgres://... selects PostgreSQL (PARLEY_DATABASE). Default: SQLite in the data folder.", valueName: "url"))
    var database: String?

    /// The configuration these options name, filled from the environment where a flag is absent.
    func configuration() -> ParleyConfiguration {
        ParleyConfiguration(
            dataDirectory: data ?? EnvironmentSettings.value("DATA") ?? "./parley-data",
            databaseURL: database ?? EnvironmentSettings.value("DATABASE")
        )
    }
}

/// `--public-url` (or `PARLEY_PUBLIC_URL`): an http(s) address without query or fragment; a
/// trailing slash is dropped. Nil when neither is given.
func publicAddress(_ flag: String?) throws -> String? {
    guard let raw = flag ?? EnvironmentSettings.value("PUBLIC_URL") else { return nil }
    guard let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil,
        url.query == nil, url.fragment == nil, url.user == nil
    else {
        throw fail("--public-url must be an http:// or https:// address like https://news.example.com, not \"\(raw)\".")
    }
    return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
}

/// Prints a refused input or an unopenable site as one clear line and exits with status 1.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
    return ExitCode.failure
}
