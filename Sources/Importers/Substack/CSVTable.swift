import Foundation

/// A comma-separated table (RFC 4180) with a header row, as Substack writes `posts.csv` and
/// its email lists: quoted fields may hold commas, doubled quotes and line breaks; a byte
/// order mark and CRLF or LF line ends are taken as they come.
struct CSVTable: Sendable {
    /// Column names of the header row, trimmed and lowercased.
    let header: [String]
    /// The rows after the header, each by column name; a row shorter than the header lacks
    /// the missing columns, and empty lines are left out.
    let rows: [[String: String]]

    init(text: String) {
        var records = Self.records(text)
        let header = records.isEmpty ? [] : records.removeFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        self.header = header
        rows = records.compactMap { fields in
            if fields.count == 1 && fields[0].isEmpty { return nil }
            var row: [String: String] = [:]
            for (name, value) in zip(header, fields) where row[name] == nil { row[name] = value }
            return row
        }
    }

    /// The fields of each record, in order.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending = iterator.next()
        if pending == "\u{FEFF}" { pending = iterator.next() }
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
        }
        func endRecord() {
            endField()
            records.append(fields)
            fields = []
        }
        while let scalar = pending {
            pending = iterator.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: quoted = true
            case ",": endField()
            case "\r":
                if pending == "\n" { pending = iterator.next() }
                endRecord()
            case "\n": endRecord()
            default: field.append(scalar)
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
