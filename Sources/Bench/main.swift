import App
import Domain
import Foundation
import Storage
import UseCases

// parley-bench DATA_FOLDER [DATABASE_URL]: fills an empty site with two posts for page benchmarks:
//   /p/small-thread  10 comments
//   /p/large-thread  10,000 comments: 2,000 roots, replies nested up to the depth limit,
//                    and one root with 3,000 replies of its own.
// Comments go through the same use case as the web form, so the stored shape is real.

guard (2...3).contains(CommandLine.arguments.count) else {
    FileHandle.standardError.write(Data("usage: parley-bench DATA_FOLDER [postgres://...]\n".utf8))
    exit(2)
}
let configuration = ParleyConfiguration(
    dataDirectory: CommandLine.arguments[1],
    databaseURL: CommandLine.arguments.count == 3 ? CommandLine.arguments[2] : nil, passwordCost: 4)

/// A deterministic sequence, so every run builds the same discussion.
struct Dice {
    var random = SeededRandom(seed: 42)
    mutating func next(_ bound: Int) -> Int { random.below(bound) }
}

/// Fills `post` with `count` comments: mostly replies to recent comments, and for a big
/// discussion, its last 30% all under one root, to make one very wide thread.
@Sendable func fill(_ post: Post, count: Int, readers: [Member], actions: Actions, dice: inout Dice) async throws {
    var recent: [Comment] = []
    var wideRoot: Comment?
    for index in 0..<count {
        let author = readers[dice.next(readers.count)]
        var parent: CommentID?
        if count >= 1000, index >= count * 7 / 10, let wide = wideRoot {
            parent = wide.id
        } else if !recent.isEmpty, dice.next(5) != 0 {
            parent = recent[dice.next(recent.count)].id
        }
        let comment = try await actions.postComment(
            postID: post.id, replyTo: parent, text: "Comment \(index): a few words of **benchmark** text.", by: author)
        if comment.isRoot, wideRoot == nil, count >= 1000 { wideRoot = comment }
        recent.append(comment)
        if recent.count > 40 { recent.removeFirst() }
        if dice.next(3) == 0 { _ = try await actions.toggleLike(commentID: comment.id, by: readers[dice.next(readers.count)]) }
    }
}

let summary = try await SiteOpening.withSite(configuration, creating: true) { site, siteActions -> String in
    // Seeding mails no one: no notifications for made-up replies, no newsletter for made-up posts.
    let actions = Actions(store: site.store, passwords: siteActions.passwords, events: siteActions.events, mail: .seeding)
    guard try await site.store.postCount() == 0 else { return "parley-bench: \(configuration.dataDirectory) is not empty" }
    try await site.store.updatePublication(Publication(name: "Bench Weekly", description: "A publication for measuring."))
    let writer = try await actions.addMember(AddMemberInput(email: "writer@bench.example", displayName: "Wren Writer", role: .owner))
    var readers: [Member] = []
    for index in 0..<50 {
        readers.append(try await actions.addMember(AddMemberInput(email: "reader\(index)@bench.example", displayName: "Reader \(index)")))
    }
    let earlier = Date().addingTimeInterval(-86_400)
    let small = try await actions.addPost(
        AddPostInput(
            title: "Small thread", bodyMarkdown: "Ten comments.", authorEmail: writer.email,
            slug: "small-thread", publishedAt: earlier, emailSubscribers: false))
    let large = try await actions.addPost(
        AddPostInput(
            title: "Large thread", bodyMarkdown: "Ten thousand comments.", authorEmail: writer.email,
            slug: "large-thread", publishedAt: earlier, emailSubscribers: false))
    let started = Date()
    var dice = Dice()
    try await fill(small, count: 10, readers: readers, actions: actions, dice: &dice)
    try await fill(large, count: 10_000, readers: readers, actions: actions, dice: &dice)
    let smallCount = try await site.store.post(id: small.id)!.commentCount
    let largeCount = try await site.store.post(id: large.id)!.commentCount
    return
        "seeded small-thread (\(smallCount) comments) and large-thread (\(largeCount) comments) on \(site.engine) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
}
print(summary)
