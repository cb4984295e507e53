import Foundation
import Logging
import UseCases

/// What the log says when the site has no owner yet: where to set it up. A browser on this
/// machine sees the setup form on the home page; anyone else needs the one-time link, which
/// works until the owner exists. Every instance prints the same link (one token per site).
enum FirstRunNotice {
    static func log(actions: Actions, configuration: ParleyConfiguration, logger: Logger) async throws {
        guard try await actions.needsOwner() else { return }
        let notice = try await message(actions: actions, configuration: configuration)
        logger.notice("\(notice)")
    }

    /// The notice's words. The home page invites a browser on this machine only when the
    /// server listens on loopback or on every address (`0.0.0.0`, `::`: then reached locally at
    /// 127.0.0.1); a server bound to another address is offered the link alone, whose host is
    /// the public URL's or, listening on every address, one only the operator knows.
    static func message(actions: Actions, configuration: ParleyConfiguration) async throws -> String {
        let link = actions.mail.link(try await actions.setupPath())
        let host = configuration.host
        let wildcard = ["0.0.0.0", "::", "[::]", ""].contains(host)
        let loopback = host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let elsewhere =
            wildcard && configuration.publicURL == nil ? " (with this machine's address in place of \(bracketed))" : ""
        guard wildcard || loopback else {
            return "This site has no owner yet. Create it with this one-time setup link: \(link)"
        }
        let local = "http://\(wildcard ? "127.0.0.1" : bracketed):\(configuration.port)/"
        return "This site has no owner yet. Open \(local) in a browser on this machine to create it, "
            + "or from anywhere this one-time setup link\(elsewhere): \(link)"
    }
}
