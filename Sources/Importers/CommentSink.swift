import Domain
import Foundation
import Storage

/// The state of one comment import between batches: the file's threads, the replies waiting
/// for a parent later in the file, and the tally. Decisions about single records (keys,
/// authors, bodies, where a thread goes) are in `CommentSink+Records.swift`.
struct CommentSink {
    /// Replies kept waiting for their parent at most, by count and by the bytes of their text;
    /// past either, a reply whose parent has not come goes in at the top level at once
    /// (reported), so memory stays bounded on any file.
    struct WaitingLimit: Sendable {
        var count = 50_000
        var bytes = 32 << 20
    }

    let source: String
    let store: any SiteStore
    let options: ImportOptions
    let startedAt: Date
    private(set) var recordsRead = 0
    var tally = ImportTally()
    /// The file's threads by their external id, resolved at their first comment.
    var threads: [String: ThreadState] = [:]
    var owner: MemberID?
    /// Replies by the key of the parent they wait for.
    private var waiting: [String: [PreparedComment]] = [:]
    private var waitingCount = 0
    private var waitingBytes = 0
    /// Comments whose parent is known, in the order they are to be written.
    private var ready: [PreparedComment] = []
    private var placeholdersMade = 0

    let waitingLimit: WaitingLimit

    init(source: String, store: any SiteStore, options: ImportOptions, startedAt: Date, waitingLimit: WaitingLimit = WaitingLimit()) {
        self.waitingLimit = waitingLimit
        self.source = source
        self.store = store
        self.options = options
        self.startedAt = startedAt
    }

    /// Takes one batch of the reader's records and writes what can be written.
    mutating func take(_ records: [ImportRecord]) async throws {
        var candidates: [PreparedComment] = []
        for record in records {
            recordsRead += 1
            switch record {
            case .thread(let thread):
                if threads[thread.externalID] == nil { threads[thread.externalID] = .seen(thread) }
            case .skipped(let reason, let id):
                tally.skip(reason, example: id)
            case .comment(let comment):
                if comment.state == .spam {
                    tally.skip(SummaryLabel.spam, example: comment.externalID)
                    continue
                }
                guard let discussion = try await discussionStep(for: comment) else { continue }
                candidates.append(prepare(comment, discussion: discussion))
            }
        }
        try await place(candidates)
        try await write()
    }

    /// Writes the replies whose parent never came, at the top level, then removes the
    /// placeholders of deleted comments nobody replied to.
    mutating func finish() async throws {
        // Each round lets go the replies whose parent is not itself waiting (so a chain keeps
        // its shape below its first orphan); a round that finds none breaks a cycle.
        var rounds = 0
        while waitingCount > 0, rounds <= waitingLimit.count {
            rounds += 1
            let waitingKeys = Set(waiting.values.joined().map(\.row.key))
            var parents = waiting.keys.filter { !waitingKeys.contains($0) }
            if parents.isEmpty { parents = Array(waiting.keys) }
            for parent in parents.sorted() { release(parent) }
            try await write()
        }
        let pruned = try await store.pruneImportedPlaceholders(source: source)
        tally.add(SummaryLabel.placeholders, max(0, placeholdersMade - pruned))
        tally.skip(SummaryLabel.deletedAlone, pruned)
    }

    func summary() -> ImportSummary {
        let imported = SummaryLabel.importedOrder.compactMap { label in tally.imported.first { $0.label == label } }
        let others = tally.imported.filter { !SummaryLabel.importedOrder.contains($0.label) }
        var notes: [String] = []
        let added = tally.imported.reduce(0) { $0 + $1.count }
        if added == 0, tally.count(SummaryLabel.already) > 0 {
            notes.append("Everything in this file was imported before: nothing was added.")
        }
        if tally.count(SummaryLabel.orphans) > 0 {
            notes.append("Orphans are replies whose parent is not in the file (or was spam): they start their own thread.")
        }
        return ImportSummary(
            kind: source, imported: imported.isEmpty ? [ImportSummary.Line(label: SummaryLabel.comments, count: 0)] : imported + others,
            skipped: tally.skipped, notes: notes)
    }

    // MARK: Order

    /// Puts each candidate in line to be written once its parent is known: written earlier (this
    /// run or another), or in line before it. The others wait for their parent.
    private mutating func place(_ candidates: [PreparedComment]) async throws {
        guard !candidates.isEmpty else { return }
        let inBatch = Set(candidates.map(\.row.key))
        let outside = Set(candidates.compactMap(\.row.parentKey)).subtracting(inBatch)
        let known = try await store.importedKeys(source: source, kind: .comment, among: Array(outside))
        for candidate in candidates {
            if let parent = candidate.row.parentKey, !known.contains(parent), !inLine.contains(parent) {
                wait(candidate, for: parent)
            } else {
                enqueue(candidate)
            }
        }
    }

    /// Keys of the comments put in line since the last write.
    private var inLine: Set<String> = []

