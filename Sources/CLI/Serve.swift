import App
import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `parley serve`: runs the web server.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server.")

    @Option(help: ArgumentHelp("Address to listen on (PARLEY_HOST). Default: 127.0.0.1.", valueName: "address"))
    var host: String?

    @Option(help: ArgumentHelp("Port to listen on (PARLEY_PORT). Default: 8080.", valueName: "port"))
    var port: Int?

    @OptionGroup var site: SiteOptions

    @Option(help: ArgumentHelp("Outgoing mail server: smtp://USER:PASS@HOST:PORT (STARTTLS when offered; ?starttls=required) or smtps://... (PARLEY_SMTP_URL). Default: write mail as .eml files under DATA/mail.", valueName: "url"))
    var smtpURL: String?

    @Option(help: ArgumentHelp("Sender of every email, e.g. \"News <news@example.com>\" (PARLEY_MAIL_FROM).", valueName: "address"))
    var mailFrom: String?

    @Flag(help: "Fill an empty site with a sample publication, posts, members and discussions (PARLEY_DEMO=1).")
    var demo = false

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error, critical (PARLEY_LOG_LEVEL). Default: info.", valueName: "level"))
    var logLevel: String?

    func run() async throws {
        var configuration = site.configuration()
        configuration.host = host ?? EnvironmentSettings.value("HOST") ?? "127.0.0.1"
        let port: Int
        if let flag = self.port {
            guard (0...65535).contains(flag) else { throw fail("--port must be a number from 0 to 65535.") }
            port = flag
        } else if let raw = EnvironmentSettings.value("PORT") {
            guard let value = Int(raw), (0...65535).contains(value) else { throw fail("PARLEY_PORT must be a number from 0 to 65535, not \"\(raw)\".") }
            port = value
        } else {
            port = 8080
        }
        configuration.port = port
        configuration.demo = demo || EnvironmentSettings.flag("DEMO")
        configuration.smtpURL = smtpURL ?? EnvironmentSettings.value("SMTP_URL")
        if let from = mailFrom ?? EnvironmentSettings.value("MAIL_FROM") { configuration.mailFrom = from }
        let levelName = logLevel ?? EnvironmentSettings.value("LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: levelName) else { throw fail("--log-level must be one of trace, debug, info, notice, warning, error, critical.") }
        configuration.logLevel = level
        do {
            let app = try await buildApplication(configuration: configuration)
            try await app.runService()
        } catch let error as SiteOpeningError {
            throw fail(error.description)
        } catch where "\(error)".contains("Address already in use") {
            throw fail("\(configuration.host):\(configuration.port) is already in use; choose another --port.")
        }
    }
}
