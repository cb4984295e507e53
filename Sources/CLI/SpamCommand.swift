import ArgumentParser
import Domain
import Foundation
import Spam

/// `parley spam ...`: the spam filter.
struct SpamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spam", abstract: "Work with the spam filter.", subcommands: [Evaluate.self])

    /// `parley spam evaluate`: the classifier's figures on the built-in corpus; needs no site.
    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the spam filter on its built-in corpus by k-fold cross-validation (needs no site).")

        @Option(help: "Number of folds (2 or more).")
        var folds = 10

        @Option(help: "Scoring method: fisher (the one in use) or multinomial.")
        var method: String = SpamClassifier.standardMethod.rawValue

        @Option(help: "Score at or above which a comment is called spam. Default: the filter's own.")
        var threshold: Double?

        @Flag(help: "Also list the comments put on the wrong side of the threshold.")
        var listMistakes = false

        func validate() throws {
            guard folds >= 2 else { throw ValidationError("--folds must be 2 or more.") }
            guard SpamMethod(rawValue: method) != nil else {
                throw ValidationError("--method must be one of: \(SpamMethod.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1.") }
        }

        func run() async throws {
            let method = SpamMethod(rawValue: method) ?? SpamClassifier.standardMethod
            let threshold = threshold ?? SpamClassifier.likelySpamThreshold
            let examples = SpamCorpus.examples
            let spam = examples.filter { $0.label == .spam }.count
            let clock = ContinuousClock()
            let start = clock.now
            let result = SpamEvaluation.crossValidate(examples, method: method, folds: folds, threshold: threshold)
            let elapsed = clock.now - start
            print(SpamReport.text(result, spam: spam, ham: examples.count - spam, inUse: method == SpamClassifier.standardMethod))
            print(SpamReport.timing(crossValidation: elapsed, method: method))
            if listMistakes {
                for (example, score) in result.mistakes {
                    let oneLine = example.text.replacingOccurrences(of: "\n", with: " ")
                    print("\(example.label == .spam ? "missed spam" : "false alarm") \(String(format: "%.3f", score)): \(oneLine)")
                }
            }
        }
    }
}

/// The evaluation as printed, kept apart from the command so the lines read as a table.
enum SpamReport {
    static func text(_ r: SpamEvaluation, spam: Int, ham: Int, inUse: Bool) -> String {
        func figure(_ value: Double) -> String { String(format: "%.3f", value) }
        func cell(_ value: Int) -> String { String(value).leftPadded(to: 12) }
        return """
            Spam filter: \(r.folds)-fold cross-validation on the built-in corpus (\(spam) spam, \(ham) real comments)
            method: \(r.method.rawValue)\(inUse ? " (the one in use)" : "")
            threshold: \(figure(r.threshold)) (a score at or above it is called spam)
            precision: \(figure(r.precision))
            recall:    \(figure(r.recall))
            F1:        \(figure(r.f1))
            accuracy:  \(figure(r.accuracy))
            ROC AUC:   \(figure(r.areaUnderCurve)) (threshold-free: the chance a spam comment outscores a real one)
            confusion matrix:    called spam  called real
              spam          \(cell(r.truePositives)) \(cell(r.falseNegatives))
              real          \(cell(r.falsePositives)) \(cell(r.trueNegatives))
            """
    }

    /// How long the parts of scoring take on this machine: training the built-in model once per
    /// process, and scoring one comment (features plus arithmetic; a site adds one database read).
    static func timing(crossValidation: Duration, method: SpamMethod) -> String {
        let clock = ContinuousClock()
        let trainingStart = clock.now
        let model = BuiltInSpamModel.train(SpamCorpus.examples)
        let training = clock.now - trainingStart
        let classifier = SpamClassifier(method: method, vocabularySize: model.features.count)
        let texts = SpamCorpus.examples.map(\.text)
        let rounds = 5
        var checksum = 0.0
        let scoringStart = clock.now
        for _ in 0..<rounds {
            for text in texts {
                let features = SpamFeatureExtractor.features(text: text)
                checksum += classifier.score(features, counts: model.restricted(to: features)).score
            }
        }
        let perComment = (clock.now - scoringStart) / (rounds * texts.count)
        return """
            timing: cross-validation \(milliseconds(crossValidation)); built-in model trained in \(milliseconds(training)) \
            (\(model.features.count) features); one comment scored in \(microseconds(perComment)) \
            (mean of \(rounds * texts.count), features and top 5 included, database read not included)\(checksum.isNaN ? "!" : "")
            """
    }

    static func milliseconds(_ d: Duration) -> String {
        String(format: "%.1f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
    }

    static func microseconds(_ d: Duration) -> String {
        String(format: "%.1f µs", Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
