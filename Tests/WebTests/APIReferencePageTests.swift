import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("API: the reference page /api, made from the document")
struct APIReferencePageTests {
    @Test("Every operation and schema of the document is on the page, which loads nothing from another origin")
    func everyOperation() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let page = try await browser.get("/api")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(try await browser.get("/api/openapi.json").text.utf8)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for (path, item) in paths {
                for (method, operation) in item {
                    let id = try #require((operation as? [String: Any])?["operationId"] as? String)
                    #expect(page.text.contains("id=\"op-\(id.lowercased())\""), "\(id)")
                    #expect(page.text.contains("\(method.uppercased()) /api/v1\(path)"), "\(method) \(path)")
                }
            }
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            for name in schemas.keys { #expect(page.text.contains("id=\"schema-\(name.lowercased())\""), "\(name)") }
            // The document's Markdown is read escape-first, and nothing comes from elsewhere
            #expect(page.text.contains("<strong>Authentication.</strong>"))
            #expect(!page.text.contains("src=\"http") && !page.text.contains("stylesheet\" href=\"http"))
            #expect(!page.text.contains("<script src=\"//"))
        }
    }
}
