import Domain

/// How well a classifier sorts the corpus, measured by k-fold cross-validation: each comment
/// is scored by a model trained on the other folds only, never on itself.
///
/// Folds are deterministic and stratified: the i-th spam comment and the i-th real comment (in
/// file order) go to fold `i % folds`, so every fold has both kinds in the corpus's proportion and
/// every run gives the same figures.
public struct SpamEvaluation: Sendable {
    public var method: SpamMethod
    public var folds: Int
    public var threshold: Double
    /// Spam scored at or above the threshold.
    public var truePositives = 0
    /// Real comments scored at or above the threshold.
    public var falsePositives = 0
    /// Real comments scored below it.
    public var trueNegatives = 0
    /// Spam scored below it.
    public var falseNegatives = 0

    /// Threshold-free: see `areaUnderCurve(_:)`.
    public var areaUnderCurve = 0.0
    /// The comments put on the wrong side of the threshold, with their scores.
    public var mistakes: [(example: SpamExample, score: Double)] = []

    /// Of what was called spam, how much was: TP / (TP + FP).
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    /// Of the spam, how much was called spam: TP / (TP + FN).
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    public var accuracy: Double {
        ratio(truePositives + trueNegatives, truePositives + trueNegatives + falsePositives + falseNegatives)
    }

    func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }

    /// Cross-validates `method` on `examples` with `folds` folds, calling a score of `threshold` or more spam.
    public static func crossValidate(
        _ examples: [SpamExample] = SpamCorpus.examples, method: SpamMethod, folds: Int = 10, threshold: Double
    ) -> SpamEvaluation {
        var result = SpamEvaluation(method: method, folds: folds, threshold: threshold)
        let scored = crossValidatedScores(examples, method: method, folds: folds)
        for (example, score) in scored {
            result.count(example.label, score: score)
            if (example.label == .spam) != (score >= threshold) { result.mistakes.append((example, score)) }
        }
        result.areaUnderCurve = areaUnderCurve(scored)
        return result
    }

    /// Every example with the score a model trained on the other folds gave it.
    public static func crossValidatedScores(
        _ examples: [SpamExample], method: SpamMethod, folds: Int
    ) -> [(example: SpamExample, score: Double)] {
        let k = max(2, folds)
        var seen: [SpamLabel: Int] = [:]
        let assigned: [(example: SpamExample, fold: Int, features: [String])] = examples.map { example in
            let index = seen[example.label, default: 0]
            seen[example.label] = index + 1
            return (example, index % k, SpamFeatureExtractor.features(text: example.text))
        }
        var scored: [(example: SpamExample, score: Double)] = []
        for fold in 0..<k {
            var counts = SpamCounts()
            for item in assigned where item.fold != fold { counts.learn(item.features, as: item.example.label) }
            let classifier = SpamClassifier(method: method, vocabularySize: counts.features.count)
            for item in assigned where item.fold == fold {
                scored.append((item.example, classifier.score(item.features, counts: counts, top: 0).score))
            }
        }
        return scored
    }

    /// The area under the ROC curve of `scored`: the chance that a random spam comment scores
    /// above a random real one (ties count half). 1 is perfect, 0.5 is a coin. It does not depend on
    /// a threshold, so it is what the two methods are compared by.
    public static func areaUnderCurve(_ scored: [(example: SpamExample, score: Double)]) -> Double {
        let spam = scored.filter { $0.example.label == .spam }.map(\.score).sorted()
        let ham = scored.filter { $0.example.label == .ham }.map(\.score).sorted()
        guard !spam.isEmpty, !ham.isEmpty else { return 0 }
        var wins = 0.0
        var below = 0
        var equal = 0
        for score in spam {
            // ham is sorted: advance past the real comments scored below (and equal to) this spam.
            while below < ham.count && ham[below] < score { below += 1 }
            equal = below
            while equal < ham.count && ham[equal] == score { equal += 1 }
            wins += Double(below) + Double(equal - below) / 2
        }
        return wins / Double(spam.count * ham.count)
    }

    mutating func count(_ label: SpamLabel, score: Double) {
        switch (label, score >= threshold) {
        case (.spam, true): truePositives += 1
        case (.spam, false): falseNegatives += 1
        case (.ham, true): falsePositives += 1
        case (.ham, false): trueNegatives += 1
        }
    }
}
