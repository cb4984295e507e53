import Foundation

/// Counts of what an import did, each with its first few examples, in the order first met:
/// what becomes the `ImportSummary`.
struct ImportTally {
    static let examplesKept = 5

    private(set) var imported: [ImportSummary.Line] = []
    private(set) var skipped: [ImportSummary.Line] = []

    mutating func add(_ label: String, _ count: Int = 1, example: String? = nil) {
        Self.bump(&imported, label, count, example)
    }

    mutating func skip(_ reason: String, _ count: Int = 1, example: String? = nil) {
        Self.bump(&skipped, reason, count, example)
    }

    func count(_ label: String) -> Int {
        (imported + skipped).first(where: { $0.label == label })?.count ?? 0
    }

    private static func bump(_ lines: inout [ImportSummary.Line], _ label: String, _ count: Int, _ example: String?) {
        guard count > 0 else { return }
        let index =
            lines.firstIndex(where: { $0.label == label })
            ?? {
                lines.append(ImportSummary.Line(label: label, count: 0))
                return lines.count - 1
            }()
        lines[index].count += count
        if let example, !example.isEmpty, lines[index].examples.count < examplesKept, !lines[index].examples.contains(example) {
            lines[index].examples.append(String(example.prefix(200)))
        }
    }
}
