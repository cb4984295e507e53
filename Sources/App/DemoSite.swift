import Domain
import Foundation
import Storage
import UseCases

/// The sample site behind `parley serve --demo`: a publication, its writer and readers, five
/// posts and discussions of every size, so a first run shows every part of the product.
///
/// Everything except the publication's name is written through `Actions`, the use cases a
/// reader's request goes through, so the demo can never hold data the product could not make.
/// The content is our own text, combined by a seeded generator: it is the same on every run and
/// every machine, so screenshots, benchmarks and bug reports made on demo data agree.
///
/// What it writes:
/// - *Kitchen Table Software*, a newsletter about small software for clubs, shops and families;
/// - 18 members: the writer (owner), a moderator, the demo reader and 15 other readers;
/// - 5 posts over the last six weeks, with 34, 0, 7, 400 and 21 comments
///   (the 400: 120 root comments, one with 40 replies, two long reply chains);
/// - about 1,600 likes (45 comments with 10 or more, up to 17), so the Top order means something.
public enum DemoSite {
    /// A reader account with a password, for trying the site signed in.
    public static let readerEmail = "reader@parley.example"
    /// The password of the two demo accounts that have one: the reader and the writer.
    public static let readerPassword = "parley-demo"
    /// The publication's owner and the author of every post; signs in with `readerPassword`.
    public static let writerEmail = "editor@parley.example"

    /// Fills an empty site with the demo content.
    ///
    /// - Parameters:
    ///   - passwords: the site's hasher, so the demo passwords verify like any other.
    ///   - now: the moment the demo is made; posts and comments are placed before it.
    /// - Returns: false, having written nothing, when the site already has posts or members:
    ///   demo content must never mix into a real site. True when it filled the site.
    ///
    /// Two processes seeding the same empty site at once would collide on the first email
    /// address; the loser throws, and the site holds one demo.
    public static func seedIfEmpty(store: any SiteStore, passwords: PasswordHasher, now: Date) async throws -> Bool {
        guard try await store.postCount() == 0 else { return false }
        guard try await store.memberCount() == 0 else { return false }
        // Naming the publication is setup, not a member's action, and no use case owns it yet
        // (the writer's dashboard will): seeding writes it to the store directly.
        try await store.updatePublication(Publication(name: DemoContent.publicationName,
                                                      description: DemoContent.publicationDescription))
        let seeder = Seeder(store: store, passwords: passwords, now: now.truncatedToMilliseconds)
        try await seeder.run()
        return true
    }
}

private enum DemoTime {
    static let hour: TimeInterval = 3_600
    static let day: TimeInterval = 86_400
}

// MARK: - Writing

/// Writes the demo through the use cases, each write at its own moment in the past.
private struct Seeder {
    let store: any SiteStore
    let passwords: PasswordHasher
    let now: Date

    /// Use cases whose clock reads `date`.
    ///
    /// A fresh `Actions` for every write, each with a fixed time, rather than one shared clock
    /// that is advanced: nothing mutable is shared, so the `@Sendable` clock needs no lock, and
    /// each write's time is visible where it is made. `Actions` is three references: cheap.
    func actions(at date: Date) -> Actions {
        Actions(store: store, clock: { date }, passwords: passwords, mail: .seeding)
    }

    func run() async throws {
        let members = try await addCast()
        // Oldest first, so ids grow with publication dates as they would on a real site.
        for (index, demo) in DemoContent.posts.enumerated() {
            let published = now.addingTimeInterval(-demo.daysAgo * DemoTime.day)
            let post = try await actions(at: published).addPost(AddPostInput(
                title: demo.title, subtitle: demo.subtitle, bodyMarkdown: demo.body,
                authorEmail: DemoSite.writerEmail, slug: demo.slug, publishedAt: published, emailSubscribers: false))
            // A seed per post: changing one discussion leaves the others as they were.
            var planner = DiscussionPlanner(seed: 0x7061_726C_6579 &+ UInt64(index),
                                            start: published.addingTimeInterval(10 * 60),
                                            end: now.addingTimeInterval(-15 * 60))
            switch demo.discussion {
            case .silent:
                continue
            case .scripted(let items):
                try await write(planner.scripted(items), on: post, members: members)
            case .generated(let shape, let topic):
                try await write(planner.generate(shape, topic), on: post, members: members)
            }
        }
    }

    /// The members, in `Cast.people` order (the indices plans use), joined a few weeks
    /// before the first post. Only the writer and the reader get a password: bcrypt is slow
    /// on purpose, and nobody signs in as the others.
    func addCast() async throws -> [Member] {
        var members: [Member] = []
        let first = now.addingTimeInterval(-75 * DemoTime.day)
        for (index, person) in Cast.people.enumerated() {
            let joined = first.addingTimeInterval(Double(index) * 7 * DemoTime.hour)
            members.append(try await actions(at: joined).addMember(AddMemberInput(
                email: person.email, displayName: person.name, role: person.role,
                password: person.hasPassword ? DemoSite.readerPassword : nil)))
        }
        return members
    }

    /// Writes a plan's comments in time order, then their likes.
    ///
    /// A parent is never later than its replies and comes earlier in the plan, so sorting by
    /// (time, plan index) always writes it first. Likes come after all the comments; each one is
    /// dated between its comment and now. Returned comments are kept, so nothing is read back.
    func write(_ plan: [PlannedComment], on post: Post, members: [Member]) async throws {
        let order = plan.indices.sorted { (plan[$0].time, $0) < (plan[$1].time, $1) }
        var written = [Comment?](repeating: nil, count: plan.count)
        for index in order {
            let item = plan[index]
            var parentID: CommentID?
            if let parent = item.parent { parentID = written[parent]?.id }
            written[index] = try await actions(at: item.time).postComment(
                postID: post.id, replyTo: parentID, text: item.text, by: members[item.author])
        }
        for (index, item) in plan.enumerated() {
            guard let comment = written[index], !item.likers.isEmpty else { continue }
            let room = max(0, now.timeIntervalSince(comment.createdAt)) * 0.5
            for (rank, liker) in item.likers.enumerated() {
                let at = comment.createdAt.addingTimeInterval(room * Double(rank + 1) / Double(item.likers.count + 1))
                _ = try await actions(at: at).toggleLike(commentID: comment.id, by: members[liker])
            }
        }
    }
}

