import App
import ArgumentParser
import Domain
import Foundation
import UseCases

/// `parley user ...`: members of a site.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage members.", subcommands: [Add.self, List.self, SetRole.self, Remove.self])

    /// `parley user add`: creates a member, optionally with a password read from standard input.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a member.")

        @Option(help: "Email address (the member's sign-in).")
        var email: String

        @Option(help: "Display name shown on comments.")
        var name: String

        @Option(help: "Role: owner, admin, moderator or member. Default: member.")
        var role: String = "member"

        @Flag(help: "Read a password from the first line of standard input (at least 8 characters).")
        var passwordStdin = false

        @OptionGroup var site: SiteOptions

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw fail("--role must be one of owner, admin, moderator, member.") }
            var password: String?
            if passwordStdin {
                guard let line = readLine(strippingNewline: true) else {
                    throw fail("--password-stdin was given but standard input is empty.")
                }
                password = line
            }
            let configuration = site.configuration()
            do {
                let input = AddMemberInput(email: email, displayName: name, role: role, password: password)
                let member = try await SiteOpening.withSite(configuration) { _, actions in try await actions.addMember(input) }
                print("Added \(member.role.rawValue) \(member.displayName) <\(member.email)> (id \(member.id)).")
            } catch let error as FieldError {
                throw fail(CLIMessages.describe(error))
            } catch let error as SiteOpeningError {
                throw fail(error.description)
            }
        }
    }
}

/// Words for refused inputs on the command line, naming the flag.
enum CLIMessages {
    static func describe(_ error: FieldError) -> String {
        let flag =
            [
                "body": "--body-file", "name": "--name", "email": "--email", "password": "password", "author": "--author",
                "slug": "--slug", "title": "--title", "subtitle": "--subtitle",
            ][error.field] ?? error.field
        let reason: String =
            switch error.reason {
            case .required: "is required"
            case .tooLong(let max): "is too long (at most \(max) characters)"
            case .tooShort(let min): "is too short (at least \(min) characters)"
            case .invalidEmail: "is not a valid email address"
            case .invalidSlug: "must be lowercase letters, digits and single hyphens"
            case .taken: "is already taken"
            case .notFound: "names no member"
            case .notAllowed: "must be a staff member (owner, admin or moderator)"
            case .lastOwner: "names the last owner: make someone else an owner first"
            default: "was refused"
            }
        return "\(flag) \(reason)."
    }
}
