import Domain
import Foundation
import Testing

/// What counts as an @mention, and which member it names.
@Suite("Mention syntax")
struct MentionSyntaxTests {
    private func member(_ id: Int64, _ name: String) -> Member {
        Member(id: MemberID(id), email: "m\(id)@example.com", displayName: name, role: .member, createdAt: Date(timeIntervalSince1970: 0))
    }

    private func candidates(_ text: String) -> [MentionCandidate] {
        MentionSyntax.candidates(in: Array(text.unicodeScalars), limit: 10)
    }

    @Test("Each @ offers its first one to three words, shortest key first")
    func keys() {
        // Given a mention followed by more words than a name may have
        let found = candidates("hi @Ada  Lovelace and @Grace Brewster Murray Hopper!")
        // Then the double space ends the first name, and the second offers three words at most
        #expect(found.map(\.keys) == [["ada"], ["grace", "grace brewster", "grace brewster murray"]])
        #expect(found[0].start == 3 && found[0].wordEnds == [7])
    }

    @Test("An @ inside a word, or with no name after it, is not a mention")
    func notMentions() {
        #expect(candidates("mail ada@example.com or @ or @, please").isEmpty)
    }

    @Test("The longest name anyone holds decides, and it must name exactly one member")
    func resolving() {
        // Given "Ada" and "Ada Lovelace" are members, and two members are called "Sam"
        let targets = MentionTargets(members: [member(1, "Ada"), member(2, "Ada Lovelace"), member(3, "Sam"), member(4, "sam")])
        let found = candidates("@Ada Lovelace wrote, @Ada agreed, @Sam too")
        // When each mention is resolved
        let named = found.map { $0.resolve(targets).map { [$0.member.rawValue, Int64($0.words)] } }
        // Then the two-word name wins over the one-word one, and the shared name names no one
        #expect(named == [[2, 2], [1, 1], nil])
    }
}