// MARK: - Planning

/// One comment the demo will write: where in its thread, by whom, when, and who likes it.
private struct PlannedComment: Sendable {
    /// Index of the parent in the same plan; a parent always comes earlier in the plan.
    var parent: Int?
    /// As planned; the store folds anything deeper than `Limits.maxDepth` into the last level.
    var depth: Int
    /// Index into `Cast.people`.
    var author: Int
    var text: String
    var time: Date
    /// Indices into `Cast.people`, each liking the comment once; never the author.
    var likers: [Int]
}

/// A hand-written comment, for the small discussion that must show particular things.
private struct ScriptedComment: Sendable {
    /// Index of an earlier item of the same script.
    var parent: Int?
    var author: Int
    var hoursAfterStart: Double
    var likes: Int
    var text: String
}

/// The shape of a generated discussion.
private struct DiscussionShape: Sendable {
    var roots: Int
    /// Every reply, including those of the busy root and of the chains.
    var replies: Int
    /// Replies under the busy first root: enough that the page folds them ("N more replies").
    var busyRootReplies = 0
    /// Lengths of back-and-forth reply chains, one per root: deep enough to fold.
    var chains: [Int] = []
    /// How long after publication new root comments keep coming (most come early).
    var activeDays: Double
    /// The most likes a root, and a reply, can get; most get far fewer.
    var rootLikes: Double
    var replyLikes: Double
    /// How often the writer answers a comment (the Author badge).
    var writerReplyChance: Double
}

/// What the readers of one post talk about.
private struct DemoTopic: Sendable {
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
    var busyRootAuthor = Cast.reader
    /// A root by the moderator (the Staff badge).
    var moderatorNote: String?
}

/// Builds the plan of one discussion from a seed: pure, so it is the same on every run.
private struct DiscussionPlanner {
    var rng: SeededRandom
    /// No comment is placed before `start` or after `end`.
    let start: Date
    let end: Date
    var plan: [PlannedComment] = []

    init(seed: UInt64, start: Date, end: Date) {
        rng = SeededRandom(seed: seed)
        self.start = start
        self.end = end
    }

    mutating func scripted(_ items: [ScriptedComment]) -> [PlannedComment] {
        for item in items {
            let time = min(start.addingTimeInterval(item.hoursAfterStart * DemoTime.hour), end)
            add(parent: item.parent, author: item.author, text: item.text, time: time, likes: item.likes)
        }
        return plan
    }

    mutating func generate(_ shape: DiscussionShape, _ topic: DemoTopic) -> [PlannedComment] {
        let span = max(0, end.timeIntervalSince(start))
        let activeSpan = min(span, shape.activeDays * DemoTime.day)
        // Roots, one thread each; the special ones (busy, chains) get their replies first.
        var threads: [[Int]] = []
        var special = 0
        var busyRoot: Int?
        if let text = topic.busyRootText, shape.busyRootReplies > 0 {
            let time = start.addingTimeInterval(min(40 * 60, activeSpan * 0.05))
            let root = add(parent: nil, author: topic.busyRootAuthor, text: text, time: time, likes: Cast.people.count)
            busyRoot = root
            threads.append([root])
            special += 1
        }
        var chainRoots: [Int] = []
        for _ in shape.chains {
            let time = start.addingTimeInterval(activeSpan * 0.02 + activeSpan * 0.1 * rng.unit())
            let author = pickCommenter(excluding: nil)
            let text = rootText(topic)
            let likes = 8 + rng.below(5)
            let root = add(parent: nil, author: author, text: text, time: time, likes: likes)
            chainRoots.append(root)
            threads.append([root])
            special += 1
        }
        if let note = topic.moderatorNote {
            let root = add(parent: nil, author: Cast.moderator, text: note,
                           time: start.addingTimeInterval(activeSpan * 0.03), likes: 9)
            threads.append([root])
        }
        while threads.count < shape.roots {
            // Most roots come early, as on a real post: the density falls off with time.
            let time = start.addingTimeInterval(activeSpan * pow(rng.unit(), 2.2))
            let likes = Int(pow(rng.unit(), 2) * shape.rootLikes)
            let author = pickCommenter(excluding: nil)
            let text = rootText(topic)
            let root = add(parent: nil, author: author, text: text, time: time, likes: likes)
            threads.append([root])
        }

        // The busy root: readers answer its question, then talk to each other under it.
        if let busyRoot {
            for answer in 0..<shape.busyRootReplies {
                let direct = answer < shape.busyRootReplies * 3 / 5 || threads[0].count == 1
                let parent = direct ? busyRoot : pickWithin(threads[0], maxDepth: 2)
                let author = direct ? pickCommenter(excluding: plan[busyRoot].author) : replyAuthor(to: plan[parent].author, shape)
                let text = direct ? answerText() : replyText(to: parent, by: author, topic)
                let time = replyTime(after: parent, minDelay: 120, maxDelay: 20 * DemoTime.hour)
                let likes = replyLikes(shape)
                let index = add(parent: parent, author: author, text: text, time: time, likes: likes)
                threads[0].append(index)
            }
        }

        // Chains: two readers going back and forth, the writer joining once in the longer ones.
        for (chain, length) in shape.chains.enumerated() {
            let root = chainRoots[chain]
            let first = plan[root].author
            let second = pickCommenter(excluding: first)
            var previous = root
            for step in 0..<length {
                var author = step.isMultiple(of: 2) ? second : first
                if length >= 8, step == 5, plan[previous].author != Cast.writer { author = Cast.writer }
                if author == plan[previous].author { author = pickCommenter(excluding: author) }
                let text = replyText(to: previous, by: author, topic)
                let time = replyTime(after: previous, minDelay: 180, maxDelay: 3 * DemoTime.hour)
                let likes = replyLikes(shape)
                let index = add(parent: previous, author: author, text: text, time: time, likes: likes)
                threads[special - shape.chains.count + chain].append(index)
                previous = index
            }
        }

        // Every other reply goes to a root picked by a steep weight: many roots get none,
        // a few get ten or more. Some answer the root, the rest someone further down its thread.
        let fixed = shape.busyRootReplies + shape.chains.reduce(0, +)
        var weights: [Double] = []
        for thread in threads.indices {
            weights.append(thread < special ? 0 : pow(rng.unit(), 5) + 0.01)
        }
        for _ in 0..<max(0, shape.replies - fixed) {
            let thread = rng.weighted(weights)
            let toRoot = rng.chance(0.4)
            let parent = toRoot || threads[thread].count == 1 ? threads[thread][0] : pickWithin(threads[thread], maxDepth: 4)
            let author = replyAuthor(to: plan[parent].author, shape)
            let text = replyText(to: parent, by: author, topic)
            let time = replyTime(after: parent, minDelay: 4 * 60, maxDelay: 30 * DemoTime.hour)
            let likes = replyLikes(shape)
            let index = add(parent: parent, author: author, text: text, time: time, likes: likes)
            threads[thread].append(index)
        }
        return plan
    }

