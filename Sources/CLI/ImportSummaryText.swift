import Foundation
import Importers

/// An import's summary as `parley import` prints it: what was added, what was skipped and why,
/// a few examples of each, then the notes.
enum ImportSummaryText {
    static func render(_ summary: ImportSummary, file: String) -> String {
        var out = "Imported from \(summary.kind) (\(file)):\n"
        out += lines(summary.imported)
        if !summary.skipped.isEmpty {
            out += "Skipped:\n" + lines(summary.skipped)
        }
        for note in summary.notes { out += note + "\n" }
        return out
    }

    private static func lines(_ lines: [ImportSummary.Line]) -> String {
        let width = lines.map { grouped($0.count).count }.max() ?? 1
        return lines.map { line in
            let count = grouped(line.count)
            let examples = line.examples.isEmpty ? "" : " (e.g. " + line.examples.joined(separator: ", ") + ")"
            return "  " + String(repeating: " ", count: width - count.count) + count + "  " + line.label + examples + "\n"
        }.joined()
    }

    /// 1234567 as "1,234,567": the summary is read by people.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return number < 0 ? "-" + out : out
    }
}
