import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UseCases

@Suite("API: requests that break the document are refused as problem+json, naming the field")
struct APIProblemTests {
    @Test("Malformed bodies are 400s naming the field: unknown, missing, of the wrong type, not JSON")
    func malformedBodies() async throws {
        let site = try await TestSite()
        let token = try await site.apiToken(for: site.reader)
        let path = "/discussions/\(site.post.id)/comments"
        try await site.test { browser async throws in
            let cases: [(Any, [String])] = [
                (["body": "Hi", "admin": true], ["admin"]),
                (["text": "Hi"], ["body", "text"]),
                (["body": 12], ["body"]),
                (["body": "Hi", "parentId": "seven"], ["parentId"]),
                (["body": "Hi", "parentId": 1.5], ["parentId"]),
                ("{not json", ["requestBody"]),
                ("", ["requestBody"]),
                ("[1, 2]", ["requestBody"]),
            ]
            for (body, fields) in cases {
                let response = try await browser.api(.post, path, body: body, bearer: token)
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.isProblem)
                #expect(try Set(response.problemFields) == Set(fields), "\(body): \(response.text)")
                #expect(try response.object["status"] as? Int == 400)
            }
            #expect(try await site.fresh(site.post).commentCount == 0)
        }
    }

    @Test("Values the document does not allow are 422s naming the field")
    func invalidValues() async throws {
        let site = try await TestSite()
        let token = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            let long = String(repeating: "é", count: 20_001)
            let body = try await browser.api(.post, "/discussions/\(site.post.id)/comments", body: ["body": long], bearer: token)
            #expect(body.status == .unprocessableContent)
            #expect(try body.problemFields == ["body"])
            let empty = try await browser.api(.post, "/discussions/\(site.post.id)/comments", body: ["body": ""], bearer: token)
            #expect(try empty.problemFields == ["body"])
            let reason = try await browser.api(.post, "/comments/1/reports", body: ["reason": "boring"], bearer: token)
            #expect(reason.status == .unprocessableContent)
            #expect(try reason.problemFields == ["reason"])
            for limit in ["0", "101", "-3"] {
                let response = try await browser.api(.get, "/posts?limit=\(limit)")
                #expect(response.status == .unprocessableContent)
                #expect(try response.problemFields == ["limit"])
            }
            let huge = try await browser.api(.get, "/comments/99999999999999999")
            #expect(huge.status == .unprocessableContent)
            #expect(try huge.problemFields == ["commentId"])
        }
    }

    @Test("Parameters that are not what the document says are 400s naming them")
    func malformedParameters() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let limit = try await browser.api(.get, "/posts?limit=many")
            #expect(limit.status == .badRequest)
            #expect(try limit.problemFields == ["limit"])
            let id = try await browser.api(.get, "/comments/abc")
            #expect(id.status == .badRequest)
            #expect(try id.problemFields == ["commentId"])
            let sort = try await browser.api(.get, "/discussions/\(site.post.id)/comments?sort=best")
            #expect(sort.status == .unprocessableContent)
            #expect(try sort.problemFields == ["sort"])
            let cursor = try await browser.api(.get, "/discussions/\(site.post.id)/comments?cursor=made-up")
            #expect(cursor.status == .badRequest)
            #expect(try cursor.problemFields == ["cursor"])
            let posts = try await browser.api(.get, "/posts?cursor=o-1")
            #expect(try posts.problemFields == ["cursor"])
        }
    }

    @Test("A body that is not JSON is a 415; one over 64 kB a 413")
    func mediaTypeAndSize() async throws {
        let site = try await TestSite()
        let token = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            let form = try await browser.api(
                .post, "/discussions/\(site.post.id)/comments", body: "body=Hi", bearer: token,
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            #expect(try form.problemFields == ["Content-Type"])
            let big = "{\"body\": \"" + String(repeating: "a", count: 70_000) + "\"}"
            let large = try await browser.api(.post, "/discussions/\(site.post.id)/comments", body: big, bearer: token)
            #expect(large.status == .contentTooLarge)
            #expect(large.isProblem)
            #expect(try await site.fresh(site.post).commentCount == 0)
        }
    }

    @Test("Refusals of the use cases keep their status and words, with the API's field names")
    func useCaseRefusals() async throws {
        let site = try await TestSite()
        let other = try await site.actions.addPost(
            AddPostInput(
                title: "Other", subtitle: "", bodyMarkdown: "Other.", authorEmail: site.owner.email, draft: false,
                publishedAt: Date().addingTimeInterval(-60), emailSubscribers: false))
        let elsewhere = try await site.comment("Elsewhere", by: site.owner, on: other)
        let token = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            // A reply to a comment of another post
            let reply = try await browser.api(
                .post, "/discussions/\(site.post.id)/comments", body: ["body": "Hi", "parentId": Int(elsewhere.id.rawValue)],
                bearer: token)
            #expect(reply.status == .unprocessableContent)
            #expect(try reply.problemFields == ["parentId"])
            #expect(try (reply.object["detail"] as? String)?.isEmpty == false)
            // A post that does not exist
            let missing = try await browser.api(.post, "/discussions/999999/comments", body: ["body": "Hi"], bearer: token)
            #expect(missing.status == .notFound)
            #expect(try missing.problemFields == ["postId"])
        }
    }

    @Test("Unknown API paths and methods answer problem+json too")
    func unknownPaths() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let unknown = try await browser.api(.get, "/nothing-here")
            #expect(unknown.status == .notFound)
            #expect(unknown.isProblem)
        }
    }
}
