import Foundation

/// One part as cut from the body: header fields (names lowercased) and the content bytes.
struct MultipartPart {
    var headers: [String: String]
    var content: ArraySlice<UInt8>
}

/// Cuts a body into parts (RFC 2046 section 5.1.1). The content of a part runs up to the next
/// CRLF `--boundary`; the CRLF belongs to the delimiter, so content may hold any bytes,
/// CRLF included, as long as it does not hold the delimiter itself.
struct MultipartScanner {
    let body: [UInt8]
    let delimiter: [UInt8]  // "--" + boundary
    let limits: MultipartForm.Limits

    init(body: [UInt8], boundary: [UInt8], limits: MultipartForm.Limits) {
        self.body = body
        self.delimiter = Array("--".utf8) + boundary
        self.limits = limits
    }

    private static let crlf: [UInt8] = [13, 10]

    mutating func parts() throws -> [MultipartPart] {
        // The first delimiter opens the body or follows a preamble line, which is ignored.
        var pos: Int
        if body.starts(with: delimiter) {
            pos = delimiter.count
        } else if let found = find(Self.crlf + delimiter, from: 0) {
            pos = found + 2 + delimiter.count
        } else if delimiter.starts(with: body) {
            throw MultipartFormError.truncated
        } else {
            throw MultipartFormError.malformed("the body does not contain the boundary")
        }

        var parts: [MultipartPart] = []
        while true {
            // After a delimiter: "--" closes the body (the epilogue is ignored); otherwise
            // optional spaces or tabs, then CRLF, open the next part.
            if has([45, 45], at: pos) { return parts }
            while pos < body.count, body[pos] == 32 || body[pos] == 9 { pos += 1 }
            if pos == body.count || (pos + 1 == body.count && (body[pos] == 45 || body[pos] == 13)) {
                throw MultipartFormError.truncated
            }
            guard has(Self.crlf, at: pos) else {
                throw MultipartFormError.malformed("unexpected bytes after a boundary")
            }
            pos += 2
            guard parts.count < limits.maxParts else { throw MultipartFormError.tooManyParts(max: limits.maxParts) }

            let headers: [String: String]
            if has(Self.crlf, at: pos) {
                headers = [:]
                pos += 2
            } else {
                let limit = min(body.count, pos + limits.maxPartHeaderBytes + 4)
                guard let end = find(Self.crlf + Self.crlf, from: pos, before: limit) else {
                    if limit == body.count { throw MultipartFormError.truncated }
                    throw MultipartFormError.malformed("a part's headers are longer than \(limits.maxPartHeaderBytes) bytes")
                }
                headers = try Self.parseHeaders(body[pos..<end])
                pos = end + 4
            }

            guard let end = find(Self.crlf + delimiter, from: pos) else { throw MultipartFormError.truncated }
            parts.append(MultipartPart(headers: headers, content: body[pos..<end]))
            pos = end + 2 + delimiter.count
        }
    }

    /// Header lines `Name: value`, CRLF-separated, UTF-8. Folded lines (obsolete, and not sent
    /// by browsers), bare CR or LF, and repeated names are refused: a part that two readers
    /// could read two ways is not read at all.
    static func parseHeaders(_ block: ArraySlice<UInt8>) throws -> [String: String] {
        guard let text = String(validating: block, as: UTF8.self) else {
            throw MultipartFormError.malformed("a part's headers are not UTF-8")
        }
        var headers: [String: String] = [:]
        for line in text.components(separatedBy: "\r\n") {
            guard !line.contains("\r"), !line.contains("\n") else {
                throw MultipartFormError.malformed("a bare CR or LF in a part's headers")
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                let first = line.unicodeScalars.first, first != " ", first != "\t"
            else {
                throw MultipartFormError.malformed("a part's header line is not 'Name: value'")
            }
            let name = line[..<colon].lowercased()
            guard name.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 }) else {
                throw MultipartFormError.malformed("a part's header name has spaces or control characters")
            }
            guard headers[name] == nil else { throw MultipartFormError.malformed("a part repeats the header \(name)") }
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }

    private func has(_ bytes: [UInt8], at offset: Int) -> Bool {
        offset + bytes.count <= body.count && body[offset..<offset + bytes.count].elementsEqual(bytes)
    }

    /// The offset of the first `needle` starting in `from..<before`, wholly inside the body.
    private func find(_ needle: [UInt8], from start: Int, before end: Int? = nil) -> Int? {
        let last = min(end ?? body.count, body.count) - needle.count
        guard let head = needle.first, start <= last else { return nil }
        var i = start
        while i <= last {
            guard let hit = body[i...last].firstIndex(of: head) else { return nil }
            if body[hit..<hit + needle.count].elementsEqual(needle) { return hit }
            i = hit + 1
        }
        return nil
    }
}

/// A header value with parameters, `value; name=token; name="quoted \" string"` (RFC 9110
/// section 5.6.6). Parameter names are lowercased; a repeated parameter, an unclosed quote or
/// junk between parameters makes the whole value unreadable (nil).
struct ParameterizedHeader {
    var value: String
    var parameters: [String: String]

    init?(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func skipSpace() { while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 } }

        skipSpace()
        var value = String.UnicodeScalarView()
        while i < scalars.count, scalars[i] != ";" { value.append(scalars[i]); i += 1 }
        self.value = String(value).trimmingCharacters(in: .whitespaces)
        guard !self.value.isEmpty else { return nil }

        var parameters: [String: String] = [:]
        while i < scalars.count {
            i += 1  // the ";"
            skipSpace()
            if i == scalars.count { break }  // a trailing ";" is harmless
            var name = String.UnicodeScalarView()
            while i < scalars.count, scalars[i] != "=", scalars[i] != ";", scalars[i] != " ", scalars[i] != "\t" {
                name.append(scalars[i]); i += 1
            }
            skipSpace()
            guard !name.isEmpty, i < scalars.count, scalars[i] == "=" else { return nil }
            i += 1
            skipSpace()
            var parameterValue = String.UnicodeScalarView()
            if i < scalars.count, scalars[i] == "\"" {
                i += 1
                var closed = false
                while i < scalars.count {
                    let s = scalars[i]
                    if s == "\"" { closed = true; i += 1; break }
                    // Only \" and \\ are escapes: browsers send a backslash in a filename
                    // as it is (C:\photos\a.png), and it should survive.
                    if s == "\\", i + 1 < scalars.count, scalars[i + 1] == "\"" || scalars[i + 1] == "\\" {
                        parameterValue.append(scalars[i + 1]); i += 2; continue
                    }
                    parameterValue.append(s); i += 1
                }
                guard closed else { return nil }
            } else {
                while i < scalars.count, scalars[i] != ";", scalars[i] != " ", scalars[i] != "\t" {
                    parameterValue.append(scalars[i]); i += 1
                }
            }
            skipSpace()
            guard i == scalars.count || scalars[i] == ";" else { return nil }
            let key = String(name).lowercased()
            guard parameters[key] == nil else { return nil }
            parameters[key] = String(parameterValue)
        }
        self.parameters = parameters
    }
}