    // MARK: Pieces

    @discardableResult
    mutating func add(parent: Int?, author: Int, text: String, time: Date, likes: Int) -> Int {
        var depth = 0
        if let parent { depth = plan[parent].depth + 1 }
        let likers = chooseLikers(likes, author: author)
        plan.append(PlannedComment(parent: parent, depth: depth, author: author, text: text, time: time, likers: likers))
        return plan.count - 1
    }

    /// A moment after the parent: soon or hours later, but always before `end`, and never
    /// before the parent, so the write order puts the parent first.
    mutating func replyTime(after parent: Int, minDelay: TimeInterval, maxDelay: TimeInterval) -> Date {
        let parentTime = plan[parent].time
        let room = max(0, end.timeIntervalSince(parentTime)) / 2
        return parentTime.addingTimeInterval(min(rng.logUniform(minDelay, maxDelay), room))
    }

    mutating func replyLikes(_ shape: DiscussionShape) -> Int {
        Int(pow(rng.unit(), 3) * shape.replyLikes)
    }

    /// Distinct members other than the author: a partial shuffle of everyone.
    mutating func chooseLikers(_ count: Int, author: Int) -> [Int] {
        var pool: [Int] = []
        for index in Cast.people.indices where index != author { pool.append(index) }
        let taken = max(0, min(count, pool.count))
        for slot in 0..<taken { pool.swapAt(slot, slot + rng.below(pool.count - slot)) }
        return Array(pool.prefix(taken))
    }

    /// A reader (never the writer or moderator), the talkative ones more often.
    mutating func pickCommenter(excluding excluded: Int?) -> Int {
        var weights: [Double] = []
        for (index, person) in Cast.people.enumerated() {
            weights.append(index == excluded ? 0 : person.activity)
        }
        return rng.weighted(weights)
    }

    /// Who answers a comment: now and then the writer or the moderator, else a reader.
    mutating func replyAuthor(to parentAuthor: Int, _ shape: DiscussionShape) -> Int {
        if parentAuthor != Cast.writer, rng.chance(shape.writerReplyChance) { return Cast.writer }
        if parentAuthor != Cast.moderator, rng.chance(0.025) { return Cast.moderator }
        return pickCommenter(excluding: parentAuthor)
    }

    /// A comment of `thread` no deeper than `maxDepth` (the root at worst): often the latest,
    /// since a conversation goes on where it last was, which is what makes threads deepen.
    mutating func pickWithin(_ thread: [Int], maxDepth: Int) -> Int {
        if rng.chance(0.5), let latest = thread.last, plan[latest].depth <= maxDepth { return latest }
        var candidates: [Int] = []
        for index in thread where plan[index].depth <= maxDepth { candidates.append(index) }
        return candidates.isEmpty ? thread[0] : rng.pick(candidates)
    }

    mutating func pick(_ lines: [String], other taken: String) -> String {
        var line = rng.pick(lines)
        for _ in 0..<4 where line == taken { line = rng.pick(lines) }
        return line
    }

    // MARK: Text

    /// A root comment: an opener now and then, a story or a point, sometimes a quote of the
    /// post, a formatted paragraph or a closing line.
    mutating func rootText(_ topic: DemoTopic) -> String {
        var first: [String] = []
        if rng.chance(0.4) { first.append(rng.pick(Phrases.rootOpeners)) }
        let main = rng.chance(topic.storyChance) ? story() : rng.pick(topic.rootLines)
        first.append(main)
        if rng.chance(0.3) { first.append(pick(topic.rootLines, other: main)) }
        var paragraphs = [first.joined(separator: " ")]
        let roll = rng.unit()
        if roll < 0.12, !topic.quotes.isEmpty {
            paragraphs.insert("> " + rng.pick(topic.quotes), at: 0)
        } else if roll < 0.32, !topic.extras.isEmpty {
            paragraphs.append(rng.pick(topic.extras))
        } else if roll < 0.40 {
            paragraphs.append(pick(topic.rootLines, other: main))
        }
        if rng.chance(0.2) { paragraphs.append(rng.pick(Phrases.closers)) }
        return paragraphs.joined(separator: "\n\n")
    }

