import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func learnSpamFeatures(_ features: [String], as label: SpamLabel, delta: Int) async throws {
        // Sorted, so that two instances learning at once take the rows' locks in one order.
        let unique = Array(Set(features.filter { !$0.isEmpty })).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard delta != 0 else { return }
        let step = Int64(delta)
        let spamStep: Int64 = label == .spam ? step : 0
        let hamStep: Int64 = label == .ham ? step : 0
        let occurrences = step * Int64(unique.count)
        try await transaction { connection in
            try await connection.query(
                """
                INSERT INTO spam_classes (label, documents, occurrences) VALUES (\(label.rawValue), GREATEST(0, \(step)), GREATEST(0, \(occurrences)))
                ON CONFLICT (label) DO UPDATE SET documents = GREATEST(0, spam_classes.documents + \(step)),
                    occurrences = GREATEST(0, spam_classes.occurrences + \(occurrences))
                """, logger: logger)
            guard !unique.isEmpty else { return }
            if delta > 0 {
                try await connection.query(
                    """
                    INSERT INTO spam_features (feature, spam_count, ham_count)
                    SELECT f, \(spamStep), \(hamStep) FROM unnest(\(unique)::text[]) WITH ORDINALITY AS u (f, n) ORDER BY n
                    ON CONFLICT (feature) DO UPDATE SET spam_count = spam_features.spam_count + excluded.spam_count,
                        ham_count = spam_features.ham_count + excluded.ham_count
                    """, logger: logger)
            } else {
                try await connection.query(
                    """
                    UPDATE spam_features SET spam_count = GREATEST(0, spam_count + \(spamStep)),
                        ham_count = GREATEST(0, ham_count + \(hamStep))
                    WHERE feature = ANY(\(unique))
                    """, logger: logger)
                try await connection.query(
                    """
                    DELETE FROM spam_features WHERE feature = ANY(\(unique)) AND spam_count = 0 AND ham_count = 0
                    """, logger: logger)
            }
        }
    }

    public func spamCounts(for features: [String]) async throws -> SpamCounts {
        // One statement, so one round trip and one snapshot: the class totals, then the features.
        let unique = Array(Set(features))
        var counts = SpamCounts()
        for row in try await rows(
            """
            SELECT 0, label, documents, occurrences FROM spam_classes
            UNION ALL
            SELECT 1, feature, spam_count, ham_count FROM spam_features WHERE feature = ANY(\(unique))
            """)
        {
            let (kind, key, first, second) = try row.decode((Int32, String, Int64, Int64).self)
            if kind == 0 {
                guard let label = SpamLabel(rawValue: key) else { continue }
                counts.documents[label] = first
                counts.occurrences[label] = second
            } else {
                counts.features[key] = SpamClassCounts(spam: first, ham: second)
            }
        }
        return counts
    }

    /// The learned model as rows, for `exportSite`, in its snapshot.
    static func exportSpamModel(_ connection: PostgresConnection, _ logger: Logger) async throws -> SpamModelRows {
        var model = SpamModelRows()
        for row in try await connection.rows("SELECT label, documents, occurrences FROM spam_classes", logger) {
            let (label, documents, occurrences) = try row.decode((String, Int64, Int64).self)
            guard let label = SpamLabel(rawValue: label) else { continue }
            model.documents[label] = documents
            model.occurrences[label] = occurrences
        }
        model.features = try await connection.rows(
            """
            SELECT feature, spam_count, ham_count FROM spam_features ORDER BY feature COLLATE "C"
            """, logger
        ).map { row in
            let (feature, spam, ham) = try row.decode((String, Int64, Int64).self)
            return SpamFeatureRow(feature: feature, counts: SpamClassCounts(spam: spam, ham: ham))
        }
        return model
    }

    /// Writes the learned model of a copied site, for `writeSite` (into an empty store).
    static func writeSpamModel(_ connection: PostgresConnection, _ logger: Logger, _ model: SpamModelRows) async throws {
        try await insertRows(
            connection, logger, into: "spam_classes", columns: ["label", "documents", "occurrences"],
            SpamLabel.allCases.filter { !(model.documents[$0] == 0 && model.occurrences[$0] == 0) }.map { label in
                [.text(label.rawValue), .int(model.documents[label]), .int(model.occurrences[label])]
            })
        try await insertRows(
            connection, logger, into: "spam_features", columns: ["feature", "spam_count", "ham_count"],
            model.features.map { [.text($0.feature), .int($0.counts.spam), .int($0.counts.ham)] })
    }
}
