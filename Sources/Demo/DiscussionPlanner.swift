import Domain
import Foundation

/// Lengths of time the demo is laid out in.
enum DemoTime {
    static let hour: TimeInterval = 3_600
    static let day: TimeInterval = 86_400
}

/// One comment the demo will write: where in its thread, by whom, when, and who likes it.
struct PlannedComment: Sendable {
    /// Index of the parent in the same plan; a parent always comes earlier in the plan.
    var parent: Int?
    /// As planned; the store folds anything deeper than `Limits.maxDepth` into the last level.
    var depth: Int
    /// Index into `DemoCast.people`.
    var author: Int
    var text: String
    var time: Date
    /// Indices into `DemoCast.people`, each liking the comment once; never the author.
    var likers: [Int]
}

/// Builds the plan of one discussion from a seed: pure, so it is the same on every run.
struct DiscussionPlanner {
    let cast: DemoCast
    let phrases: DemoPhrases
    var rng: SeededRandom
    /// No comment is placed before `start` or after `end`.
    let start: Date
    let end: Date
    var plan: [PlannedComment] = []

    init(cast: DemoCast, phrases: DemoPhrases, seed: UInt64, start: Date, end: Date) {
        self.cast = cast
        self.phrases = phrases
        rng = SeededRandom(seed: seed)
        self.start = start
        self.end = end
    }

    mutating func scripted(_ items: [ScriptedComment]) -> [PlannedComment] {
        for item in items {
            let time = min(start.addingTimeInterval(item.hoursAfterStart * DemoTime.hour), end)
            add(parent: item.parent, author: cast.index(item.author), text: item.text, time: time, likes: item.likes)
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
            let root = add(
                parent: nil, author: topic.busyRootAuthor.map(cast.index) ?? cast.reader, text: text, time: time, likes: cast.people.count)
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
            let root = add(
                parent: nil, author: cast.moderator, text: note,
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
                if length >= 8, step == 5, plan[previous].author != cast.writer { author = cast.writer }
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
        for index in cast.people.indices where index != author { pool.append(index) }
        let taken = max(0, min(count, pool.count))
        for slot in 0..<taken { pool.swapAt(slot, slot + rng.below(pool.count - slot)) }
        return Array(pool.prefix(taken))
    }

    /// A reader (never the writer or moderator), the talkative ones more often.
    mutating func pickCommenter(excluding excluded: Int?) -> Int {
        var weights: [Double] = []
        for (index, person) in cast.people.enumerated() {
            weights.append(index == excluded ? 0 : person.activity)
        }
        return rng.weighted(weights)
    }

    /// Who answers a comment: now and then the writer or the moderator, else a reader.
    mutating func replyAuthor(to parentAuthor: Int, _ shape: DiscussionShape) -> Int {
        if parentAuthor != cast.writer, rng.chance(shape.writerReplyChance) { return cast.writer }
        if parentAuthor != cast.moderator, rng.chance(0.025) { return cast.moderator }
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
        if rng.chance(0.4) { first.append(rng.pick(phrases.rootOpeners)) }
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
        if rng.chance(0.2) { paragraphs.append(rng.pick(phrases.closers)) }
        return paragraphs.joined(separator: "\n\n")
    }

    /// A reply: short, or an opener (often naming the parent's author) and a line or two.
    mutating func replyText(to parent: Int, by author: Int, _ topic: DemoTopic) -> String {
        let name = cast.firstName(plan[parent].author)
        if author == cast.writer { return rng.pick(phrases.writerReplies).replacingOccurrences(of: "{name}", with: name) }
        if rng.chance(0.1) { return rng.pick(phrases.shortReplies) }
        var parts: [String] = []
        let roll = rng.unit()
        if roll < 0.35 {
            parts.append(rng.pick(phrases.replyOpeners).replacingOccurrences(of: "{name}", with: name))
        } else if roll < 0.45 {
            parts.append("@" + name)
        }
        parts.append(rng.chance(0.2) ? replyStory() : rng.pick(phrases.replyBodies))
        if rng.chance(0.12) { parts.append(rng.pick(topic.rootLines)) }
        var paragraphs = [parts.joined(separator: " ")]
        let extra = rng.unit()
        if extra < 0.06, !topic.quotes.isEmpty {
            paragraphs.insert("> " + rng.pick(topic.quotes), at: 0)
        } else if extra < 0.14, !topic.extras.isEmpty {
            paragraphs.append(rng.pick(topic.extras))
        }
        if rng.chance(0.1) { paragraphs.append(rng.pick(phrases.closers)) }
        return paragraphs.joined(separator: "\n\n")
    }

    /// An answer to the busy root's question: one line about the reader's own small program.
    mutating func answerText() -> String {
        let line = story()
        return rng.chance(0.25) ? line + " " + rng.pick(phrases.answerTails) : line
    }

    /// "Last winter I built a booking sheet for our climbing club. It has outlived two laptops."
    mutating func story() -> String {
        let lead = rng.pick(phrases.storyLeads), thing = rng.pick(phrases.storyThings)
        let community = rng.pick(phrases.communities), outcome = rng.pick(phrases.storyOutcomes)
        return "\(lead) \(thing) for \(community). \(outcome)"
    }

    /// "We did a tiny web form for the village hall and it's still running."
    mutating func replyStory() -> String {
        let approach = rng.pick(phrases.approaches), community = rng.pick(phrases.communities), result = rng.pick(phrases.results)
        return "We did \(approach) for \(community), and \(result)."
    }
}

// MARK: - Randomness

/// The demo's own draws on top of `SeededRandom`, so the demo is the same on every run.
extension SeededRandom {
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
