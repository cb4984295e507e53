import Domain
import Foundation
import Storage
import UseCases

/// The sample site behind `parley serve --demo`: a publication, its writer and readers, five
/// posts and discussions of every size, so a first run shows every part of the product.
///
/// Everything except the publication's name is written through `Actions`, the use cases a
/// reader's request goes through, so the demo can never hold data the product could not make.
/// The content is our own text, in the files of `Sources/Demo/Content` (``DemoContent``),
/// combined by a seeded generator (``DiscussionPlanner``): it is the same on every run and
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
        let content = try DemoContent.load()
        guard try await store.postCount() == 0 else { return false }
        guard try await store.memberCount() == 0 else { return false }
        // Naming the publication is setup, not a member's action, and no use case owns it yet
        // (the writer's dashboard will): seeding writes it to the store directly.
        try await store.updatePublication(content.publication)
        let seeder = DemoSeeder(content: content, store: store, passwords: passwords, now: now.truncatedToMilliseconds)
        try await seeder.run()
        return true
    }
}