    /// A reply: short, or an opener (often naming the parent's author) and a line or two.
    mutating func replyText(to parent: Int, by author: Int, _ topic: DemoTopic) -> String {
        let name = Cast.firstName(plan[parent].author)
        if author == Cast.writer { return rng.pick(Phrases.writerReplies).replacingOccurrences(of: "{name}", with: name) }
        if rng.chance(0.1) { return rng.pick(Phrases.shortReplies) }
        var parts: [String] = []
        let roll = rng.unit()
        if roll < 0.35 {
            parts.append(rng.pick(Phrases.replyOpeners).replacingOccurrences(of: "{name}", with: name))
        } else if roll < 0.45 {
            parts.append("@" + name)
        }
        parts.append(rng.chance(0.2) ? replyStory() : rng.pick(Phrases.replyBodies))
        if rng.chance(0.12) { parts.append(rng.pick(topic.rootLines)) }
        var paragraphs = [parts.joined(separator: " ")]
        let extra = rng.unit()
        if extra < 0.06, !topic.quotes.isEmpty {
            paragraphs.insert("> " + rng.pick(topic.quotes), at: 0)
        } else if extra < 0.14, !topic.extras.isEmpty {
            paragraphs.append(rng.pick(topic.extras))
        }
        if rng.chance(0.1) { paragraphs.append(rng.pick(Phrases.closers)) }
        return paragraphs.joined(separator: "\n\n")
    }

    /// An answer to the busy root's question: one line about the reader's own small program.
    mutating func answerText() -> String {
        let line = story()
        return rng.chance(0.25) ? line + " " + rng.pick(Phrases.answerTails) : line
    }

    /// "Last winter I built a booking sheet for our climbing club. It has outlived two laptops."
    mutating func story() -> String {
        let lead = rng.pick(Phrases.storyLeads), thing = rng.pick(Phrases.storyThings)
        let community = rng.pick(Phrases.communities), outcome = rng.pick(Phrases.storyOutcomes)
        return "\(lead) \(thing) for \(community). \(outcome)"
    }

    /// "We did a tiny web form for the village hall and it's still running."
    mutating func replyStory() -> String {
        let approach = rng.pick(Phrases.approaches), community = rng.pick(Phrases.communities), result = rng.pick(Phrases.results)
        return "We did \(approach) for \(community), and \(result)."
    }
}

// MARK: - Randomness

/// The demo's own draws on top of `SeededRandom`, so the demo is the same on every run.
private extension SeededRandom {
    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Between `low` and `high`, as many values in each decade: minutes as likely as hours.
    mutating func logUniform(_ low: Double, _ high: Double) -> Double {
        exp(log(low) + unit() * (log(high) - log(low)))
    }

    /// An index, each with probability proportional to its weight.
    mutating func weighted(_ weights: [Double]) -> Int {
        var remaining = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            remaining -= weight
            if remaining < 0, weight > 0 { return index }
        }
        return weights.lastIndex(where: { $0 > 0 }) ?? 0
    }
}

// MARK: - Content

/// One member of the demo.
private struct CastMember: Sendable {
    let name: String
    let email: String
    let role: Role
    let hasPassword: Bool
    /// How often they comment, relative to the others; 0 for staff, who are placed by hand.
    let activity: Double
}

/// Everyone on the demo site: invented people with names from many places.
private enum Cast {
    static let writer = 0, moderator = 1, reader = 2

    static let people: [CastMember] = [
        CastMember(name: "Clara Wendt", email: DemoSite.writerEmail, role: .owner, hasPassword: true, activity: 0),
        CastMember(name: "Tomás Aguilar", email: "tomas.aguilar@parley.example", role: .moderator, hasPassword: false, activity: 0),
        CastMember(name: "Noor Haddad", email: DemoSite.readerEmail, role: .member, hasPassword: true, activity: 1.5),
        CastMember(name: "Kenji Morimoto", email: "kenji.morimoto@parley.example", role: .member, hasPassword: false, activity: 2.5),
        CastMember(name: "Amara Nwosu", email: "amara.nwosu@parley.example", role: .member, hasPassword: false, activity: 2),
        CastMember(name: "Lukas Brenner", email: "lukas.brenner@parley.example", role: .member, hasPassword: false, activity: 1.5),
        CastMember(name: "Sofía Quintero", email: "sofia.quintero@parley.example", role: .member, hasPassword: false, activity: 2),
        CastMember(name: "Priya Raman", email: "priya.raman@parley.example", role: .member, hasPassword: false, activity: 1),
        CastMember(name: "Olek Wiśniewski", email: "olek.wisniewski@parley.example", role: .member, hasPassword: false, activity: 1.5),
        CastMember(name: "Fatou Diallo", email: "fatou.diallo@parley.example", role: .member, hasPassword: false, activity: 1),
        CastMember(name: "Mateus Carvalho", email: "mateus.carvalho@parley.example", role: .member, hasPassword: false, activity: 2),
        CastMember(name: "Ingrid Solberg", email: "ingrid.solberg@parley.example", role: .member, hasPassword: false, activity: 1),
        CastMember(name: "Dev Malhotra", email: "dev.malhotra@parley.example", role: .member, hasPassword: false, activity: 3),
        CastMember(name: "Chiara Bellandi", email: "chiara.bellandi@parley.example", role: .member, hasPassword: false, activity: 1),
        CastMember(name: "Yusuf Demir", email: "yusuf.demir@parley.example", role: .member, hasPassword: false, activity: 1.5),
        CastMember(name: "Mei-Lin Chow", email: "meilin.chow@parley.example", role: .member, hasPassword: false, activity: 1),
        CastMember(name: "Aroha Tane", email: "aroha.tane@parley.example", role: .member, hasPassword: false, activity: 2),
        CastMember(name: "Éloïse Marchand", email: "eloise.marchand@parley.example", role: .member, hasPassword: false, activity: 1),
    ]

