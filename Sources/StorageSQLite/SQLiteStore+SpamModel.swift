import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func learnSpamFeatures(_ features: [String], as label: SpamLabel, delta: Int) async throws {
        let unique = Array(Set(features.filter { !$0.isEmpty })).sorted()
        guard delta != 0 else { return }
        let column = label == .spam ? "spam_count" : "ham_count"
        try await write { db in
            let step = Int64(delta)
            try db.run(
                """
                INSERT INTO spam_classes (label, documents, occurrences) VALUES (?, MAX(0, ?), MAX(0, ?))
                ON CONFLICT (label) DO UPDATE SET documents = MAX(0, documents + ?), occurrences = MAX(0, occurrences + ?)
                """, [label.rawValue, step, step * Int64(unique.count), step, step * Int64(unique.count)])
            for feature in unique {
                if delta > 0 {
                    try db.run(
                        """
                        INSERT INTO spam_features (feature, spam_count, ham_count) VALUES (?, ?, ?)
                        ON CONFLICT (feature) DO UPDATE SET \(column) = \(column) + excluded.\(column)
                        """, [feature, label == .spam ? step : 0, label == .ham ? step : 0])
                } else {
                    try db.run("UPDATE spam_features SET \(column) = MAX(0, \(column) + ?) WHERE feature = ?", [step, feature])
                    try db.run("DELETE FROM spam_features WHERE feature = ? AND spam_count = 0 AND ham_count = 0", [feature])
                }
            }
        }
    }

    public func spamCounts(for features: [String]) async throws -> SpamCounts {
        let unique = Array(Set(features))
        return try await read { db in
            var counts = SpamCounts()
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT label, documents, occurrences FROM spam_classes")) {
                guard let label = SpamLabel(rawValue: row[0]) else { continue }
                counts.documents[label] = row[1]
                counts.occurrences[label] = row[2]
            }
            // One prepared statement for any number of features: they arrive as one JSON array.
            let list = String(decoding: try JSONEncoder().encode(unique), as: UTF8.self)
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: "SELECT feature, spam_count, ham_count FROM spam_features WHERE feature IN (SELECT value FROM json_each(?))"),
                arguments: [list])
            while let row = try rows.next() {
                counts.features[row[0]] = SpamClassCounts(spam: row[1], ham: row[2])
            }
            return counts
        }
    }

    /// The learned model as rows, for `exportSite`.
    static func exportSpamModel(_ db: Database) throws -> SpamModelRows {
        var rows = SpamModelRows()
        for row in try Row.fetchAll(db, sql: "SELECT label, documents, occurrences FROM spam_classes") {
            guard let label = SpamLabel(rawValue: row[0]) else { continue }
            rows.documents[label] = row[1]
            rows.occurrences[label] = row[2]
        }
        rows.features = try db.fetch("SELECT feature, spam_count, ham_count FROM spam_features ORDER BY feature") {
            SpamFeatureRow(feature: $0[0], counts: SpamClassCounts(spam: $0[1], ham: $0[2]))
        }
        return rows
    }

    /// Writes the learned model of a copied site, for `writeSite` (into an empty store).
    static func writeSpamModel(_ db: Database, _ rows: SpamModelRows) throws {
        for label in SpamLabel.allCases where !(rows.documents[label] == 0 && rows.occurrences[label] == 0) {
            try db.run(
                "INSERT INTO spam_classes (label, documents, occurrences) VALUES (?, ?, ?)",
                [label.rawValue, rows.documents[label], rows.occurrences[label]])
        }
        for row in rows.features {
            try db.run(
                "INSERT INTO spam_features (feature, spam_count, ham_count) VALUES (?, ?, ?)",
                [row.feature, row.counts.spam, row.counts.ham])
        }
    }
}
