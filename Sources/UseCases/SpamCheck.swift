import Domain
import Foundation

/// How a new or edited comment is scored for spam before the publication's rules weigh it.
///
/// The one place the classifier is wired in (`Actions.spam`); `none` scores nothing, so only
/// the other rules hold comments. A check that fails leaves the comment unscored rather
/// than refusing the member's words.
public struct SpamCheck: Sendable {
    let assess: @Sendable (_ text: String, _ author: Member) async throws -> SpamAssessment?

    public init(_ assess: @escaping @Sendable (_ text: String, _ author: Member) async throws -> SpamAssessment?) {
        self.assess = assess
    }

    /// Scores nothing.
    public static let none = SpamCheck { _, _ in nil }

    /// The assessment of `text` by `author`, or nil when there is none.
    func assessment(of text: String, by author: Member) async -> SpamAssessment? {
        try? await assess(text, author)
    }
}
