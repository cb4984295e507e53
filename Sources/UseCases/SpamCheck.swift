import Domain
import Foundation
import Storage

/// How a new or edited comment is scored for spam before the publication's rules weigh it,
/// and how moderators' decisions teach the filter.
///
/// The one place the classifier is wired in (`Actions.spam`): `classifier(_:)` in the
/// application, `none` where a test wants only the other rules. Both halves are best effort: a
/// check that fails leaves the comment unscored rather than refusing the member's words, and a
/// lesson that fails leaves the model as it was rather than failing the moderator's decision.
public struct SpamCheck: Sendable {
    let assess: @Sendable (_ text: String, _ author: Member) async throws -> SpamScore?
    let learn: @Sendable (_ comment: Comment, _ author: Member, _ label: SpamLabel) async throws -> Void

    public init(
        _ assess: @escaping @Sendable (_ text: String, _ author: Member) async throws -> SpamScore?,
        learn: @escaping @Sendable (_ comment: Comment, _ author: Member, _ label: SpamLabel) async throws -> Void = { _, _, _ in }
    ) {
        self.assess = assess
        self.learn = learn
    }

    /// Scores nothing and learns nothing.
    public static let none = SpamCheck { _, _ in nil }

    /// The classifier of docs/SPAM.md over the site's own store: the built-in model plus what
    /// this site's moderators taught it. The author's signals are read as they are now; when a
    /// decision teaches it, the account age is taken at the comment's time, so a lesson weighs
    /// what the comment looked like when it was written.
    public static func classifier(_ store: any SiteStore, clock: @escaping @Sendable () -> Date = { Date() }) -> SpamCheck {
        let filter = SpamFilter(store: store)
        @Sendable func signals(of author: Member, at time: Date) async throws -> SpamAuthorSignals {
            let approved = try await store.visibleCommentCount(authorID: author.id)
            return SpamAuthorSignals(
                accountAge: max(0, time.timeIntervalSince(author.createdAt)), approvedComments: approved, isFirstComment: approved == 0)
        }
        return SpamCheck(
            { text, author in
                let assessment = try await filter.assess(text: text, author: try await signals(of: author, at: clock()))
                return SpamScore(score: assessment.score, features: assessment.topFeatures.map(\.feature))
            },
            learn: { comment, author, label in
                try await filter.learn(text: comment.bodyText, author: try await signals(of: author, at: comment.createdAt), as: label)
            })
    }

    /// The score of `text` by `author`, or nil when there is none.
    func assessment(of text: String, by author: Member) async -> SpamScore? {
        try? await assess(text, author)
    }

    /// Teaches the filter a moderator's decision on `comment`.
    func teach(_ comment: Comment, author: Member, _ label: SpamLabel) async {
        try? await learn(comment, author, label)
    }
}
