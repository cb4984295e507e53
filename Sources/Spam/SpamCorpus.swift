import Domain
import Foundation

/// One labelled comment of the corpus.
public struct SpamExample: Sendable, Equatable {
    public var text: String
    public var label: SpamLabel

    public init(text: String, label: SpamLabel) {
        self.text = text
        self.label = label
    }
}

/// The labelled comments the built-in model is trained on and the evaluation measures:
/// `Corpus/spam.txt` and `Corpus/ham.txt`, compiled into the binary (see `Corpus/README.md`
/// for how they were written).
///
/// One comment per line; `\n` in a line stands for a line break and `\\` for a backslash;
/// empty lines and lines starting with `#` are skipped.
public enum SpamCorpus {
    /// Every example, spam first, each file in order.
    public static let examples: [SpamExample] =
        parse(String(decoding: PackageResources.spam_txt, as: UTF8.self), as: .spam)
        + parse(String(decoding: PackageResources.ham_txt, as: UTF8.self), as: .ham)

    /// The examples of one file's text.
    public static func parse(_ text: String, as label: SpamLabel) -> [SpamExample] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            return SpamExample(text: unescape(trimmed), label: label)
        }
    }

    static func unescape(_ line: String) -> String {
        guard line.contains("\\") else { return line }
        var result = ""
        var escaped = false
        for character in line {
            if escaped {
                result.append(character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
