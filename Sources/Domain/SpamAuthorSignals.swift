/// What the caller knows about a comment's author, as the spam filter sees it.
///
/// The filter reads nothing itself: the use case that posts a comment passes these in. Each
/// becomes one bucketed feature (see `SpamFeatureExtractor`), so the model learns from a site's
/// own decisions how much, say, a first comment from an hour-old account says.
public struct SpamAuthorSignals: Sendable, Equatable {
    /// Seconds since the author's account was made.
    public var accountAge: Double
    /// How many of the author's earlier comments were approved (published and not removed by staff).
    public var approvedComments: Int
    /// True when the author has never commented here before (approved or not).
    public var isFirstComment: Bool

    public init(accountAge: Double, approvedComments: Int, isFirstComment: Bool) {
        self.accountAge = accountAge
        self.approvedComments = approvedComments
        self.isFirstComment = isFirstComment
    }
}
