import App
import ArgumentParser
import Domain
import Foundation
import UseCases

extension UserCommand {
    /// `parley user list`: every member, one per line, tab-separated for scripts.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List members: id, role, email and name, tab-separated.")

        @Option(help: "Only members with this role: owner, admin, moderator or member.")
        var role: String?

        @OptionGroup var site: SiteOptions

        func run() async throws {
            let filter: Role?
            if let role {
                guard let parsed = Role(rawValue: role) else { throw fail("--role must be one of owner, admin, moderator, member.") }
                filter = parsed
            } else {
                filter = nil
            }
            do {
                try await SiteOpening.withSite(site.configuration()) { _, actions in
                    // Page by page, so a site of any size is listed without holding it all.
                    var after: MemberID?
                    while true {
                        let page = try await actions.listMembers(role: filter, after: after, limit: 500)
                        for member in page {
                            print(
                                "\(member.id)\t\(member.role.rawValue)\t\(member.email)\t\(TextInputForTerminal.line(member.displayName))")
                        }
                        guard page.count == 500, let last = page.last else { break }
                        after = last.id
                    }
                }
            } catch let error as SiteOpeningError {
                throw fail(error.description)
            }
        }
    }

    /// `parley user set-role`: the dashboard's role rules, with an owner's rights.
    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-role", abstract: "Give a member a role (the last owner stays an owner).")

        @Option(help: "Email address of the member.")
        var email: String

        @Option(help: "Role: owner, admin, moderator or member.")
        var role: String

        @OptionGroup var site: SiteOptions

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw fail("--role must be one of owner, admin, moderator, member.") }
            do {
                let member = try await SiteOpening.withSite(site.configuration()) { _, actions in
                    try await actions.setRoleFromCommandLine(role, email: email)
                }
                print("\(member.displayName) <\(member.email)> is now \(member.role.rawValue).")
            } catch let error as FieldError {
                throw fail(CLIMessages.describe(error))
            } catch let error as SiteOpeningError {
                throw fail(error.description)
            }
        }
    }

    /// `parley user remove`: deletes a member's account, as deleting it themselves would.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a member's account (the last owner cannot be removed).")

        @Option(help: "Email address of the member.")
        var email: String

        @Option(
            help: ArgumentHelp(
                "Their comments: 'remove' deletes them (a placeholder stays where others replied), 'placeholders' keeps each as a placeholder (PARLEY_DELETED_COMMENTS). Default: remove.",
                valueName: "mode"))
        var deletedComments: String?

        @OptionGroup var site: SiteOptions

        func run() async throws {
            var configuration = site.configuration()
            let mode = deletedComments ?? EnvironmentSettings.value("DELETED_COMMENTS") ?? "remove"
            guard let deletion = DeletedAccountComments(rawValue: mode) else {
                throw fail("--deleted-comments must be remove or placeholders, not \"\(mode)\".")
            }
            configuration.deletedComments = deletion
            do {
                let member = try await SiteOpening.withSite(configuration) { _, actions in
                    try await actions.removeMemberFromCommandLine(email: email)
                }
                print("Removed \(member.displayName) <\(member.email)> (id \(member.id)).")
            } catch let error as FieldError {
                throw fail(CLIMessages.describe(error))
            } catch let error as SiteOpeningError {
                throw fail(error.description)
            }
        }
    }
}

/// Text stored from the web, shown on a terminal: one line, no control characters (a name
/// cannot move the cursor, clear the screen or add a line to a script's output).
enum TextInputForTerminal {
    static func line(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }
}
