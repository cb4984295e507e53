import Domain
import Foundation

/// The words and people of the demo, read from the files of `Sources/Demo/Content` (compiled
/// in with `.embedInCode`): each post a Markdown file with a few lines of front matter, and
/// the publication, the cast, the phrases comments are made of and the discussions in JSON.
/// Writers of the demo edit those files; this type only reads them.
struct DemoContent: Sendable {
    var publication: Publication
    var cast: DemoCast
    var phrases: DemoPhrases
    /// Oldest first.
    var posts: [DemoPost]

    /// The posts, oldest first: ids grow with publication dates, as on a real site.
    static let postFiles = [
        PackageResources.hello_from_the_kitchen_table_md,
        PackageResources.things_that_stayed_small_on_purpose_md,
        PackageResources.the_bakerys_order_board_md,
        PackageResources.software_for_one_md,
        PackageResources.backups_nobody_has_to_remember_md,
    ]

    /// Reads and checks every file; a mistake in one (a bad field, an unknown author) is a
    /// `DemoContentError` naming it, before anything is written.
    static func load() throws -> DemoContent {
        let publication = try decode(PublicationFile.self, PackageResources.publication_json, "publication.json")
        let cast = try DemoCast(people: decode([CastMember].self, PackageResources.cast_json, "cast.json"))
        let phrases = try decode(DemoPhrases.self, PackageResources.phrases_json, "phrases.json")
        let discussions = try decode([String: DiscussionFile].self, PackageResources.discussions_json, "discussions.json")
        var posts: [DemoPost] = []
        for file in postFiles {
            var post = try DemoPost(markdownFile: String(decoding: file, as: UTF8.self))
            guard let discussion = discussions[post.slug] else { throw DemoContentError("discussions.json has no entry for \(post.slug)") }
            post.discussion = try discussion.resolved(slug: post.slug, cast: cast)
            posts.append(post)
        }
        return DemoContent(
            publication: Publication(name: publication.name, description: publication.description),
            cast: cast, phrases: phrases, posts: posts)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], _ name: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw DemoContentError("\(name): \(error)")
        }
    }
}

/// A mistake in the demo's content files.
struct DemoContentError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

private struct PublicationFile: Decodable {
    var name: String
    var description: String
}

/// One member of the demo.
struct CastMember: Sendable, Decodable {
    /// How the content files name them ("amara").
    let handle: String
    let name: String
    let email: String
    let role: Role
    let hasPassword: Bool
    /// How often they comment, relative to the others; 0 for staff, who are placed by hand.
    let activity: Double
}

/// Everyone on the demo site, in `cast.json` order: plans name people by their index here.
struct DemoCast: Sendable {
    let people: [CastMember]
    /// The owner, who writes every post.
    let writer: Int
    let moderator: Int
    /// The reader one signs in as (`DemoSite.readerEmail`).
    let reader: Int
    private let indices: [String: Int]

    init(people: [CastMember]) throws {
        self.people = people
        indices = Dictionary(people.enumerated().map { ($1.handle, $0) }, uniquingKeysWith: { first, _ in first })
        guard indices.count == people.count else { throw DemoContentError("cast.json: two members share a handle") }
        guard let writer = people.firstIndex(where: { $0.role == .owner }),
            let moderator = people.firstIndex(where: { $0.role == .moderator }),
            let reader = people.firstIndex(where: { $0.email == DemoSite.readerEmail })
        else {
            throw DemoContentError("cast.json needs an owner, a moderator and \(DemoSite.readerEmail)")
        }
        (self.writer, self.moderator, self.reader) = (writer, moderator, reader)
    }

    /// The index of a handle that `check` has accepted.
    func index(_ handle: String) -> Int {
        guard let index = indices[handle] else { preconditionFailure("unchecked demo handle \(handle)") }
        return index
    }

    func check(_ handle: String, in file: String) throws {
        if indices[handle] == nil { throw DemoContentError("\(file): nobody in cast.json is called \(handle)") }
    }

    func firstName(_ index: Int) -> String {
        people[index].name.split(separator: " ").first.map(String.init) ?? people[index].name
    }
}

/// One post of the demo and the discussion under it.
struct DemoPost: Sendable {
    var slug: String
    var title: String
    var subtitle: String
    var daysAgo: Double
    var body: String
    var discussion: DemoDiscussion = .silent

