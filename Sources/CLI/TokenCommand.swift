import App
import ArgumentParser
import Domain
import Foundation
import UseCases

/// `parley token ...`: API tokens of members.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens (members list and revoke theirs in /settings).", subcommands: [Add.self])

    /// `parley token add`: makes a token for a member and prints it, once.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an API token for a member and print it: the only time it is shown (only its hash is kept).",
            discussion: """
                The token alone goes to standard output, so TOKEN=$(parley token add ...) works; what it is for \
                goes to standard error. A script sends it as "Authorization: Bearer TOKEN".
                """)

        @Option(help: "Email address of the member the token acts for.")
        var email: String

        @Option(help: ArgumentHelp("What the token is for, shown in the member's settings.", valueName: "name"))
        var name: String = "API token"

        @OptionGroup var site: SiteOptions

        func run() async throws {
            do {
                let issued = try await SiteOpening.withSite(site.configuration()) { _, actions in
                    try await actions.addAPIToken(email: email, name: name)
                }
                FileHandle.standardError.write(
                    Data(
                        """
                        Token "\(issued.token.name)" (id \(issued.token.id)) for \(issued.member.displayName) <\(issued.member.email)>. \
                        It is shown only this once: keep it now.\n
                        """.utf8))
                print(issued.secret)
            } catch let error as FieldError {
                throw fail(CLIMessages.describe(error))
            } catch let error as APITokenLimitReached {
                throw fail("This member already holds \(error.max) tokens: they can revoke one in /settings.")
            } catch let error as SiteOpeningError {
                throw fail(error.description)
            }
        }
    }
}
