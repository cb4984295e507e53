import Foundation
import Logging
import UseCases

/// What the log says when the site has no owner yet: where to set it up. A browser on this
/// machine sees the setup form on the home page; anyone else needs the one-time link, which
/// works until the owner exists. Every instance prints the same link (one token per site).
enum FirstRunNotice {
    static func log(actions: Actions, logger: Logger) async throws {
        guard try await actions.needsOwner() else { return }
        let link = actions.mail.link(try await actions.setupPath())
        logger.notice(
            "This site has no owner yet. Open \(actions.mail.link("/")) in a browser on this machine to create it, or from anywhere this one-time setup link: \(link)"
        )
    }
}
