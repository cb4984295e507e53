import App
import ArgumentParser
import Domain
import Foundation
import UseCases

/// `parley post ...`: posts of a site.
struct PostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post", abstract: "Manage posts.", subcommands: [Add.self, List.self, Publish.self, Unpublish.self, Delete.self])

    /// `parley post add`: publishes a post (or saves a draft) from a Markdown file.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a post, published now unless --draft.")

        @Option(help: "Title of the post.")
        var title: String

        @Option(help: "Email of the author, a staff member.")
        var author: String

        @Option(help: "URL slug (/p/SLUG). Default: made from the title.")
        var slug: String?

        @Option(help: "Subtitle shown under the title.")
        var subtitle: String = ""

        @Option(help: ArgumentHelp("Markdown file with the body; - reads standard input. Required unless --draft.", valueName: "file"))
        var bodyFile: String?

        @Flag(help: "Save as a draft instead of publishing.")
        var draft = false

        @Flag(
            help: "Publish without emailing it to subscribers (by default a running `parley serve` mails it to every confirmed subscriber)."
        )
        var noEmail = false

        @OptionGroup var site: SiteOptions

        func run() async throws {
            // A published post is mailed to every subscriber: an empty one is a mistake, not a post.
            guard bodyFile != nil || draft else { throw fail("--body-file is required to publish (or save a --draft without a body).") }
            var body = ""
            if let bodyFile {
                if bodyFile == "-" {
                    body = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                } else {
                    guard let data = FileManager.default.contents(atPath: bodyFile) else {
                        throw fail("--body-file \(bodyFile) cannot be read.")
                    }
                    guard let text = String(validating: data, as: UTF8.self) else {
                        throw fail("--body-file \(bodyFile) is not UTF-8 text.")
                    }
                    body = text
                }
                guard draft || !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw fail("--body-file \(bodyFile) is empty; write the post first (or save a --draft).")
                }
            }
            let configuration = site.configuration()
            do {
                let input = AddPostInput(
                    title: title, subtitle: subtitle, bodyMarkdown: body, authorEmail: author, slug: slug, draft: draft,
                    emailSubscribers: !noEmail)
                let post = try await SiteOpening.withSite(configuration) { _, actions in try await actions.addPost(input) }
                let mailed = post.state != .draft && !noEmail ? " It will be emailed to subscribers." : ""
                print(
                    "\(post.state == .draft ? "Saved draft" : "Published") \"\(post.title)\" at /p/\(post.slug) (id \(post.id)).\(mailed)")
            } catch let error as FieldError {
                throw fail(CLIMessages.describe(error))
            } catch let error as SiteOpeningError {
                throw fail(error.description)
            }
        }
    }
}
