import Domain
import Foundation
import Storage
import Testing

/// The archive's search, held to one expected answer on every engine, and the two engines held
/// to each other on many queries.
@Suite("Post search")
struct PostSearchTests {
    /// A small publication: (slug, title, subtitle, teaser, rest of the body, audience, state, published).
    static let corpus: [(String, String, String, String, String, PostAudience, PostState, Double)] = [
        (
            "garden", "The winter garden", "Notes on frost", "Frost came early to the garden.", "Kale survives; basil does not.", .everyone,
            .published, 10
        ),
        (
            "bees", "Bees in December", "A quiet hive", "The hive hums through the cold.", "Winter bees live longer than summer bees.",
            .everyone, .published, 20
        ),
        (
            "bread", "Sourdough at altitude", "", "Bread rises faster up here.", "Use colder water and less starter in winter.", .everyone,
            .published, 30
        ),
        (
            "café", "Café crème", "Coffee with accents", "A café in Zürich serves crème.", "Naïve baristas froth too long.", .everyone,
            .published, 40
        ),
        (
            "secret", "The members' letter", "For subscribers", "An opening anyone may read.", "Hidden winter plans about the orchard.",
            .subscribers, .published, 50
        ),
        ("draft", "Winter draft", "", "Not yet.", "Winter winter winter.", .everyone, .draft, 60),
        ("later", "Winter to come", "", "Scheduled.", "Winter is scheduled.", .everyone, .scheduled, 10_000),
        (
            "hyphen", "Well-known tricks", "e-mail and URLs", "See https://example.com/winter-path for more.", "Don't stop: 3.14 is pi.",
            .everyone, .published, 70
        ),
    ]

    static let now = at(1_000)

    /// Inserts the corpus and indexes it as the search use case does (words from `SearchTerms`).
    static func seed(_ site: Site) async throws -> [String: Post] {
        let author = try await site.member("writer", role: .owner)
        var posts: [String: Post] = [:]
        for (slug, title, subtitle, teaser, rest, audience, state, seconds) in corpus {
            let post = try await site.store.insertPost(
                NewPost(
                    slug: slug, title: title, subtitle: subtitle, bodyMarkdown: teaser + "\n\n" + rest,
                    bodyHTML: "<p>\(teaser)</p><p>\(rest)</p>", authorID: author.id, state: state, audience: audience,
                    publishedAt: state == .draft ? nil : at(seconds), createdAt: at(seconds)))
            posts[slug] = post
        }
        let entries = try await site.readers.postsNeedingSearchIndex(limit: 100).map { post in
            let (teaser, rest) = corpus.first { $0.0 == post.slug }.map { ($0.3, $0.4) }!
            return PostSearchEntry(
                postID: post.id, revision: post.revision, title: SearchTerms.words(in: post.title),
                subtitle: SearchTerms.words(in: post.subtitle), teaser: SearchTerms.words(in: teaser),
                body: SearchTerms.words(in: teaser + " " + rest))
        }
        try await site.readers.indexPostsForSearch(entries)
        return posts
    }

    static func search(_ site: Site, _ query: String, readsAll: Bool = false, limit: Int = 20, offset: Int = 0) async throws -> [String] {
        try await site.readers.searchPosts(
            PostSearch(terms: SearchTerms.query(query), readsSubscriberPosts: readsAll), now: now, limit: limit, offset: offset
        ).map(\.slug)
    }