    static let kenji = 3, amara = 4, lukas = 5, fatou = 9

    static func firstName(_ index: Int) -> String {
        people[index].name.split(separator: " ").first.map(String.init) ?? people[index].name
    }
}

/// One post of the demo and the discussion under it.
private struct DemoPost: Sendable {
    let slug: String
    let title: String
    let subtitle: String
    let daysAgo: Double
    let body: String
    let discussion: DemoDiscussion
}

private enum DemoDiscussion: Sendable {
    /// No comments: the empty discussion has its own look.
    case silent
    case scripted([ScriptedComment])
    case generated(DiscussionShape, DemoTopic)
}

/// The publication and its posts, oldest first.
private enum DemoContent {
    static let publicationName = "Kitchen Table Software"
    static let publicationDescription =
        "Field notes on building small, useful software for one shop, one club or one family, and on keeping it running for years."

    static let posts: [DemoPost] = [hello, smallOnPurpose, orderBoard, softwareForOne, backups]

    // A warm welcome with a medium discussion and one longer chain.
    static let hello = DemoPost(
        slug: "hello-from-the-kitchen-table",
        title: "Hello from the kitchen table",
        subtitle: "What this newsletter is about, and why small software deserves its own notes",
        daysAgo: 41.3,
        body: """
        ## Why a newsletter about small software?

        For ten years I have written programs for people I can name: the bakery two streets over, my aunt's choir, the allotment society that still keeps its waiting list in a ring binder. None of these programs will ever have a thousand users. Most of them have three.

        This newsletter is where I will keep my notes. Not tutorials exactly, more like **field notes**: what worked, what broke at two in the morning, and what I would do differently next time.

        ## What to expect

        - One post every week or two, usually on a Sunday.
        - Stories from real (small) projects, with the names changed.
        - The occasional code snippet, short enough to read on a phone.
        - A discussion under every post, which is honestly the part I look forward to most.

        If you build things for one shop, one club or one family, *you are who I am writing for*. Leave a comment below and tell me what you are working on.

        > The best software I ever wrote fits on one screen and has been running since before my daughter could walk.

        You can [subscribe](/subscribe) to get each post by email. See you in the comments.
        """,
        discussion: .generated(
            DiscussionShape(roots: 12, replies: 22, chains: [6], activeDays: 6, rootLikes: 12, replyLikes: 7, writerReplyChance: 0.3),
            DemoTopic(rootLines: Phrases.helloLines, quotes: Phrases.helloQuotes, extras: Phrases.helloExtras, storyChance: 0.25)))

    // A quiet list post: nobody has commented, so the empty state shows.
    static let smallOnPurpose = DemoPost(
        slug: "things-that-stayed-small-on-purpose",
        title: "Things that stayed small on purpose",
        subtitle: "A reading list of sorts, and the one thing these tools have in common",
        daysAgo: 31.8,
        body: """
        A short one this week: the tools and habits I keep coming back to, and what they share.

        ## The list

        1. **A plain text file called `TODO`** at the root of every project. No app, no sync, no notifications.
        2. **One SQLite file** instead of a database server, for anything with fewer than a few hundred users.
        3. **A nightly job that emails a CSV** to the person who owns the data. They never open it, until the day they do.
        4. **A single HTML page with a form**, instead of an app that needs a build step.
        5. **A printed page of instructions** taped inside the cupboard next to the router.

        ## What they share

        Each of them *refuses to grow*. A text file cannot turn into a project-management platform. A printed page cannot send you a push notification. That refusal is a feature: it keeps the thing understandable by the next person, who is usually not a programmer.

        I wrote more about choosing boring parts in [the first post](/p/hello-from-the-kitchen-table).

        > Choose the tool that will still make sense to someone who has never met you.
        """,
        discussion: .silent)

    // A handful of comments, written by hand so the post shows what matters: replies, the
    // post's author answering (Author badge), the moderator (Staff badge), a quote, formatting.
    static let orderBoard = DemoPost(
        slug: "the-bakerys-order-board",
        title: "The bakery's order board",
        subtitle: "How an old tablet, a tiny web page and one SQLite file replaced a wall of sticky notes",
        daysAgo: 22.4,
        body: """
        ## Before

        Every Friday the bakery took around sixty orders for Saturday: birthday cakes, sourdough loaves put aside, a tray of cinnamon buns for the football club. The orders lived on sticky notes on the wall behind the counter. When a note fell behind the flour bins, a birthday went without a cake.

        ## After

        We replaced the wall with an old tablet and a tiny web page. The page has one form and one list, and the whole thing runs on the laptop in the back office:

        - orders are grouped by **pickup time**, not by when they were taken;
        - a tap marks an order *ready*, a second tap marks it *collected*;
        - at closing time the day's list is printed, because paper is the backup everybody understands.

        The data is one SQLite file. The backup is `cp orders.db /media/usb/` in a nightly job, and a second copy goes home with the owner on Fridays.

        ## What surprised me

        Nobody asked for features. They asked for **bigger buttons**, flour-proof if possible. The most important change in the first month was making the text large enough to read from the oven.

        If you want the longer version of the setup, I put my notes on [a separate page](https://notes.example.org/order-board).
        """,
        discussion: .scripted([
            ScriptedComment(parent: nil, author: Cast.amara, hoursAfterStart: 2.5, likes: 7, text:
                "The bit about **bigger buttons** made me laugh, because it is exactly what happened with our library's booking screen. We spent weeks on the search, and the only feedback was *please make it readable without glasses*."),
            ScriptedComment(parent: 0, author: Cast.writer, hoursAfterStart: 4, likes: 4, text:
                "\"Readable without glasses\" should be a line in every spec. Thank you, Amara. I might borrow that for a future post."),
            ScriptedComment(parent: 1, author: Cast.amara, hoursAfterStart: 5.5, likes: 1, text:
                "Borrow away! Adding it to our own checklist today."),
            ScriptedComment(parent: nil, author: Cast.lukas, hoursAfterStart: 9, likes: 5, text:
                "How do you handle two people taking orders at the same time? With sticky notes that was never a conflict."),
            ScriptedComment(parent: 3, author: Cast.moderator, hoursAfterStart: 11, likes: 3, text:
                "I helped set up the second tablet, so I can answer this one: every order is a single insert, and the database takes the writes one at a time. At sixty orders a day nobody ever waits.\n\nThe only conflict left is two people promising the last cinnamon bun."),
            ScriptedComment(parent: nil, author: Cast.fatou, hoursAfterStart: 26, likes: 2, text:
                "> paper is the backup everybody understands\n\nThis is going on a poster in our office."),
            ScriptedComment(parent: nil, author: Cast.reader, hoursAfterStart: 50, likes: 1, text:
                "Is the tablet just a browser pointed at the laptop in the back? I'd love a follow-up on the network side of it, and on what happens when the Wi-Fi drops."),
        ]))

