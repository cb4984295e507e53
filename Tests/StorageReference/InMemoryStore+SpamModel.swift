import Domain
import Storage

extension InMemoryStore {
    public func learnSpamFeatures(_ features: [String], as label: SpamLabel, delta: Int) {
        guard delta != 0 else { return }
        spamModel.learn(features.filter { !$0.isEmpty }, as: label, delta: Int64(delta))
    }

    public func spamCounts(for features: [String]) -> SpamCounts {
        spamModel.restricted(to: features)
    }

    func spamModelRows() -> SpamModelRows {
        SpamModelRows(
            documents: spamModel.documents, occurrences: spamModel.occurrences,
            features: spamModel.features.sorted { $0.key < $1.key }.map { SpamFeatureRow(feature: $0.key, counts: $0.value) })
    }
}
