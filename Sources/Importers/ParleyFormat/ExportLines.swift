import Foundation

/// Turns records into lines of the export and back: JSON objects with `type` first, keys in
/// snake case and sorted, times as `ExportTime`, bytes in base64. The same record always
/// makes the same bytes, so two exports of the same site can be compared with `cmp`.
struct ExportLines {
    private let encoder: JSONEncoder
    private let decoder: JSONDecoder

    init() {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ExportTime.text(date))
        }
        encoder.dataEncodingStrategy = .base64
        encoder.nonConformingFloatEncodingStrategy = .throw
        decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ExportTime.date(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\(text) is not a time as YYYY-MM-DDTHH:MM:SS.mmmZ")
            }
            return date
        }
        decoder.dataDecodingStrategy = .base64
    }

    /// One line, newline included.
    func line<R: ExportRecord>(_ record: R) throws -> Data {
        let body = try encoder.encode(record)
        var line = Data("{\"type\":\"\(R.recordType)\"".utf8)
        // The record's own object after its opening brace; an empty one just closes.
        if body.count > 2 { line.append(UInt8(ascii: ",")) }
        line.append(body.dropFirst())
        line.append(UInt8(ascii: "\n"))
        return line
    }

    private struct TypeTag: Decodable {
        var type: String
    }

    /// The `type` of a line.
    func type(of line: Data) throws -> String {
        try decoder.decode(TypeTag.self, from: line).type
    }

    func record<R: ExportRecord>(_: R.Type, from line: Data) throws -> R {
        try decoder.decode(R.self, from: line)
    }
}