    // The big discussion: 400 comments, a busy root, long chains, the writer and moderator.
    static let softwareForOne = DemoPost(
        slug: "software-for-one",
        title: "Software for one: a small manifesto",
        subtitle: "Why I keep writing programs that will only ever have a handful of users",
        daysAgo: 13.2,
        body: """
        There is a kind of software nobody gives conference talks about. It has one user, or five, or the twelve volunteers of a community garden. It does one job. It is often plain to look at. And it is some of the most *useful* software in the world.

        ## What I mean by software for one

        - It serves people you can **name**, not a market.
        - Someone new can understand it in an afternoon.
        - It keeps working when you stop paying attention to it.
        - When it breaks, the fix is a phone call, not a ticket.

        ## Why bother

        Because the alternative is usually a spreadsheet that three people edit at once, or a subscription to a platform built for organisations a thousand times larger. Both work, until they do not. A small program written for the exact shape of the problem can be kinder than either.

        ## The rules I try to keep

        **Pick parts that will outlive your interest.** A single-file database, plain HTML forms, a scheduled job. If a part needs me to upgrade it every month, it is the wrong part.

        **Write the instructions first.** If I cannot explain how to restart it on a sticky note, it is too complicated. My current sticky note says `sudo systemctl restart orders` and a phone number.

        **Leave.** The real test is whether the thing survives me going on holiday. The best compliment I have had was *"we forgot it was a program"*.

        > Software for one person is still software. It deserves care, tests and a backup.

        I would love to hear about yours. What is the smallest program you have written that someone still depends on? (If you missed it, the [bakery post](/p/the-bakerys-order-board) is a worked example.)
        """,
        discussion: .generated(
            DiscussionShape(roots: 120, replies: 280, busyRootReplies: 40, chains: [10, 8], activeDays: 9,
                            rootLikes: 17, replyLikes: 10, writerReplyChance: 0.06),
            DemoTopic(rootLines: Phrases.manifestoLines, quotes: Phrases.manifestoQuotes, extras: Phrases.manifestoExtras,
                      storyChance: 0.45,
                      busyRootText: "Since the post asks: what's the smallest thing *you* maintain that someone depends on? One line each, please. I want to read them all.\n\nI'll start: a twelve-line script that emails our allotment society's treasurer when a plot fee is paid. Running since 2016.",
                      busyRootAuthor: Cast.kenji,
                      moderatorNote: "Moderator here: lovely to see so many first-time commenters on this one. Keep it kind, disagree with ideas rather than people, and feel free to link your own write-ups.")))

    // The newest post: a small, practical discussion still going on.
    static let backups = DemoPost(
        slug: "backups-nobody-has-to-remember",
        title: "Backups nobody has to remember",
        subtitle: "The three-line habit that saved the choir's membership list",
        daysAgo: 4.6,
        body: """
        Last month the choir's laptop died. It held the membership list, ten years of attendance and the list of who still owes for the spring concert tickets. Nothing was lost, and nobody had to remember anything. Here is why.

        ## The three-line habit

        Every small system I set up gets the same three lines on day one, run every night:

        ```
        sqlite3 choir.db ".backup backups/choir-$(date +%F).db"
        find backups -name 'choir-*.db' -mtime +60 -delete
        rsync -a backups/ spare-machine:choir-backups/
        ```

        - **Copy** the database with its own backup command, never with a plain file copy while it is in use.
        - **Prune** old copies, so the disk never fills up and surprises you a year later.
        - **Ship** a copy somewhere else, because the most common disaster is the laptop itself.

        ## The part people skip

        A backup you have never restored is a *hope*, not a backup. Once a quarter I restore the latest copy onto a spare machine and open the app. It takes ten minutes. Twice it has caught a problem before it mattered.

        For the choir, I also print the membership list every term. It is not clever, but the treasurer trusts paper, and [trust is part of the job](/p/software-for-one).
        """,
        discussion: .generated(
            DiscussionShape(roots: 8, replies: 13, activeDays: 3, rootLikes: 12, replyLikes: 6, writerReplyChance: 0.25),
            DemoTopic(rootLines: Phrases.backupLines, quotes: Phrases.backupQuotes, extras: Phrases.backupExtras, storyChance: 0)))
}

/// The sentence fragments comments are made of. All our own words, about invented people.
private enum Phrases {
    static let rootOpeners = [
        "Long-time reader, first comment.",
        "This landed at exactly the right moment.",
        "I've been nodding along since the first paragraph.",
        "Printing this one for the office wall.",
        "Funny, I was arguing about exactly this over lunch.",
        "Thank you for putting words to something I've felt for years.",
        "Okay, my turn.",
        "Slightly contrarian take, but hear me out.",
        "I read this twice, once for me and once out loud to my partner.",
        "Forwarded to three people before I finished reading.",
        "Lovely post.",
        "Some context first: I'm not a programmer by trade.",
    ]