    /// Puts `comment` in line, then the replies that waited for it (and theirs, parents always
    /// before their replies); a loop, not recursion, since a chain may be long.
    private mutating func enqueue(_ comment: PreparedComment) {
        var stack = [comment]
        while let next = stack.popLast() {
            ready.append(next)
            inLine.insert(next.row.key)
            if let children = waiting.removeValue(forKey: next.row.key) {
                waitingCount -= children.count
                waitingBytes -= children.reduce(0) { $0 + $1.size }
                stack.append(contentsOf: children.reversed())
            }
        }
    }

    /// Puts in line the replies that waited for `key`, which will not come.
    private mutating func release(_ key: String) {
        guard let children = waiting.removeValue(forKey: key) else { return }
        waitingCount -= children.count
        waitingBytes -= children.reduce(0) { $0 + $1.size }
        for child in children { enqueue(child) }
    }

    private mutating func wait(_ comment: PreparedComment, for parent: String) {
        guard waitingCount < waitingLimit.count, waitingBytes + comment.size <= waitingLimit.bytes else {
            // Too many replies ahead of their parents to keep: this one starts its own thread.
            var orphan = comment
            orphan.row.parentKey = nil
            tally.add(SummaryLabel.orphansEarly, example: comment.externalID)
            enqueue(orphan)
            return
        }
        waiting[parent, default: []].append(comment)
        waitingCount += 1
        waitingBytes += comment.size
    }

    // MARK: Writing

    /// Writes the comments in line, a batch per transaction, each preceded by the steps for its
    /// discussion and author the first time the batch meets them.
    private mutating func write() async throws {
        var start = 0
        while start < ready.count {
            let slice = ready[start..<min(ready.count, start + CommentImport.batchSize)]
            start += slice.count
            var batch = ImportBatch(source: source, at: startedAt)
            var stepped: Set<String> = []
            for comment in slice {
                if case .discussion(let key, _) = comment.discussion, stepped.insert("t" + key).inserted {
                    batch.steps.append(comment.discussion)
                }
                if stepped.insert("a" + comment.row.authorKey).inserted { batch.steps.append(comment.author) }
                batch.steps.append(.comment(comment.row))
            }
            let outcome = try await store.importBatch(batch)
            count(outcome, of: slice)
        }
        ready.removeAll(keepingCapacity: true)
        inLine.removeAll(keepingCapacity: true)
    }

    private mutating func count(_ outcome: ImportBatchOutcome, of slice: ArraySlice<PreparedComment>) {
        var byKey: [String: PreparedComment] = [:]
        for comment in slice where byKey[comment.row.key] == nil { byKey[comment.row.key] = comment }
        for key in outcome.insertedComments {
            guard let comment = byKey[key] else { continue }
            switch comment.row.fate {
            case .visible: tally.add(SummaryLabel.comments)
            case .held: tally.add(SummaryLabel.held, example: comment.externalID)
            case .placeholder: placeholdersMade += 1
            }
            if comment.cut { tally.add(SummaryLabel.cut, example: comment.externalID) }
            if comment.emptied { tally.add(SummaryLabel.emptied, example: comment.externalID) }
        }
        tally.skip(SummaryLabel.already, outcome.alreadyImported.count)
        for key in outcome.orphans { tally.add(SummaryLabel.orphans, example: byKey[key]?.externalID ?? key) }
        for key in outcome.flattened { tally.add(SummaryLabel.flattened, example: byKey[key]?.externalID ?? key) }
        tally.add(SummaryLabel.discussionsMade, outcome.discussionsMade)
        tally.add(SummaryLabel.discussionsJoined, outcome.discussionsJoined)
        tally.add(SummaryLabel.guests, outcome.guestsMade)
        tally.add(SummaryLabel.members, outcome.authorsMatched)
        for key in outcome.staffAddresses { tally.add(SummaryLabel.staffAddresses, example: key) }
    }
}

/// What the summary calls each thing it counts.
enum SummaryLabel {
    static let comments = "comments"
    static let held = "comments held for moderation: pending in the old system"
    static let placeholders = "deleted comments kept as placeholders: they have replies"
    static let discussionsMade = "discussions made"
    static let discussionsJoined = "discussions joined: already on this site"
    static let guests = "authors added as guests"
    static let members = "authors matched to members by email"
    static let staffAddresses =
        "authors giving a staff member's address: added as guests, not matched (an export's addresses are not proven)"
    static let orphans = "orphans imported at the top level: parent not in the file"
    static let orphansEarly = "orphans imported at the top level: too many replies before their parents"
    static let flattened = "replies deeper than \(Limits.maxDepth) levels attached higher up"
    static let cut = "comments cut to \(Limits.commentLength) characters"
    static let emptied = "comments with no text left once their HTML was reduced: placeholders while replied to"
    static let already = "already imported"
    static let spam = "marked spam"
    static let deletedAlone = "deleted, with no replies"
    static let noThread = "thread not in the file"

    static let importedOrder = [
        comments, held, placeholders, discussionsMade, discussionsJoined, guests, members, orphans, orphansEarly, flattened, cut,
        emptied,
    ]
}
