import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UseCases

@Suite("Bad input is refused clearly and changes nothing")
struct BadInputTests {
    @Test("An empty comment is refused next to the field")
    func emptyComment() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let page = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "   \n "])
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("This field is required."))
            #expect(page.text.contains("aria-invalid=\"true\""))
            #expect(try await site.fresh(site.post).commentCount == 0)
        }
    }

    @Test("A comment over the limit is refused and what was typed is kept")
    func tooLongComment() async throws {
        let site = try await TestSite()
        let typed = "Word " + String(repeating: "x", count: Limits.commentLength)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let page = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": typed])
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("at most \(Limits.commentLength) characters"))
            #expect(page.text.contains(typed))
            let json = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": typed], json: true)
            #expect(json.status == .unprocessableContent)
            #expect(json.headers[.contentType] == "application/problem+json")
            #expect(json.text.contains("\"field\":\"body\""))
            #expect(try await site.fresh(site.post).commentCount == 0)
        }
    }

    @Test("Invalid UTF-8 is refused with 400")
    func invalidUTF8() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let bytes = Array("_csrf=\(browser.csrf)&body=".utf8) + Array("%C3%28%FF".utf8)
            let response = try await browser.postRaw("/p/\(site.post.slug)/comments", bytes: bytes)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("not valid UTF-8"))
            #expect(try await site.fresh(site.post).commentCount == 0)
        }
    }

    @Test("Commenting on an unknown post is not found")
    func unknownPost() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            #expect(try await browser.post("/p/nope/comments", form: ["body": "Hi"]).status == .notFound)
        }
    }

    @Test("A reply to a comment of another post is refused")
    func replyAcrossPosts() async throws {
        let site = try await TestSite()
        let other = try await site.actions.addPost(AddPostInput(title: "Other", authorEmail: site.owner.email))
        let foreign = try await site.comment("Elsewhere", by: site.owner, on: other)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let page = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "Sneaky", "parent_id": "\(foreign.id)"])
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("You can only reply to a comment of this post."))
            #expect(page.text.contains("Sneaky"))
            #expect(try await site.fresh(site.post).commentCount == 0)
            #expect(try await site.fresh(other).commentCount == 1)
        }
    }

    @Test("A missing or wrong CSRF token is refused and the text is kept", arguments: ["", "forged-token-forged-token-forged-token-1234"])
    func csrfRefused(token: String) async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let page = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "Keep me", "_csrf": token])
            #expect(page.status == .forbidden)
            #expect(page.text.contains("This form expired"))
            #expect(page.text.contains(">Keep me</textarea>"))
            #expect(try await site.fresh(site.post).commentCount == 0)
        }
    }

    @Test("A like while signed out asks to sign in and changes nothing")
    func likeSignedOut() async throws {
        let site = try await TestSite()
        let comment = try await site.comment("Hi", by: site.owner)
        try await site.test { browser async throws in
            let page = try await browser.post("/p/\(site.post.slug)/comment/\(comment.id)/like")
            #expect(page.status == .unauthorized)
            #expect(page.text.contains("Sign in to like comments."))
            let json = try await browser.post("/p/\(site.post.slug)/comment/\(comment.id)/like", json: true)
            #expect(json.status == .unauthorized)
            #expect(json.headers[.contentType] == "application/problem+json")
            #expect(try await site.store.comment(id: comment.id)?.likeCount == 0)
        }
    }

    @Test("A comment while signed out is refused")
    func commentSignedOut() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let page = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "Anonymous"])
            #expect(page.status == .unauthorized)
            #expect(try await site.fresh(site.post).commentCount == 0)
        }
    }

    @Test("A request body over the limit is refused with 413")
    func oversizedBody() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let bytes = Array("_csrf=\(browser.csrf)&body=".utf8) + [UInt8](repeating: 0x61, count: Limits.requestBody + 1)
            let response = try await browser.postRaw("/p/\(site.post.slug)/comments", bytes: bytes)
            #expect(response.status == .contentTooLarge)
            #expect(try await site.fresh(site.post).commentCount == 0)
        }
    }

    @Test(
        "Markup in a comment is shown as text, never as markup",
        arguments: [
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "[x](javascript:alert(1))",
            "javascript:alert(1)", "<a href=\"javascript:alert(1)\">x</a>",
        ])
    func markupNeutralised(hostile: String) async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let posted = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": hostile])
            #expect(posted.status == .seeOther)
            let page = try await browser.get("/p/\(site.post.slug)").text
            // The text is there, escaped...
            #expect(
                page.contains(
                    hostile.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")))
            // ...and never as markup.
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("<img src=x"))
            #expect(!page.contains("<svg onload"))
            #expect(!page.contains("href=\"javascript:"))
        }
    }
}