    static let closers = [
        "Thanks for writing this.",
        "Looking forward to the next one.",
        "Anyway, back to fixing a label printer.",
        "More of this, please.",
        "Sharing this with our volunteers.",
        "Keep these coming.",
        "Off to write a sticky note now.",
    ]

    static let storyLeads = [
        "My smallest program is",
        "The thing I'm proudest of is",
        "For years I've looked after",
        "Last winter I built",
        "Years ago I wrote",
        "These days I maintain",
        "I once made",
        "My longest-running project is",
    ]

    static let storyThings = [
        "a one-page rota",
        "a booking sheet",
        "a tiny stock counter",
        "a forty-line script that prints the day's list",
        "a shared calendar with exactly two buttons",
        "a form that replaced forty messages a week",
        "a waiting list in a single HTML page",
        "a label printer hooked up to a spreadsheet",
        "a reminder that sends one text message every Thursday",
        "a search box over a folder of text files",
        "a tide-times board",
        "a little tool that splits the heating bill",
    ]

    static let communities = [
        "our climbing club",
        "the food bank where I volunteer",
        "my aunt's choir",
        "a housing co-op of twelve households",
        "the village hall",
        "our seed library",
        "my dad's bowls club",
        "a two-person bike repair shop",
        "the school's parents' association",
        "a community fridge",
        "the sailing club",
        "a small print shop",
    ]

    static let storyOutcomes = [
        "It has outlived two laptops and one treasurer.",
        "Nobody knows it's software; they think I'm very organised.",
        "When it broke for a day, everyone noticed within an hour.",
        "Its only feature request in three years was a bigger font.",
        "It has exactly one user, and she is its fiercest tester.",
        "Every attempt to replace it with a proper system has failed.",
        "The whole thing is one file on a tiny computer in a cupboard.",
        "The volunteers asked for one thing: a big red number when we run out.",
        "I've touched the code twice since 2019.",
        "It costs nothing to run and saves someone an evening every week.",
        "It is plain, and it is the most used thing I've ever made.",
        "They still print everything it shows, and that's fine.",
    ]

    static let answerTails = [
        "Still running.",
        "Zero complaints, one cake.",
        "Please don't tell them it's held together with tape.",
        "I check on it every spring, like a garden.",
    ]

    static let shortReplies = [
        "This.",
        "Same!",
        "Ha, yes.",
        "Seconded.",
        "Bookmarking this thread.",
        "So true.",
        "Love this.",
        "Exactly this.",
    ]

    static let replyOpeners = [
        "{name}, this is wonderful.",
        "Ha, same here, {name}.",
        "Agreed, with one caveat.",
        "I love this.",
        "Yes!",
        "Respectfully, I'd push back a little.",
        "Came here to say exactly this.",
        "This made my morning, {name}.",
        "Oh, I recognise this one.",
        "Good point, {name}.",
        "Interesting.",
        "Not sure I agree, {name}.",
    ]

    static let replyBodies = [
        "We had nearly the same setup, and the only thing I'd change is a daily export.",
        "How did you handle it when the person who asked for it moved on?",
        "Did you ever regret not using a proper framework? I keep wondering about that.",
        "The printed copy is underrated. Ours saved a whole term of bookings once.",
        "It depends on who ends up maintaining it. If that's a volunteer, simpler always wins.",
        "Would you share the script? Even a rough version would help.",
        "We tried the opposite, a big hosted platform, and came back within a year.",
        "That's the dream: software nobody notices.",
        "I'd be careful with no accounts, though. One unhappy ex-member with the link can ruin a week.",
        "Feedback over a cup of tea beats any analytics dashboard.",
        "Honestly the hardest part for me is saying no to new features.",
        "Mine runs on a ten-year-old laptop, and I'm slightly afraid to touch it.",
        "Curious: do you keep it in version control, or is it one file on the server?",
        "We solved that with a weekly email of the whole table as a CSV. Nobody reads it, everybody feels safe.",
        "The boring option is boring because it works.",
        "The moment you add a login page, you also add a password-reset help line.",
        "I laughed at this, then realised I do exactly the same thing.",
        "Fair, but someone takes over eventually. Writing it down is the real gift.",
        "How long did it take before people trusted it over the old way?",
        "We had the same argument in our club, and the spreadsheet won. For now.",
        "I think you're both right, and the difference is who gets the phone call.",
        "That's a lovely detail. Small tools are full of them.",
        "Do you charge for this kind of work, or is it all volunteering?",
        "Wait until the first time it breaks on a Saturday morning. Then you find out what matters.",
    ]

    static let approaches = [
        "the same thing with a shared folder",
        "something similar with a paper sign-up sheet and a scanner",
        "a tiny web form",
        "a weekly email instead of an app",
        "a whiteboard and a photo of it every evening",
        "a single spreadsheet with locked columns",
        "a text-message reminder",
        "a printed rota on the fridge",
    ]

    static let results = [
        "it's still running",
        "nobody has complained in two years",
        "it lasted until the treasurer changed",
        "it broke exactly once, on the day of the annual meeting",
        "people liked it more than the app it replaced",
        "I've never had to touch it since",
    ]

    static let writerReplies = [
        "Thank you, {name}. This is exactly the kind of story I hoped the post would bring out.",
        "Stories like this are why I write the newsletter, {name}.",
        "Good question. I keep everything in one repository with the instructions in the README, so whoever comes next starts there.",
        "I'd love to feature this in a future post, {name}, if you're up for it.",
        "Agreed. I should have made that a rule of its own.",
        "That's a fair push-back, {name}, and I don't have a perfect answer. Small is not the same as safe.",
        "Ha! I have one of those too. Mine is held together by a scheduled job and good intentions.",
        "Noted for the follow-up post. Thank you for reading so closely, {name}.",
    ]

