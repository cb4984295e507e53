import App
import ArgumentParser
import Domain
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

    @Option(
        help: ArgumentHelp(
            "Outgoing mail server: smtp://USER:PASS@HOST:PORT (STARTTLS when offered; ?starttls=required) or smtps://... (PARLEY_SMTP_URL). Default: write mail as .eml files under DATA/mail.",
            valueName: "url"))
    var smtpURL: String?

    @Option(
        help: ArgumentHelp(
            "Sender of every email, e.g. news@example.com or \"News <news@example.com>\"; without a name, the publication's sender name or name from its settings (PARLEY_MAIL_FROM).",
            valueName: "address"))
    var mailFrom: String?

    @Option(
        help: ArgumentHelp(
            "The site's public address, for links in email, e.g. https://news.example.com (PARLEY_PUBLIC_URL). Default: http://HOST:PORT.",
            valueName: "url"))
    var publicURL: String?

    @Option(
        help: ArgumentHelp(
            "Send followed discussions' new comments, and staff what waits for moderation, as digests at most every N minutes (PARLEY_DIGEST_MINUTES). Default: 30.",
            valueName: "minutes"))
    var digestMinutes: Int?

    @Option(
        help: ArgumentHelp(
            "Queue at most N newsletter emails per minute, per instance (PARLEY_NEWSLETTER_RATE). Default: 600.", valueName: "per-minute"))
    var newsletterRate: Int?

    @Option(
        help: ArgumentHelp(
            "When a member deletes their account: 'remove' deletes their comments (a \"Comment deleted\" placeholder stays where others replied), 'placeholders' keeps every one as a placeholder (PARLEY_DELETED_COMMENTS). Default: remove.",
            valueName: "mode"))
    var deletedComments: String?

    @Option(
        help: ArgumentHelp(
            "Reverse proxies whose X-Forwarded-For is believed, as addresses or CIDR blocks, e.g. 127.0.0.1,10.0.0.0/8,fd00::/8 (PARLEY_TRUSTED_PROXIES). The client is the rightmost address that is not one of them. Default: none (the connection's peer is the client).",
            valueName: "CIDR,..."))
    var trustedProxies: String?

    @Option(
        help: ArgumentHelp(
            "Sites whose pages may embed the discussions (embed.js), as origins, e.g. https://blog.example.com,http://localhost:1313 (PARLEY_EMBED_ORIGINS); added to those of the publication's settings. Default: none.",
            valueName: "origin,..."))
    var embedOrigins: String?

    @Option(
        help: ArgumentHelp(
            "Seconds a subscribe or sign-in form must have been shown before it is accepted; faster is taken for a script (PARLEY_FORM_MIN_SECONDS). 0 turns the check off. Default: 2.",
            valueName: "seconds"))
    var formMinSeconds: Double?

    @Flag(
        help:
            "Take anonymous comments (a name, and optionally an email and a website) through the Isso API at /isso/, whatever the dashboard's setting says (PARLEY_ANONYMOUS_COMMENTS=1)."
    )
    var anonymousComments = false

    @Flag(help: "Fill an empty site with a sample publication, posts, members and discussions (PARLEY_DEMO=1).")
    var demo = false

    @Flag(
        help:
            "Let webhooks reach loopback and private addresses, and plain http:// ones (PARLEY_WEBHOOKS_ALLOW_PRIVATE=1): for a receiver on this machine or network, and for tests."
    )
    var webhooksAllowPrivate = false

    @Option(
        help: ArgumentHelp(
            "Log level: trace, debug, info, notice, warning, error, critical (PARLEY_LOG_LEVEL). Default: info.", valueName: "level"))
    var logLevel: String?

    func run() async throws {
        var configuration = site.configuration()
        configuration.host = host ?? EnvironmentSettings.value("HOST") ?? "127.0.0.1"
        configuration.port = try number(port, env: "PORT", flag: "--port", range: 0...65535, default: 8080)
        configuration.demo = demo || EnvironmentSettings.flag("DEMO")
        configuration.webhooksAllowPrivate = webhooksAllowPrivate || EnvironmentSettings.flag("WEBHOOKS_ALLOW_PRIVATE")
        configuration.anonymousComments = anonymousComments || EnvironmentSettings.flag("ANONYMOUS_COMMENTS")
        configuration.smtpURL = smtpURL ?? EnvironmentSettings.value("SMTP_URL")
        if let from = mailFrom ?? EnvironmentSettings.value("MAIL_FROM") { configuration.mailFrom = from }
        configuration.publicURL = try publicAddress(publicURL)
        configuration.digestMinutes = try number(
            digestMinutes, env: "DIGEST_MINUTES", flag: "--digest-minutes", range: 1...1440, default: 30)
        configuration.newsletterPerMinute = try number(
            newsletterRate, env: "NEWSLETTER_RATE", flag: "--newsletter-rate", range: 1...100_000, default: 600)
        let mode = deletedComments ?? EnvironmentSettings.value("DELETED_COMMENTS") ?? "remove"
        guard let deletion = DeletedAccountComments(rawValue: mode) else {
            throw fail("--deleted-comments must be remove or placeholders, not \"\(mode)\".")
        }
        configuration.deletedComments = deletion
        let proxies = trustedProxies ?? EnvironmentSettings.value("TRUSTED_PROXIES") ?? ""
        do {
            configuration.trustedProxies = try IPRange.list(proxies)
        } catch let error as InvalidIPRange {
            throw fail("--trusted-proxies takes addresses or CIDR blocks like 10.0.0.0/8, not \"\(error.text)\".")
        }
        configuration.embedOrigins = try origins(embedOrigins ?? EnvironmentSettings.value("EMBED_ORIGINS") ?? "")
        configuration.formMinimumSeconds = try seconds(formMinSeconds, env: "FORM_MIN_SECONDS", flag: "--form-min-seconds", default: 2)
        let levelName = logLevel ?? EnvironmentSettings.value("LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: levelName) else {
            throw fail("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
        }
        configuration.logLevel = level
        do {
            let app = try await buildApplication(configuration: configuration)
            try await app.runService()
        } catch let error as SiteOpeningError {
            throw fail(error.description)
        } catch  where "\(error)".contains("Address already in use") {
            throw fail("\(configuration.host):\(configuration.port) is already in use; choose another --port.")
        }
    }

    /// `--embed-origins`: comma-separated origins, each as browsers send it in `Origin`.
    private func origins(_ raw: String) throws -> [String] {
        var origins: [String] = []
        for item in raw.split(separator: ",") where !item.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let origin = try? EmbedOrigin.normalize(String(item)) else {
                throw fail("--embed-origins takes origins like https://blog.example.com or http://localhost:1313, not \"\(item)\".")
            }
            if !origins.contains(origin) { origins.append(origin) }
        }
        return origins
    }

    /// A number of seconds from 0 to 60, with its `PARLEY_` twin.
    private func seconds(_ flag: Double?, env: String, flag name: String, default value: Double) throws -> Double {
        guard let given = flag ?? EnvironmentSettings.value(env).map({ Double($0) ?? -1 }) else { return value }
        guard given.isFinite, (0...60).contains(given) else {
            throw fail("\(name) (PARLEY_\(env)) must be a number of seconds from 0 to 60.")
        }
        return given
    }

    /// A whole number flag with its `PARLEY_` twin, checked against `range`.
    private func number(_ flag: Int?, env: String, flag name: String, range: ClosedRange<Int>, default value: Int) throws -> Int {
        if let flag {
            guard range.contains(flag) else { throw fail("\(name) must be a number from \(range.lowerBound) to \(range.upperBound).") }
            return flag
        }
        if let raw = EnvironmentSettings.value(env) {
            guard let parsed = Int(raw), range.contains(parsed) else {
                throw fail("PARLEY_\(env) must be a number from \(range.lowerBound) to \(range.upperBound), not \"\(raw)\".")
            }
            return parsed
        }
        return value
    }
}
