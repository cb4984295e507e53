import App
import Domain
import Foundation
import Storage
import UseCases

// parley-bench DATA_FOLDER: fills an empty site with two posts for page benchmarks:
//   /p/small-thread  10 comments
//   /p/large-thread  10,000 comments: 2,000 roots, replies nested up to the depth limit,
//                    and one root with 3,000 replies of its own.
// Comments go through the same use case as the web form, so the stored shape is real.

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: parley-bench DATA_FOLDER\n".utf8))
    exit(2)
}
let configuration = ParleyConfiguration(dataDirectory: CommandLine.arguments[1], passwordCost: 4)
let store = try SiteOpening.openStore(configuration)
guard try await store.postCount() == 0 else {
    FileHandle.standardError.write(Data("parley-bench: \(configuration.dataDirectory) is not empty\n".utf8))
    exit(1)
}
let actions = SiteOpening.actions(store: store, configuration: configuration)
try await store.updatePublication(Publication(name: "Bench Weekly", description: "A publication for measuring."))
let writer = try await actions.addMember(AddMemberInput(email: "writer@bench.example", displayName: "Wren Writer", role: .owner))
var readers: [Member] = []
for index in 0..<50 {
    readers.append(try await actions.addMember(AddMemberInput(email: "reader\(index)@bench.example", displayName: "Reader \(index)")))
}
let earlier = Date().addingTimeInterval(-86_400)
let small = try await actions.addPost(AddPostInput(title: "Small thread", bodyMarkdown: "Ten comments.", authorEmail: writer.email,
                                                   slug: "small-thread", publishedAt: earlier))
let large = try await actions.addPost(AddPostInput(title: "Large thread", bodyMarkdown: "Ten thousand comments.", authorEmail: writer.email,
                                                   slug: "large-thread", publishedAt: earlier))

/// A deterministic sequence, so every run builds the same discussion.
var state: UInt64 = 42
@MainActor func next(_ bound: Int) -> Int {
    state = state &* 6364136223846793005 &+ 1442695040888963407
    return Int((state >> 33) % UInt64(bound))
}

@MainActor func fill(_ post: Post, count: Int) async throws {
    var recent: [Comment] = []
    var wideRoot: Comment?
    for index in 0..<count {
        let author = readers[next(readers.count)]
        var parent: CommentID?
        if count >= 1000, index >= count * 7 / 10, let wide = wideRoot {
            parent = wide.id  // the last 30%: one very wide thread
        } else if !recent.isEmpty, next(5) != 0 {
            parent = recent[next(recent.count)].id
        }
        let comment = try await actions.postComment(postID: post.id, replyTo: parent, text: "Comment \(index): a few words of **benchmark** text.", by: author)
        if comment.isRoot, wideRoot == nil, count >= 1000 { wideRoot = comment }
        recent.append(comment)
        if recent.count > 40 { recent.removeFirst() }
        if next(3) == 0 { _ = try await actions.toggleLike(commentID: comment.id, by: readers[next(readers.count)]) }
    }
}

let started = Date()
try await fill(small, count: 10)
try await fill(large, count: 10_000)
let smallCount = try await store.post(id: small.id)!.commentCount
let largeCount = try await store.post(id: large.id)!.commentCount
print("seeded small-thread (\(smallCount) comments) and large-thread (\(largeCount) comments) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
