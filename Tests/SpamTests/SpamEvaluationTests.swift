import Domain
import Spam
import Testing

@Suite("Spam filter evaluation")
struct SpamEvaluationTests {
    @Test("Given the corpus, then it holds several hundred comments of each kind, none empty")
    func corpusSize() {
        let spam = SpamCorpus.examples.filter { $0.label == .spam }
        let ham = SpamCorpus.examples.filter { $0.label == .ham }
        #expect(spam.count >= 400)
        #expect(ham.count >= 400)
        #expect(SpamCorpus.examples.allSatisfy { !$0.text.isEmpty && !$0.text.hasPrefix("#") })
    }

    @Test("Given 10-fold cross-validation of the filter in use, then precision and recall stay above their floors")
    func floors() {
        let result = SpamEvaluation.crossValidate(
            method: SpamClassifier.standardMethod, folds: 10, threshold: SpamClassifier.likelySpamThreshold)
        // Measured 0.946 and 0.969 (docs/SPAM.md); a change that costs more than a little fails here.
        #expect(result.precision >= 0.93)
        #expect(result.recall >= 0.95)
        #expect(result.truePositives + result.falsePositives + result.trueNegatives + result.falseNegatives == SpamCorpus.examples.count)
    }

    @Test("Given the same corpus twice, when cross-validated, then the figures are the same (the folds are fixed)")
    func deterministic() {
        let one = SpamEvaluation.crossValidate(method: .fisher, folds: 5, threshold: 0.5)
        let two = SpamEvaluation.crossValidate(method: .fisher, folds: 5, threshold: 0.5)
        #expect(one.truePositives == two.truePositives && one.falsePositives == two.falsePositives)
    }

    @Test("Given a spam-only word and a real-discussion word, when scored by the built-in model, then they land on either side")
    func builtInModel() {
        let classifier = SpamClassifier()
        let spam = SpamFeatureExtractor.features(text: "Buy cheap viagra online, no prescription: https://pills-now.example.ru")
        let ham = SpamFeatureExtractor.features(
            text: "I tried the recipe with spelt and the loaf came out lovely, thanks for the tip about the oven.")
        #expect(classifier.score(spam, counts: BuiltInSpamModel.counts).score >= SpamClassifier.likelySpamThreshold)
        #expect(classifier.score(ham, counts: BuiltInSpamModel.counts).score < SpamClassifier.likelySpamThreshold)
        let top = classifier.score(spam, counts: BuiltInSpamModel.counts).topFeatures
        #expect(top.count == 5)
        #expect(top.first.map { $0.weight > 0 } == true)
    }

    @Test("Given nothing known about a comment, when scored, then the score is one half with no features")
    func unknown() {
        let score = SpamClassifier().score(["zzqqxx"], counts: SpamCounts())
        #expect(score.score == 0.5)
        #expect(score.topFeatures.isEmpty)
    }
}
