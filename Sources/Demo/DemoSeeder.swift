import Domain
import Foundation
import Storage
import UseCases

/// Writes the demo through the use cases, each write at its own moment in the past.
struct DemoSeeder {
    let content: DemoContent
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
        for (index, demo) in content.posts.enumerated() {
            let published = now.addingTimeInterval(-demo.daysAgo * DemoTime.day)
            let post = try await actions(at: published).addPost(
                AddPostInput(
                    title: demo.title, subtitle: demo.subtitle, bodyMarkdown: demo.body,
                    authorEmail: content.cast.people[content.cast.writer].email, slug: demo.slug, publishedAt: published,
                    emailSubscribers: false))
            // A seed per post: changing one discussion leaves the others as they were.
            var planner = DiscussionPlanner(
                cast: content.cast, phrases: content.phrases,
                seed: 0x7061_726C_6579 &+ UInt64(index),
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

    /// The members, in `DemoCast.people` order (the indices plans use), joined a few weeks
    /// before the first post. Only the writer and the reader get a password: bcrypt is slow
    /// on purpose, and nobody signs in as the others.
    func addCast() async throws -> [Member] {
        var members: [Member] = []
        let first = now.addingTimeInterval(-75 * DemoTime.day)
        for (index, person) in content.cast.people.enumerated() {
            let joined = first.addingTimeInterval(Double(index) * 7 * DemoTime.hour)
            members.append(
                try await actions(at: joined).addMember(
                    AddMemberInput(
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
