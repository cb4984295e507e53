import Domain
import Foundation
import Testing

@Suite("Input rules")
struct ValidationTests {
    @Test("Email addresses are trimmed and lowercased")
    func emailNormalized() throws {
        #expect(try EmailAddress.normalize("  Ada@Example.COM ") == "ada@example.com")
    }

    @Test(
        "Malformed email addresses are refused",
        arguments: [
            "", "   ", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com",
            "a da@example.com", "ada@example..com", "<ada>@example.com", "ada@.example.com",
        ])
    func emailRefused(raw: String) {
        #expect(throws: FieldError.self) { try EmailAddress.normalize(raw) }
    }

    @Test("An overlong email address is refused as too long")
    func emailTooLong() {
        let raw = String(repeating: "a", count: 60) + "@" + String(repeating: "b", count: 250) + ".com"
        #expect(throws: FieldError("email", .tooLong(max: Limits.emailLength))) { try EmailAddress.normalize(raw) }
    }

    @Test(
        "Slugs are made from titles",
        arguments: [
            ("Hello, World!", "hello-world"), ("  Café au lait  ", "cafe-au-lait"),
            ("!!!", "post"), ("Ünïcödé — dashes", "unicode-dashes"),
        ])
    func slugFromTitle(title: String, slug: String) {
        #expect(Slug.make(from: title) == slug)
        #expect(Slug.isValid(Slug.make(from: title)))
    }

    @Test("Only canonical slugs are valid", arguments: ["Hello", "a--b", "-a", "a-", "", "a b", "a/b", "ä"])
    func invalidSlugs(slug: String) {
        #expect(!Slug.isValid(slug))
    }

    @Test("Ids parse from plain positive decimals only", arguments: ["0", "-1", "+1", " 1", "1a", "", "99999999999999999999"])
    func idParsing(text: String) {
        #expect(CommentID(parsing: text) == nil)
    }

    @Test("Relative ages step from minutes to dates")
    func relativeAges() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RelativeAge(of: now, now: now) == .justNow)
        #expect(RelativeAge(of: now - 120, now: now) == .minutes(2))
        #expect(RelativeAge(of: now - 7_200, now: now) == .hours(2))
        #expect(RelativeAge(of: now - 3 * 86_400, now: now) == .days(3))
        #expect(RelativeAge(of: now - 14 * 86_400, now: now) == .weeks(2))
        #expect(RelativeAge(of: now - 400 * 86_400, now: now) == .date(now - 400 * 86_400))
    }
}
