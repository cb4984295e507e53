import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UseCases

@Suite("The full discussion")
struct DiscussionTests {
    /// The ids of comment cards on a page, in page order.
    static func cardIDs(_ page: String) -> [Int64] {
        page.components(separatedBy: "data-comment-id=\"").dropFirst().compactMap { Int64($0.prefix { $0.isNumber }) }
    }

    /// The href of the first link with this class.
    static func link(_ cssClass: String, in page: String) -> String? {
        guard let range = page.range(of: "class=\"\(cssClass)\"") else { return nil }
        let after = page[range.upperBound...]
        guard let href = after.range(of: "href=\"") else { return nil }
        return String(after[href.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("Root comments page with cursors that stay stable while new comments arrive")
    func cursorPagingIsStable() async throws {
        // Given 45 root comments
        let site = try await TestSite()
        var roots: [CommentID] = []
        for index in 0..<45 { roots.append(try await site.comment("Root \(index)", by: site.reader).id) }
        let expected = roots.map(\.rawValue)
        try await site.test { browser async throws in
            // When a reader reads the oldest first, a page at a time, while others keep commenting
            var seen: [Int64] = []
            var uri: String? = "/p/\(site.post.slug)/comments?sort=old"
            var pages = 0
            while let current = uri, pages < 10 {
                let page = try await browser.get(current).text
                seen += Self.cardIDs(page)
                uri = Self.link("next-page", in: page)
                pages += 1
                try await site.comment("Interrupting \(pages)", by: site.owner)
            }
            // Then every original root appears exactly once, in order, across three pages
            #expect(Array(seen.prefix(45)) == expected)
            #expect(Set(seen).count == seen.count)
            #expect(pages >= 3)
        }
    }

    @Test("Sort switch offers Top, Newest and Oldest and orders roots accordingly")
    func sortOrders() async throws {
        let site = try await TestSite()
        let first = try await site.comment("First", by: site.reader)
        let second = try await site.comment("Second", by: site.reader)
        let liked = try await site.comment("Liked", by: site.reader)
        _ = try await site.actions.toggleLike(commentID: liked.id, by: site.owner)
        try await site.test { browser async throws in
            let top = try await browser.get("/p/\(site.post.slug)/comments?sort=top").text
            #expect(top.contains(">Top</a>") && top.contains(">Newest</a>") && top.contains(">Oldest</a>"))
            #expect(Self.cardIDs(top) == [liked.id, first.id, second.id].map(\.rawValue))
            let new = try await browser.get("/p/\(site.post.slug)/comments?sort=new").text
            #expect(Self.cardIDs(new) == [liked.id, second.id, first.id].map(\.rawValue))
            let old = try await browser.get("/p/\(site.post.slug)/comments?sort=old").text
            #expect(Self.cardIDs(old) == [first.id, second.id, liked.id].map(\.rawValue))
        }
    }

    @Test("Long reply chains fold behind N more replies links that lead to the rest")
    func longChainsFold() async throws {
        // Given a root with a chain five replies deep and twelve direct replies
        let site = try await TestSite()
        let root = try await site.comment("Root", by: site.reader)
        var parent = root.id
        for depth in 1...5 { parent = try await site.comment("Deep \(depth)", by: site.owner, replyTo: parent).id }
        for index in 0..<12 { try await site.comment("Wide \(index)", by: site.owner, replyTo: root.id) }
        try await site.test { browser async throws in
            let page = try await browser.get("/p/\(site.post.slug)/comments").text
            // Then folds appear, and following every fold eventually shows every comment
            #expect(page.contains("more replies</a>") || page.contains("more reply</a>"))
            var seen = Set(Self.cardIDs(page))
            var queue = Self.foldLinks(page)
            var visits = 0
            while let next = queue.popLast(), visits < 40 {
                visits += 1
                let more = try await browser.get(next)
                #expect(more.status == .ok)
                seen.formUnion(Self.cardIDs(more.text))
                queue += Self.foldLinks(more.text)
            }
            #expect(seen.count == 18)
        }
    }

    static func foldLinks(_ page: String) -> [String] {
        page.components(separatedBy: "class=\"more-replies\" href=\"").dropFirst()
            .map { String($0.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&") }
            .map { $0.components(separatedBy: "#")[0] }
    }

    @Test("A permalink opens the conversation with that comment marked")
    func permalinkMarksComment() async throws {
        let site = try await TestSite()
        let root = try await site.comment("Root", by: site.reader)
        let reply = try await site.comment("The one", by: site.owner, replyTo: root.id)
        try await site.test { browser async throws in
            let page = try await browser.get("/p/\(site.post.slug)/comment/\(reply.id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("class=\"comment marked\" id=\"comment-\(reply.id)\""))
            #expect(page.text.contains("id=\"comment-\(root.id)\""))
            // And a comment of another post is not found under this one
            let other = try await site.actions.addPost(AddPostInput(title: "Other", authorEmail: site.owner.email))
            let elsewhere = try await site.comment("Elsewhere", by: site.reader, on: other)
            #expect(try await browser.get("/p/\(site.post.slug)/comment/\(elsewhere.id)").status == .notFound)
        }
    }

    @Test("A tampered cursor starts again at the first page")
    func tamperedCursor() async throws {
        let site = try await TestSite()
        try await site.comment("Only", by: site.reader)
        try await site.test { browser async throws in
            let page = try await browser.get("/p/\(site.post.slug)/comments?sort=new&after=top.1.2.3")
            #expect(page.status == .ok)
            #expect(page.text.contains("Only"))
            #expect(try await browser.get("/p/\(site.post.slug)/comments?after=%FF%FE&limit=999999999999999999999").status == .ok)
        }
    }
}
