import Domain

/// Walks every text of a catalogue (a struct of `String`s and ``Phrase``s, with nested structs
/// of texts) and says what is wrong: an empty text, a phrase that leaves out a value it was
/// given, or a phrase whose values have no samples yet.
///
/// Nothing lists the texts: the walk finds them by reflection, so a text added to a catalogue
/// is checked without touching the tests, in every language.
public struct CatalogueCheck {
    /// Values to try a phrase with, and for each the words its text must contain.
    public struct Sample {
        public let values: Any
        public let shown: [String]
        public init(_ values: Any, shows shown: [String]) {
            self.values = values
            self.shown = shown
        }
    }

    private var samples: [ObjectIdentifier: [Sample]] = [:]

    /// Names and counts, which every catalogue has. A count of one may be spelled out ("a
    /// minute"), so only larger counts must appear as digits.
    public init() {
        add(String.self, [Sample("Ada Lovelace", shows: ["Ada Lovelace"])])
        add(Int.self, [Sample(1, shows: []), Sample(2, shows: ["2"]), Sample(25, shows: ["25"])])
    }

    /// Samples for phrases that take values of `type` (a tuple type for several values).
    public mutating func add<Values>(_ type: Values.Type, _ samples: [Sample]) {
        self.samples[ObjectIdentifier(type), default: []] += samples
    }

    /// Everything wrong with `catalogue`, one line each, named by the text's path.
    public func problems(in catalogue: Any, language: String) -> [String] {
        var problems: [String] = []
        walk(catalogue, path: language, into: &problems)
        return problems
    }

    private func walk(_ value: Any, path: String, into problems: inout [String]) {
        for child in Mirror(reflecting: value).children {
            let name = "\(path).\(child.label ?? "?")"
            if let text = child.value as? String {
                if text.allSatisfy(\.isWhitespace) { problems.append("\(name) is empty") }
            } else if let phrase = child.value as? any AnyPhrase {
                check(phrase, name: name, into: &problems)
            } else if Mirror(reflecting: child.value).displayStyle == .struct {
                walk(child.value, path: name, into: &problems)
            } else {
                problems.append("\(name) is neither a String nor a Phrase: \(type(of: child.value))")
            }
        }
    }

    private func check(_ phrase: any AnyPhrase, name: String, into problems: inout [String]) {
        guard let tries = samples[ObjectIdentifier(phrase.valuesType)], !tries.isEmpty else {
            problems.append("\(name) takes \(phrase.valuesType), which has no samples: add some to the test")
            return
        }
        for sample in tries {
            guard let text = phrase.text(forAny: sample.values) else { continue }
            if text.allSatisfy(\.isWhitespace) { problems.append("\(name)(\(sample.values)) is empty") }
            for word in sample.shown where !text.contains(word) {
                problems.append("\(name)(\(sample.values)) leaves out \"\(word)\": \(text)")
            }
        }
    }
}
