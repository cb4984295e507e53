import Domain
import Mail
import TestSupport
import Testing

@Suite("Letter texts")
struct LetterTextTests {
    /// Samples for every kind of value the letters' phrases take, with the words each must show.
    static var check: CatalogueCheck {
        var check = CatalogueCheck()
        check.add(NotificationKind.self, NotificationKind.allCases.map { .init($0, shows: []) })
        check.add(
            (NotificationKind, String, String).self,
            NotificationKind.allCases.map { .init(($0, "Ada", "On rotas"), shows: ["Ada", "On rotas"]) })
        let subjects: [DigestSubject] = [
            .oneReply(commenter: "Ada"), .oneMention(commenter: "Ada"), .oneComment(commenter: "Ada", postTitle: "On rotas"),
            .replies(count: 3), .mentions(count: 3), .repliesAndMentions(count: 3), .commentsOnPost(count: 3, postTitle: "On rotas"),
            .commentsOnPublication(count: 3), .mixed(count: 3), .activity,
        ]
        check.add((DigestSubject, String).self, subjects.map { .init(($0, "The Weekly"), shows: shown(in: $0)) })
        return check
    }

    // An exhaustive switch: a new case does not compile here until it is given a sample above.
    static func shown(in subject: DigestSubject) -> [String] {
        switch subject {
        case .oneReply(let name), .oneMention(let name): [name]
        case .oneComment(let name, let title): [name, title]
        case .commentsOnPost(_, let title): [title]
        case .replies(let count), .mentions(let count), .repliesAndMentions(let count), .commentsOnPublication(let count),
            .mixed(let count):
            ["\(count)", "The Weekly"]
        case .activity: ["The Weekly"]
        }
    }

    @Test("Every text of every language of the letters is written, and every phrase shows its values")
    func everyTextOfEveryLanguage() {
        // Given every language of the letters
        for text in LetterText.all {
            // When each text is read, and each phrase made with sample values
            let problems = Self.check.problems(in: text, language: text.languageTag)
            // Then none is empty and none leaves a value out
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }
}