@Suite("Every form checks its CSRF token; sign-in is throttled")
struct FormProtectionTests {
    @Test(
        "A forged form is refused with 403 on every state-changing route",
        arguments: [
            "like", "edit", "delete", "sign-out", "subscribe", "sign-in", "comment", "sign-in-link", "use-sign-in-link",
            "follow", "profile", "notifications", "password", "remove-password", "remove-avatar", "delete-account",
        ])
    func forgedFormsRefused(route: String) async throws {
        let site = try await TestSite()
        let comment = try await site.comment("Mine", by: site.reader)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let base = "/p/\(site.post.slug)/comment/\(comment.id)"
            let (uri, form): (String, [String: String]) =
                switch route {
                case "like": (base + "/like", [:])
                case "edit": (base + "/edit", ["body": "Forged"])
                case "delete": (base + "/delete", [:])
                case "sign-out": ("/sign-out", [:])
                case "subscribe": ("/subscribe", ["email": "forged@example.com"])
                case "sign-in": ("/sign-in", ["email": site.owner.email, "password": TestSite.password])
                case "sign-in-link": ("/sign-in", ["email": "forged@example.com"])
                case "use-sign-in-link":
                    ("/sign-in/link", ["token": try await site.signInToken(for: "forged@example.com"), "name": "Forged"])
                case "follow": ("/p/\(site.post.slug)/follow", ["follow": "1"])
                case "profile": ("/settings/profile", ["name": "Forged", "bio": "Forged"])
                case "notifications": ("/settings/notifications", ["sent": "1"])
                case "password": ("/settings/password", ["password": "forged password", "repeat": "forged password"])
                case "remove-password": ("/settings/password/remove", [:])
                case "remove-avatar": ("/settings/avatar/remove", [:])
                case "delete-account": ("/settings/delete", ["confirm": site.reader.email])
                default: ("/p/\(site.post.slug)/comments", ["body": "Forged"])
                }
            let before = try await site.store.exportSite()
            let mailBefore = try await site.store.outboxCounts()
            let response = try await browser.post(uri, form: form, csrf: "forged-token-forged-token-forged-token-1234")
            #expect(response.status == .forbidden)
            var after = try await site.store.exportSite()
            // A refused sign-in makes no session; nothing else may change either.
            after.sessions = before.sessions
            #expect(after == before)
            #expect(try await site.store.outboxCounts() == mailBefore)
            if route == "use-sign-in-link" { #expect(try await site.store.member(email: "forged@example.com") == nil) }
        }
    }

    @Test("After ten wrong passwords for one account, sign-in answers 429 even with the right one")
    func signInThrottled() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            for _ in 0..<10 {
                let wrong = try await browser.post("/sign-in", form: ["email": site.reader.email, "password": "not the password"])
                #expect(wrong.status == .unauthorized)
            }
            let right = try await browser.post("/sign-in", form: ["email": site.reader.email, "password": TestSite.password])
            #expect(right.status == .tooManyRequests)
            #expect(right.text.contains("Too many attempts"))
            #expect(browser.cookies["__Host-parley_session"] == nil)
        }
    }
}