    @Test(
        "Given a publication, when searched, then visible posts with every word are found, title matches first, then newer",
        arguments: StoreKind.allCases)
    func ranked(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            _ = try await Self.seed(site)
            // "winter" is in the garden's title (4 + body 1), the bees' body, the bread's body,
            // the hyphen post's teaser; the draft and the scheduled post are not visible.
            #expect(try await Self.search(site, "winter") == ["garden", "hyphen", "bread", "bees"])
            // Every word must be found, each as the start of a word.
            #expect(try await Self.search(site, "winter bee") == ["bees"])
            #expect(try await Self.search(site, "sour alt") == ["bread"])
            #expect(try await Self.search(site, "zzz") == [])
        }
    }

    @Test(
        "Given accents, capitals, hyphens and addresses, when searched, then words are found however they were typed",
        arguments: StoreKind.allCases)
    func folding(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            _ = try await Self.seed(site)
            #expect(try await Self.search(site, "CAFE creme") == ["café"])
            #expect(try await Self.search(site, "zurich naive") == ["café"])
            #expect(try await Self.search(site, "well known") == ["hyphen"])
            #expect(try await Self.search(site, "example.com") == ["hyphen"])
            #expect(try await Self.search(site, "don't 3.14") == ["hyphen"])
            #expect(try await Self.search(site, "\"drop table posts; --") == [])
        }
    }

    @Test(
        "Given a subscribers-only post, when a reader who may not read it searches, then only its title, subtitle and teaser find it",
        arguments: StoreKind.allCases)
    func subscribersOnly(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            _ = try await Self.seed(site)
            #expect(try await Self.search(site, "orchard") == [])
            #expect(try await Self.search(site, "orchard", readsAll: true) == ["secret"])
            #expect(try await Self.search(site, "opening anyone") == ["secret"])
            #expect(try await Self.search(site, "members letter") == ["secret"])
            // Ranked by what the reader may read: the hidden body adds nothing for them.
            #expect(try await Self.search(site, "winter").contains("secret") == false)
            #expect(try await Self.search(site, "winter", readsAll: true) == ["garden", "hyphen", "secret", "bread", "bees"])
        }
    }

    @Test("Given many matches, when paged, then pages follow the ranking without gaps or repeats", arguments: StoreKind.allCases)
    func paging(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            _ = try await Self.seed(site)
            let all = try await Self.search(site, "winter")
            var paged: [String] = []
            for offset in stride(from: 0, to: 8, by: 2) { paged += try await Self.search(site, "winter", limit: 2, offset: offset) }
            #expect(paged == all)
        }
    }

    @Test(
        "Given an indexed post, when its revision or the indexer's version moves on or it is deleted, then it needs indexing again or leaves the index",
        arguments: StoreKind.allCases)
    func staleEntries(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let posts = try await Self.seed(site)
            #expect(try await site.readers.postsNeedingSearchIndex(limit: 100).isEmpty)
            let bees = try #require(posts["bees"])
            // An entry of an older revision is stale.
            try await site.readers.indexPostsForSearch([
                PostSearchEntry(postID: bees.id, revision: bees.revision - 1, title: ["bees"], subtitle: [], teaser: [], body: [])
            ])
            #expect(try await site.readers.postsNeedingSearchIndex(limit: 100).map(\.id) == [bees.id])
            // So is an entry of this revision made by an older indexer: words are made anew.
            try await site.readers.indexPostsForSearch([
                PostSearchEntry(
                    postID: bees.id, revision: bees.revision, indexerVersion: SearchTerms.indexerVersion - 1, title: ["bees"], subtitle: [],
                    teaser: [], body: [])
            ])
            #expect(try await site.readers.postsNeedingSearchIndex(limit: 100).map(\.id) == [bees.id])
            try await site.readers.indexPostsForSearch([
                PostSearchEntry(postID: bees.id, revision: bees.revision, title: ["bees"], subtitle: [], teaser: [], body: [])
            ])
            #expect(try await site.readers.postsNeedingSearchIndex(limit: 100).isEmpty)
            // A post that is gone takes its words with it; an entry for it is ignored.
            try await site.readers.indexPostsForSearch([
                PostSearchEntry(postID: PostID(999_999), revision: 1, title: ["ghost"], subtitle: [], teaser: [], body: [])
            ])
            #expect(try await Self.search(site, "ghost") == [])
        }
    }

    /// Posts in scripts whose words hold spacing marks, and in circled letters, indexed as `seed` does.
    static func seedScripts(_ site: Site) async throws {
        let author = try await site.member("scribe", role: .owner)
        let texts = [("book", "किताब"), ("tomorrow", "कल"), ("bengali", "বই পড়া"), ("tamil", "தமிழ் நூல்"), ("circled", "Ⓐⓑⓒ club")]
        for (n, (slug, title)) in texts.enumerated() {
            _ = try await site.store.insertPost(
                NewPost(
                    slug: slug, title: title, subtitle: "", bodyMarkdown: title, bodyHTML: "<p>\(title)</p>", authorID: author.id,
                    state: .published, audience: .everyone, publishedAt: at(Double(80 + n)), createdAt: at(Double(80 + n))))
        }
        let entries = try await site.readers.postsNeedingSearchIndex(limit: 100).map { post in
            PostSearchEntry(
                postID: post.id, revision: post.revision, title: SearchTerms.words(in: post.title), subtitle: [], teaser: [],
                body: SearchTerms.words(in: post.title))
        }
        try await site.readers.indexPostsForSearch(entries)
    }

    @Test("Given posts in Devanagari and circled letters, when searched by the start of a word, then only that word's post is found")
    func wordsWithMarksAndSymbols() async throws {
        for kind in StoreKind.allCases {
            try await withSite(kind) { site async throws in
                try await Self.seedScripts(site)
                #expect(try await Self.search(site, "किता") == ["book"], "\(kind)")
                #expect(try await Self.search(site, "कल") == ["tomorrow"], "\(kind)")
                #expect(try await Self.search(site, "ⓐⓑⓒ") == ["circled"], "\(kind)")
            }
        }
    }

    @Test(
        "Given the same publication on SQLite and PostgreSQL, when searched in many ways, then both find the same posts in the same order")
    func sameOnBothEngines() async throws {
        guard StoreKind.allCases.contains(.postgres) else { return }
        var queries = ["winter", "w", "wi bee", "the", "a", "frost garden", "cafe", "cré", "bread up", "3", "14", "com", "s", "e", "zz"]
        for entry in Self.corpus { queries += SearchTerms.words(in: entry.1 + " " + entry.3).map { String($0.prefix(3)) } }
        // Spacing marks and symbols are inside words: "कि" begins "किताब" (a book) but not "कल".
        queries += ["कि", "किताब", "कल", "क", "ⓐ", "Ⓐⓑ", "ⓑ", "ⓐⓑⓒ", "বই", "தமிழ்"]
        var answers: [StoreKind: [String]] = [:]
        for kind in [StoreKind.sqlite, .postgres] {
            try await withSite(kind) { site async throws in
                _ = try await Self.seed(site)
                try await Self.seedScripts(site)
                var lines: [String] = []
                for query in queries {
                    for readsAll in [false, true] {
                        lines.append(
                            "\(query) \(readsAll): " + (try await Self.search(site, query, readsAll: readsAll)).joined(separator: ","))
                    }
                }
                answers[kind] = lines
            }
        }
        #expect(answers[.sqlite] == answers[.postgres])
        #expect(answers[.sqlite]?.count == queries.count * 2)
    }

    @Test("Given visible posts, when the archive is read a page at a time, then it lists them newest first", arguments: StoreKind.allCases)
    func archive(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            _ = try await Self.seed(site)
            let first = try await site.readers.archivePosts(now: Self.now, limit: 4, offset: 0).map(\.slug)
            let second = try await site.readers.archivePosts(now: Self.now, limit: 4, offset: 4).map(\.slug)
            #expect(first == ["hyphen", "secret", "café", "bread"])
            #expect(second == ["bees", "garden"])
            let addresses = try await site.readers.postAddresses(now: Self.now, limit: 100)
            #expect(addresses.map(\.slug) == first + second)
            #expect(addresses.first?.lastChanged == at(70))
        }
    }

    @Test(
        "Given a subscriber, when they like a post from a letter twice, then it counts once, and goes with the subscriber",
        arguments: StoreKind.allCases)
    func likes(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let posts = try await Self.seed(site)
            let bees = try #require(posts["bees"])
            _ = try await site.store.insertSubscriber(email: "sam@example.com", createdAt: t0)
            let sam = try #require(try await site.store.subscriber(email: "sam@example.com"))
            #expect(try await site.readers.likePost(postID: bees.id, subscriberID: sam.id, at: t0))
            #expect(try await site.readers.likePost(postID: bees.id, subscriberID: sam.id, at: t0) == false)
            #expect(try await site.readers.postLikeCount(postID: bees.id) == 1)
            await #expect(throws: StoreError.missing("post")) {
                try await site.readers.likePost(postID: PostID(999_999), subscriberID: sam.id, at: t0)
            }
            await #expect(throws: StoreError.missing("subscriber")) {
                try await site.readers.likePost(postID: bees.id, subscriberID: SubscriberID(999_999), at: t0)
            }
        }
    }

    @Test(
        "Given comments of every kind, when the comments feed reads them, then it gets the visible ones, newest first",
        arguments: StoreKind.allCases)
    func recentComments(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post("talk", by: ada)
            let first = try await site.comment(on: post, by: ada, at: at(1), text: "first")
            let reply = try await site.comment(on: post, by: ada, replyingTo: first, at: at(2), text: "reply")
            let gone = try await site.comment(on: post, by: ada, at: at(3), text: "gone")
            _ = try await site.store.deleteComment(id: gone.id, at: at(4))
            #expect(try await site.readers.recentComments(postID: post.id, limit: 10).map(\.id) == [reply.id, first.id])
            #expect(try await site.readers.recentComments(postID: post.id, limit: 1).map(\.id) == [reply.id])
        }
    }
}

extension Site {
    /// The readers' ports: the engines have them, the in-memory reference does not.
    var readers: any ReaderStore { store as! any ReaderStore }
}
