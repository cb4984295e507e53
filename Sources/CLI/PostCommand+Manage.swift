import App
import ArgumentParser
import Domain
import Foundation
import Storage
import UseCases

/// `parley post list|publish|unpublish|delete`: the dashboard's post actions for operators who
/// script, through the same use cases and checks (a post is published only with a body, and
/// mailed at most once, when its own "send by email" switch is on).
extension PostCommand {
    /// `parley post list`: every post, or those in one state, as tab-separated lines.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List posts: id, state, slug, publication time (UTC), comments, title; tab-separated, after a header line.")

        @Option(help: "Only posts in this state: draft, scheduled or published.")
        var state: String?

        @OptionGroup var site: SiteOptions

        func run() async throws {
            var states: [PostState] = [.draft, .scheduled, .published]
            if let state {
                guard let only = PostState(rawValue: state) else { throw fail("--state must be one of draft, scheduled, published.") }
                states = [only]
            }
            let shown = states
            do {
                let posts = try await SiteOpening.withSite(site.configuration()) { _, actions in
                    var all: [PostSummary] = []
                    for state in shown { all += try await actions.store.postSummaries(state: state) }
                    return all
                }
                print("id\tstate\tslug\tpublished_at\tcomments\ttitle")
                for post in posts {
                    let time = post.publishedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "-"
                    print("\(post.id)\t\(post.state.rawValue)\t\(post.slug)\t\(time)\t\(post.commentCount)\t\(post.title)")
                }
            } catch let error as SiteOpeningError {
                throw fail(error.description)
            }
        }
    }

    /// `parley post publish SLUG`: publishes a draft or scheduled post now.
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a draft or scheduled post now (emailed to subscribers if its switch is on and it never was).")

        @Argument(help: "The post's slug (/p/SLUG).")
        var slug: String

        @OptionGroup var site: SiteOptions

        func run() async throws {
            let slug = slug
            let message = try await PostCommand.change(slug, site: site) { post, actions in
                guard post.state != .published else { return "\"\(post.title)\" at /p/\(post.slug) is already published." }
                let mailed = try await actions.store.hasNewsletterSend(postID: post.id)
                let saved = try await PostCommand.saved(
                    actions.savePost(id: post.id, form: nil, revision: nil, intent: .publish, by: .operator))
                let email = saved.sendsEmail && !mailed ? " It will be emailed to subscribers." : ""
                return "Published \"\(saved.title)\" at /p/\(saved.slug).\(email)"
            }
            print(message)
        }
    }

    /// `parley post unpublish SLUG`: takes a post off the site; it becomes a draft.
    struct Unpublish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a published or scheduled post off the site: it becomes a draft.")

        @Argument(help: "The post's slug (/p/SLUG).")
        var slug: String

        @OptionGroup var site: SiteOptions

        func run() async throws {
            let message = try await PostCommand.change(slug, site: site) { post, actions in
                guard post.state != .draft else { return "\"\(post.title)\" is already a draft." }
                let saved = try await PostCommand.saved(
                    actions.savePost(id: post.id, form: nil, revision: nil, intent: .unpublish, by: .operator))
                return "Unpublished \"\(saved.title)\": it is a draft again."
            }
            print(message)
        }
    }

    /// `parley post delete SLUG`: deletes a post with its discussion.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a post, with its comments. It cannot be undone.")

        @Argument(help: "The post's slug (/p/SLUG).")
        var slug: String

        @OptionGroup var site: SiteOptions

        func run() async throws {
            let message = try await PostCommand.change(slug, site: site) { post, actions in
                try await actions.deletePost(id: post.id, by: .operator)
                let comments = post.commentCount == 1 ? "1 comment" : "\(post.commentCount) comments"
                return "Deleted \"\(post.title)\" and its \(comments)."
            }
            print(message)
        }
    }

    /// Opens the site, finds the post by its slug (or one it had before) and runs `body`;
    /// every refusal is one line on standard error and exit status 1.
    static func change(
        _ slug: String, site: SiteOptions, _ body: @escaping @Sendable (Post, Actions) async throws -> String
    ) async throws -> String {
        do {
            return try await SiteOpening.withSite(site.configuration()) { _, actions in
                guard slug.utf8.count <= Limits.slugLength else { throw PostNotFound(slug: slug) }
                var post = try await actions.store.post(slug: slug)
                if post == nil, let id = try await actions.store.postID(formerSlug: slug) { post = try await actions.store.post(id: id) }
                guard let post else { throw PostNotFound(slug: slug) }
                return try await body(post, actions)
            }
        } catch let error as PostNotFound {
            throw fail("no post has the slug \(error.slug); `parley post list` shows them.")
        } catch let error as FieldError {
            throw fail(PostCommand.describe(error))
        } catch let error as SiteOpeningError {
            throw fail(error.description)
        }
    }

    /// The post a save made; another save in between (the dashboard) is reported, not overwritten.
    static func saved(_ outcome: PostSaveOutcome) throws -> Post {
        switch outcome {
        case .saved(let post): return post
        case .conflict: throw fail("the post changed while this command ran; run it again.")
        }
    }

    /// A refused change, in the command line's words.
    static func describe(_ error: FieldError) -> String {
        switch (error.field, error.reason) {
        case ("body", .required): "the post has no body yet; write it before publishing."
        case ("post", .notFound): "the post is gone."
        default: CLIMessages.describe(error)
        }
    }
}

/// No post has the slug given.
struct PostNotFound: Error {
    let slug: String
}