    /// A post file: front matter (`slug`, `title`, `subtitle`, `days-ago`, one `key: value` a
    /// line, between two `---` lines), then the Markdown body.
    init(markdownFile text: String) throws {
        let parts = text.components(separatedBy: "---\n")
        guard parts.count >= 3, parts[0].isEmpty else { throw DemoContentError("a post file does not start with front matter") }
        var fields: [String: String] = [:]
        for line in parts[1].split(separator: "\n") {
            guard let colon = line.firstRange(of: ": ") else { throw DemoContentError("front matter line without a value: \(line)") }
            fields[String(line[..<colon.lowerBound])] = String(line[colon.upperBound...])
        }
        func field(_ name: String) throws -> String {
            guard let value = fields[name] else { throw DemoContentError("a post file has no \(name): \(fields)") }
            return value
        }
        slug = try field("slug")
        title = try field("title")
        subtitle = try field("subtitle")
        guard let days = Double(try field("days-ago")) else { throw DemoContentError("\(slug): days-ago is not a number") }
        daysAgo = days
        // The file ends with a line break; the body, as written, does not.
        var body = parts[2...].joined(separator: "---\n")
        if body.hasSuffix("\n") { body.removeLast() }
        self.body = body
    }
}

enum DemoDiscussion: Sendable {
    /// No comments: the empty discussion has its own look.
    case silent
    case scripted([ScriptedComment])
    case generated(DiscussionShape, DemoTopic)
}

/// One entry of `discussions.json`: a script, a shape and topic to generate from, or neither
/// (a post nobody has commented on).
private struct DiscussionFile: Decodable {
    var scripted: [ScriptedComment]?
    var shape: DiscussionShape?
    var topic: DemoTopic?

    func resolved(slug: String, cast: DemoCast) throws -> DemoDiscussion {
        let file = "discussions.json, \(slug)"
        if let scripted {
            for (index, item) in scripted.enumerated() {
                try cast.check(item.author, in: file)
                if let parent = item.parent, !(0..<index).contains(parent) {
                    throw DemoContentError("\(file): comment \(index) answers \(parent), which is not an earlier comment")
                }
            }
            return .scripted(scripted)
        }
        if let shape, let topic {
            if let author = topic.busyRootAuthor { try cast.check(author, in: file) }
            return .generated(shape, topic)
        }
        guard shape == nil, topic == nil else { throw DemoContentError("\(file): a shape needs a topic, and a topic a shape") }
        return .silent
    }
}

/// The sentence fragments comments are made of (`phrases.json`): all our own words, about
/// invented people. `{name}` is the first name of the person answered.
struct DemoPhrases: Sendable, Decodable {
    var rootOpeners: [String]
    var closers: [String]
    var storyLeads: [String]
    var storyThings: [String]
    var communities: [String]
    var storyOutcomes: [String]
    var answerTails: [String]
    var shortReplies: [String]
    var replyOpeners: [String]
    var replyBodies: [String]
    var approaches: [String]
    var results: [String]
    var writerReplies: [String]
}

/// A hand-written comment, for the small discussion that must show particular things.
struct ScriptedComment: Sendable, Decodable {
    /// Index of an earlier item of the same script.
    var parent: Int?
    /// A handle of `cast.json`.
    var author: String
    var hoursAfterStart: Double
    var likes: Int
    var text: String
}

/// The shape of a generated discussion.
struct DiscussionShape: Sendable, Decodable {
    var roots: Int
    /// Every reply, including those of the busy root and of the chains.
    var replies: Int
    /// Replies under the busy first root: enough that the page folds them ("N more replies").
    var busyRootReplies: Int
    /// Lengths of back-and-forth reply chains, one per root: deep enough to fold.
    var chains: [Int]
    /// How long after publication new root comments keep coming (most come early).
    var activeDays: Double
    /// The most likes a root, and a reply, can get; most get far fewer.
    var rootLikes: Double
    var replyLikes: Double
    /// How often the writer answers a comment (the Author badge).
    var writerReplyChance: Double
}

/// What the readers of one post talk about.
struct DemoTopic: Sendable, Decodable {
    /// Main lines of root comments, specific to the post.
    var rootLines: [String]
    /// Lines of the post that readers quote ("> ...").
    var quotes: [String]
    /// Paragraphs that use the comment formatter: code, links, bold, italic, line breaks.
    var extras: [String]
    /// How often a root comment tells of the reader's own small program.
    var storyChance: Double
    /// The first root, a question readers answer in its replies; needs `busyRootReplies`.
    var busyRootText: String?
    /// Who asks it (a handle); the demo reader when not given.
    var busyRootAuthor: String?
    /// A root by the moderator (the Staff badge).
    var moderatorNote: String?
}
