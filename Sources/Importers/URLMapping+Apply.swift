import Foundation

extension URLMapping {
    /// `address` with the longest matching rule's prefix replaced; unchanged when none matches.
    public func apply(_ address: String) -> String {
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        guard let rule = rules.filter({ trimmed.hasPrefix($0.from) }).max(by: { $0.from.count < $1.from.count }) else {
            return trimmed
        }
        return rule.to + trimmed.dropFirst(rule.from.count)
    }

    /// One rule as `--map-url` takes it: `OLD=NEW` (split at the first `=` that starts an http(s)
    /// address or a path, so an `=` in the old address's query is kept), or `OLD NEW`.
    public static func rule(parsing text: String) throws(ImportError) -> Rule {
        let line = text.trimmingCharacters(in: .whitespaces)
        var split: (String, String)?
        var searchFrom = line.startIndex
        while let equals = line[searchFrom...].firstIndex(of: "=") {
            let rest = line[line.index(after: equals)...]
            if rest.hasPrefix("http://") || rest.hasPrefix("https://") || rest.hasPrefix("/") {
                split = (String(line[..<equals]), String(rest))
                break
            }
            searchFrom = line.index(after: equals)
        }
        if split == nil {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if parts.count == 2 { split = (String(parts[0]), String(parts[1])) }
        }
        guard let (from, to) = split.map({ ($0.trimmingCharacters(in: .whitespaces), $1.trimmingCharacters(in: .whitespaces)) }),
            !from.isEmpty, !to.isEmpty
        else {
            throw .badOption("a URL mapping is OLD=NEW, e.g. https://old.example/blog/=https://new.example/, not \"\(text)\"")
        }
        guard to.hasPrefix("http://") || to.hasPrefix("https://") || to.hasPrefix("/"), !to.contains(where: \.isWhitespace) else {
            throw .badOption("a URL mapping's new address must be an http(s) address or a path, not \"\(to)\"")
        }
        return Rule(from: from, to: to)
    }

    /// The rules of a `--url-map` file: one `OLD=NEW` or `OLD NEW` per line; blank lines and
    /// lines starting with `#` are ignored. A line that does not parse names its number.
    public static func rules(parsingFile text: String) throws(ImportError) -> [Rule] {
        var rules: [Rule] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            do {
                rules.append(try rule(parsing: line))
            } catch {
                throw .badOption("line \(index + 1): \(error.description)")
            }
        }
        return rules
    }
}
