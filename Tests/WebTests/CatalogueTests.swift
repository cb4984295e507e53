import Domain
import Foundation
import TestSupport
import Testing
import Web

@Suite("Catalogue")
struct CatalogueTests {
    /// Samples for every kind of value the pages' phrases take, with the words each must show.
    static var check: CatalogueCheck {
        var check = CatalogueCheck()
        check.add((String, Int).self, [.init(("ada@example.com", 15), shows: ["ada@example.com", "15"])])
        check.add((Int, Int).self, [.init((1_234, 40), shows: ["1234", "40"])])
        let date = Date(timeIntervalSince1970: 1_781_234_567)
        check.add(Date.self, [.init(date, shows: ["2026"])])
        check.add(
            (String, String).self,
            [.init(("Jun 12, 2026", "spam"), shows: ["Jun 12, 2026", "spam"]), .init(("Jun 12, 2026", ""), shows: ["Jun 12, 2026"])])
        let ages: [RelativeAge] = [.justNow, .minutes(7), .hours(5), .days(3), .weeks(2), .date(date)]
        check.add(RelativeAge.self, ages.map { .init($0, shows: shown(in: $0)) })
        let reasons: [FieldError.Reason] = [
            .required, .tooLong(max: 240), .tooShort(min: 8), .invalidEmail, .invalidSlug, .taken,
            .wrongCredentials, .notFound, .notAllowed, .discussionClosed, .replyToOtherPost, .signInRequired,
            .invalidChoice, .linkUsed, .linkExpired, .unsupportedImage, .fileTooLarge(maxBytes: 1_048_576),
            .imageTooLarge(maxPixels: 4096), .mismatch, .banned(until: date), .banned(until: nil), .subscribersOnly, .staffOnly,
            .blockedWord("casino"), .lastOwner, .outOfRange(min: 1, max: 3650), .tooManyAddresses(max: 10_000),
        ]
        let refusals: [RefusalReason] =
            [.csrf, .invalidUTF8, .rateLimited(retryAfter: 30), .rateLimited(retryAfter: 900), .automatedForm] + reasons.map { .field($0) }
        check.add(RefusalReason.self, refusals.map { .init($0, shows: shown(in: $0)) })
        check.add(DeletedAccountComments.self, DeletedAccountComments.allCases.map { .init($0, shows: []) })
        check.add(AuditAction.self, AuditAction.allCases.map { .init($0, shows: []) })
        check.add(PostState.self, PostState.allCases.map { .init($0, shows: []) })
        return check
    }

    // Exhaustive switches: a new case does not compile here until it is given samples above.
    static func shown(in age: RelativeAge) -> [String] {
        switch age {
        case .justNow: []
        case .minutes(let n), .hours(let n), .days(let n), .weeks(let n): ["\(n)"]
        case .date: ["2026"]
        }
    }

    static func shown(in refusal: RefusalReason) -> [String] {
        guard case .field(let reason) = refusal else { return [] }
        switch reason {
        case .tooLong(let n), .tooShort(let n), .imageTooLarge(let n), .tooManyAddresses(let n): return ["\(n)"]
        case .fileTooLarge(let bytes): return ["\(bytes / 1024)"]
        case .required, .invalidEmail, .invalidSlug, .taken, .wrongCredentials, .notFound, .notAllowed,
            .discussionClosed, .replyToOtherPost, .signInRequired, .invalidChoice, .linkUsed,
            .linkExpired, .unsupportedImage, .mismatch, .banned(until: nil), .subscribersOnly, .staffOnly, .lastOwner:
            return []
        case .banned(until: .some): return ["2026"]
        case .blockedWord(let word): return [word]
        case .outOfRange(let min, let max): return ["\(min)", "\(max)"]
        }
    }

    @Test("Every text of every language is written, and every phrase shows the values it is given")
    func everyTextOfEveryLanguage() {
        // Given every language of the pages
        for catalogue in Catalogue.all {
            // When each of its texts is read, and each phrase made with sample values
            let problems = Self.check.problems(in: catalogue.texts, language: catalogue.languageTag)
            // Then none is empty and none leaves a value out
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }

    @Test("The check finds an empty text, a value left out and a phrase without samples")
    func checkCanFail() {
        // Given a catalogue with one of each fault
        // When it is checked
        let problems = Self.check.problems(in: FaultyCatalogue(), language: "xx")
        // Then each fault is named by its path
        #expect(problems.contains("xx.title is empty"))
        #expect(problems.contains { $0.hasPrefix("xx.moreComments(25) leaves out \"25\"") })
        #expect(problems.contains { $0.hasPrefix("xx.nested.greeting(Ada Lovelace) leaves out") })
        #expect(problems.contains { $0.hasPrefix("xx.unknown takes Double") })
    }
}

/// A catalogue with one of each fault the check looks for.
private struct FaultyCatalogue {
    struct Nested { let greeting = Phrase<String> { _ in "Hello" } }
    let title = " "
    let moreComments = Phrase<Int> { _ in "More comments" }
    let nested = Nested()
    let unknown = Phrase<Double> { "\($0)" }
}
