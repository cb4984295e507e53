import Domain
import Foundation

/// How counts become a score. Both are naive Bayes over the same features; `parley spam
/// evaluate --method` measures either on the corpus (docs/SPAM.md has the figures).
public enum SpamMethod: String, Sendable, CaseIterable {
    /// Robinson's per-feature probabilities combined with Fisher's chi-square method (as in
    /// SpamBayes). The one in use: it measured better on the corpus.
    case fisher
    /// Multinomial naive Bayes with add-one smoothing, each feature counted once per comment.
    case multinomial
}

/// A comment's score: near 1 is spam, near 0 is a real comment, and the features that weighed most.
public struct SpamScore: Sendable, Equatable {
    /// 0...1.
    public var score: Double
    /// The features with the largest weights either way, largest first, at most the number asked for.
    public var topFeatures: [SpamWeight]
}

/// Scores a comment's features against model counts. Pure and cheap: a few arithmetic
/// operations per feature, no allocation beyond the result.
public struct SpamClassifier: Sendable {
    public var method: SpamMethod
    /// Distinct features the model knows, for the multinomial smoothing (the built-in model's;
    /// a site's own new features are few next to it).
    public var vocabularySize: Int

    /// Robinson's strength of the prior: how many comments' worth of evidence the neutral 0.5 is worth.
    static let priorStrength = 1.0
    /// Robinson's features nearer 0.5 than this are left out of the combination (noise).
    static let minimumDeviation = 0.1
    /// At most this many of the most telling features are combined.
    static let maximumClues = 150

    public init(method: SpamMethod = .fisher, vocabularySize: Int = BuiltInSpamModel.vocabularySize) {
        self.method = method
        self.vocabularySize = vocabularySize
    }

    /// The score of a comment with `features` under `counts`, with its `top` heaviest features.
    /// Features the model has never seen carry no weight. With nothing known, the score is 0.5.
    public func score(_ features: [String], counts: SpamCounts, top: Int = 5) -> SpamScore {
        switch method {
        case .fisher: fisher(features, counts, top)
        case .multinomial: multinomial(features, counts, top)
        }
    }

    func fisher(_ features: [String], _ counts: SpamCounts, _ top: Int) -> SpamScore {
        let spamDocuments = Double(max(counts.documents.spam, 1))
        let hamDocuments = Double(max(counts.documents.ham, 1))
        var clues: [(feature: String, probability: Double)] = []
        for feature in features {
            let c = counts[feature]
            guard !c.isZero else { continue }
            let spamRatio = Double(c.spam) / spamDocuments
            let hamRatio = Double(c.ham) / hamDocuments
            let p = spamRatio / (spamRatio + hamRatio)
            let n = Double(c.spam + c.ham)
            let f = (Self.priorStrength * 0.5 + n * p) / (Self.priorStrength + n)
            if abs(f - 0.5) >= Self.minimumDeviation { clues.append((feature, f)) }
        }
        guard !clues.isEmpty else { return SpamScore(score: 0.5, topFeatures: []) }
        if clues.count > Self.maximumClues {
            clues.sort { abs($0.probability - 0.5) > abs($1.probability - 0.5) }
            clues.removeLast(clues.count - Self.maximumClues)
        }
        var logSpam = 0.0
        var logHam = 0.0
        for clue in clues {
            logSpam += log(clue.probability)
            logHam += log(1 - clue.probability)
        }
        let degrees = 2 * clues.count
        let hamminess = 1 - Self.chiSquaredQ(-2 * logSpam, degrees)
        let spamminess = 1 - Self.chiSquaredQ(-2 * logHam, degrees)
        let score = (spamminess - hamminess + 1) / 2
        let weights = clues.map { SpamWeight(feature: $0.feature, weight: log($0.probability / (1 - $0.probability))) }
        return SpamScore(score: min(1, max(0, score)), topFeatures: Self.heaviest(weights, top))
    }

    func multinomial(_ features: [String], _ counts: SpamCounts, _ top: Int) -> SpamScore {
        let vocabulary = Double(max(vocabularySize, 1))
        let spamDenominator = Double(counts.occurrences.spam) + vocabulary
        let hamDenominator = Double(counts.occurrences.ham) + vocabulary
        let allDocuments = Double(counts.documents.spam + counts.documents.ham)
        var logOdds =
            log((Double(counts.documents.spam) + 1) / (allDocuments + 2)) - log((Double(counts.documents.ham) + 1) / (allDocuments + 2))
        var weights: [SpamWeight] = []
        for feature in features {
            let c = counts[feature]
            guard !c.isZero else { continue }
            let weight = log((Double(c.spam) + 1) / spamDenominator) - log((Double(c.ham) + 1) / hamDenominator)
            logOdds += weight
            weights.append(SpamWeight(feature: feature, weight: weight))
        }
        guard !weights.isEmpty else { return SpamScore(score: 0.5, topFeatures: []) }
        let score = 1 / (1 + exp(-logOdds))
        return SpamScore(score: score, topFeatures: Self.heaviest(weights, top))
    }

    static func heaviest(_ weights: [SpamWeight], _ top: Int) -> [SpamWeight] {
        Array(
            weights.sorted {
                abs($0.weight) != abs($1.weight) ? abs($0.weight) > abs($1.weight) : $0.feature < $1.feature
            }.prefix(max(0, top)))
    }

    /// The probability that a chi-squared variable with `degrees` (even) degrees of freedom is at
    /// least `x`: a finite series for even degrees.
    static func chiSquaredQ(_ x: Double, _ degrees: Int) -> Double {
        let m = x / 2
        var term = exp(-m)
        var sum = term
        for i in stride(from: 1, to: degrees / 2, by: 1) {
            term *= m / Double(i)
            sum += term
        }
        return min(sum, 1)
    }
}

extension SpamClassifier {
    /// The method Parley scores with: it measured better on the corpus (docs/SPAM.md).
    public static let standardMethod = SpamMethod.fisher
    /// A score at or above this is "likely spam": the comment is held for a moderator. Chosen on
    /// the corpus's cross-validation to keep real comments out of the queue (docs/SPAM.md).
    public static let likelySpamThreshold = 0.5
}