    // "Software for one: a small manifesto"

    static let manifestoLines = [
        "The part about writing the instructions first is the one I wish I'd learned ten years ago.",
        "**Leave** is the hardest rule for me. I keep finding reasons to add one more feature instead.",
        "I think the enemy isn't complexity but *accidental* complexity: parts picked because they were fashionable that year.",
        "My test is simple: can the person who owns the data get it out without me?",
        "The best decision I ever made was refusing to add user accounts. Everyone with the link can edit, and that has been fine for five years.",
        "I've learned the hard way that *one user* does not mean *no tests*.",
        "The cost nobody mentions is the phone call at eleven at night. Designing so that call never comes is the whole job.",
        "There's a quiet dignity in software that knows its size.",
        "I'd add a fourth rule: keep the data in a format you could still open in twenty years.",
        "A scheduled job and a text file have outlived three platforms I was told to migrate to.",
        "What I underestimated was how much people value *seeing* their data, not just using it.",
        "I've started treating the printed copy as part of the system, not a fallback.",
        "My rule of thumb: if the fix requires me personally, the design is wrong.",
        "It's also simply more fun. You meet your users. Sometimes they bring cake.",
        "The hardest part isn't the code, it's the handover. Nobody wants to inherit a mystery.",
        "I wish more of our industry measured success in years of quiet running rather than in users.",
        "Half of my small tools exist because a big tool was missing one checkbox.",
        "I disagree a little on looks. A bit of care in how it looks is what makes people trust it.",
        "For volunteers, the best interface is the one they already know: a form, a list, a button.",
        "I would love a follow-up on how you decide when a small tool has become a big one.",
    ]

    static let manifestoQuotes = [
        "Software for one person is still software.",
        "When it breaks, the fix is a phone call, not a ticket.",
        "If a part needs me to upgrade it every month, it is the wrong part.",
        "we forgot it was a program",
        "It serves people you can name, not a market.",
        "The real test is whether the thing survives me going on holiday.",
    ]

    static let manifestoExtras = [
        "My entire deployment is `scp app.py shed:` followed by a restart. I am not ashamed.",
        "The sticky note on our router says `off, count to ten, on`, and it has resolved more incidents than any dashboard.",
        "Everything lives in one `data.sqlite` file and a folder of templates. The backup is a copy of that file.",
        "I wrote up my own version of these rules a while ago: https://notes.example.org/small-rules",
        "If anyone wants more stories like these, I keep a list at https://smallsoftware.example.com/stories",
        "**Small is a choice**, not a phase you grow out of.",
        "Our whole runbook:\n`systemctl restart bookings`\nthen make a cup of tea.",
        "*Boring* is the highest praise I can give a tool.",
    ]

    // "Hello from the kitchen table"

    static let helloLines = [
        "Welcome! Subscribed the moment I saw the word *allotment*.",
        "Hello from a fellow kitchen-table programmer. I look after the booking sheet for our village hall.",
        "So glad this exists. Most of what I read is about scaling to millions, and I just want to help twelve people.",
        "I write small tools for my mum's pottery studio, and I've never found anyone writing about this kind of work.",
        "The ring binder line got me. Our sailing club still has one, and it still wins every argument.",
        "Count me in. I'd especially love posts about handing things over to people who don't code.",
        "Could you cover how you price this kind of work, if you charge for it at all?",
        "Greetings from a school IT cupboard, where everything is small software held together with hope.",
        "This is the newsletter I didn't know I needed.",
        "Fellow three-user software author here. Ours is a rota for a community fridge.",
        "Sunday posts are perfect. That's exactly when I fix things for my family.",
        "Please write about the failures too. I learn the most from what broke at two in the morning.",
    ]

    static let helloQuotes = [
        "Most of them have three.",
        "The best software I ever wrote fits on one screen and has been running since before my daughter could walk.",
        "what broke at two in the morning",
    ]

    static let helloExtras = [
        "I keep my own notes at https://notes.example.org/kitchen-table if anyone wants to compare.",
        "My entire toolbox: a text editor, `sqlite3`, and a label printer.",
        "**Subscribed.** Also forwarded to two friends who run a bike co-op.",
        "*Finally*, someone writing for the rest of us.",
    ]

    // "Backups nobody has to remember"

    static let backupLines = [
        "The line about a backup you've never restored being a hope is going straight into our onboarding notes.",
        "We do almost exactly this for the scout group, but I never thought to prune old copies. The disk filled up last spring.",
        "How do you test the restore without a spare machine? A virtual machine, or just a second folder?",
        "Printing the membership list every term is genius. Treasurers and paper: a love story.",
        "I'd add: write the restore steps down *next to* the backup, not in your head.",
        "Our choir lost two years of attendance to a dead laptop before we learned this. I wish I'd read it then.",
        "Using the database's own backup command instead of a plain copy is the step people get wrong most often, in my experience.",
        "Lovely and practical. The quarterly restore is the habit I'm taking from this.",
        "Where does your off-site copy live? Ours is a USB stick in the treasurer's bag, which feels both wrong and right.",
        "Ten minutes a quarter is such a small price. I'm putting it in the calendar right now.",
    ]

    static let backupQuotes = [
        "A backup you have never restored is a hope, not a backup.",
        "the most common disaster is the laptop itself",
        "the treasurer trusts paper",
    ]

    static let backupExtras = [
        "Our version, for the record:\n`sqlite3 club.db '.backup /mnt/usb/club.db'`\nand the stick goes home with the treasurer.",
        "I wrote a short checklist for this a while back: https://notes.example.org/restore-checklist",
        "**Test the restore.** Saying it again for the people at the back.",
        "*Hope* is not a backup plan, and neither is a cloud folder nobody has opened.",
    ]
}
