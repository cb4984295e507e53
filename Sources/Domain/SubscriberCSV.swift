import Foundation

/// The limits of a subscriber import: a list a writer brings from another service, kept small
/// enough that one transaction writes it and the confirmation mails fit the outbox at once.
public enum SubscriberImportLimits {
    /// Addresses in one import.
    public static let addresses = 10_000
    /// Bytes of the CSV file (or pasted text).
    public static let fileBytes = 1024 * 1024
    /// Characters of the writer's note on where the addresses come from.
    public static let noteLength = 500
    /// Bad lines named on the form when an import is refused; the count says how many more.
    public static let linesShown = 20
}

/// Addresses read from a CSV file or from pasted text, each checked and normalised.
///
/// A file is read as RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF; a semicolon or tab
/// as the separator when the first line has no comma, as spreadsheets in some languages write
/// it). The address column is the one headed "email" (or "email address", "e-mail"), or, with
/// no such header, the first column whose first cell holds an "@". Pasted text is simpler:
/// addresses separated by lines, commas, semicolons or spaces.
public struct SubscriberCSV: Sendable, Equatable {
    /// A cell that is not an email address, by its line in the text (from 1).
    public struct BadLine: Sendable, Equatable {
        public let line: Int
        public let text: String

        public init(line: Int, text: String) {
            self.line = line
            self.text = text
        }
    }

    /// The good addresses, normalised, in the order of the text, each once.
    public var addresses: [String] = []
    /// The cells that are not addresses.
    public var bad: [BadLine] = []
    /// Addresses that appeared more than once (counted once in `addresses`).
    public var repeated = 0

    /// Reads a CSV file. Throws `required` on `field` when it holds no address column.
    public static func file(_ text: String, field: String = "file") throws(FieldError) -> SubscriberCSV {
        let rows = records(text)
        guard let first = rows.first(where: { !$0.cells.allSatisfy(\.isEmpty) }) else { throw FieldError(field, .required) }
        let headers = ["email", "email address", "e-mail", "e-mail address", "email_address", "mail", "address"]
        var column: Int
        var skipFirst = false
        if let named = first.cells.firstIndex(where: { headers.contains($0.trimmingCharacters(in: .whitespaces).lowercased()) }) {
            column = named
            skipFirst = true
        } else if let guessed = first.cells.firstIndex(where: { $0.contains("@") }) {
            column = guessed
        } else {
            throw FieldError(field, .required)
        }
        var list = SubscriberCSV()
        var seen = Set<String>()
        for row in rows {
            if skipFirst, row.line == first.line { continue }
            guard column < row.cells.count else {
                if !row.cells.allSatisfy(\.isEmpty) { list.bad.append(BadLine(line: row.line, text: row.cells.joined(separator: ","))) }
                continue
            }
            list.add(row.cells[column], line: row.line, seen: &seen)
        }
        return list
    }

    /// Reads pasted addresses.
    public static func pasted(_ text: String) -> SubscriberCSV {
        var list = SubscriberCSV()
        var seen = Set<String>()
        var line = 1
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            for cell in rawLine.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }) {
                list.add(String(cell), line: line, seen: &seen)
            }
            line += 1
        }
        return list
    }

    private mutating func add(_ cell: String, line: Int, seen: inout Set<String>) {
        let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        // A "Name <address>" cell, as mail programs export it, gives its address.
        var candidate = trimmed
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            candidate = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        }
        // A leading quote is how a spreadsheet-safe export (ours) keeps a cell from being a formula.
        if candidate.hasPrefix("'") { candidate.removeFirst() }
        guard let email = try? EmailAddress.normalize(candidate) else {
            bad.append(BadLine(line: line, text: String(trimmed.prefix(Limits.emailLength))))
            return
        }
        if seen.insert(email).inserted { addresses.append(email) } else { repeated += 1 }
    }

    /// A row of a CSV text: its cells, and the line it starts on.
    struct Record: Equatable {
        let line: Int
        var cells: [String]
    }

    /// The rows of `text` as RFC 4180 reads them, with the separator guessed from the first line.
    static func records(_ text: String) -> [Record] {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        let firstLine = body.prefix { !$0.isNewline }
        let separator: Character = firstLine.contains(",") ? "," : firstLine.contains(";") ? ";" : firstLine.contains("\t") ? "\t" : ","
        var rows: [Record] = []
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var iterator = body.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let character = pending {
                pending = nil
                return character
            }
            return iterator.next()
        }
        while let character = next() {
            if quoted {
                if character == "\"" {
                    let after = next()
                    if after == "\"" {
                        cell.append("\"")
                    } else {
                        quoted = false
                        pending = after
                    }
                } else {
                    if character.isNewline { line += 1 }
                    cell.append(character)
                }
            } else if character == "\"" && cell.isEmpty {
                quoted = true
            } else if character == separator {
                cells.append(cell)
                cell = ""
            } else if character.isNewline {
                // "\r\n" is one Character in Swift, so a CRLF file ends each row once.
                cells.append(cell)
                rows.append(Record(line: rowLine, cells: cells))
                cells = []
                cell = ""
                line += 1
                rowLine = line
            } else {
                cell.append(character)
            }
        }
        if !cell.isEmpty || !cells.isEmpty {
            cells.append(cell)
            rows.append(Record(line: rowLine, cells: cells))
        }
        return rows
    }

    /// One cell of a CSV file we write: quoted when it must be, and kept from being read as a
    /// formula by a spreadsheet (a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'`,
    /// which `file(_:)` takes off again).
    public static func cell(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline || $0 == ";" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
