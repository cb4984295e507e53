/// One feature and how much it pushed the score: positive towards spam, negative towards a
/// real comment. With the Fisher method (the one in use) it is the log-odds of the feature's smoothed spam probability; with
/// the multinomial one, the log of the ratio of its two class likelihoods (`Spam.SpamMethod`).
public struct SpamWeight: Sendable, Equatable {
    public var feature: String
    public var weight: Double

    public init(feature: String, weight: Double) {
        self.feature = feature
        self.weight = weight
    }
}
