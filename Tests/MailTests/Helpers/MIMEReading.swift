import Foundation

/// A small, independent reader of what MIMEWriter writes, so tests check the bytes the way a
/// mail program would read them (Python's email package gives a second opinion in the sink).
struct ReadMail {
    /// Header fields in order, unfolded (CRLF before white space removed), still encoded.
    var headers: [(name: String, value: String)]
    /// The raw body after the blank line.
    var body: String

    init(_ raw: String) {
        let split = raw.range(of: "\r\n\r\n")
        let head = split.map { String(raw[..<$0.lowerBound]) } ?? raw
        body = split.map { String(raw[$0.upperBound...]) } ?? ""
        let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: "\t")
        headers = unfolded.components(separatedBy: "\r\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...]
            return (String(line[..<colon]), String(value.hasPrefix(" ") ? value.dropFirst() : value))
        }
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The header with encoded-words decoded.
    func decoded(_ name: String) -> String? { header(name).map(decodeEncodedWords) }

    /// The MIME parts of a multipart body, split on the boundary from Content-Type.
    var parts: [ReadMail] {
        guard let type = header("Content-Type"), let r = type.range(of: "boundary=\"") else { return [] }
        let boundary = String(type[r.upperBound...].prefix { $0 != "\"" })
        let chunks = body.components(separatedBy: "--\(boundary)")
        // [preamble, part, part, "--\r\n"]: each part starts with CRLF and ends with CRLF.
        // (In Swift "\r\n" is one Character, hence the byte-wise prefix check.)
        return chunks.dropFirst().dropLast().map { chunk in
            ReadMail(chunk.hasPrefix("\r\n") ? String(chunk.utf8.dropFirst(2))! : chunk)
        }
    }

    /// The body with quoted-printable undone, as UTF-8 text.
    var decodedBody: String? { String(validating: decodeQuotedPrintable(body), as: UTF8.self) }
}

/// Joins and decodes `=?UTF-8?B?...?=` words; white space between two encoded-words is dropped
/// (RFC 2047 section 6.2). Each word must be valid UTF-8 by itself, as the RFC requires, or the
/// result holds "<BROKEN WORD>".
func decodeEncodedWords(_ value: String) -> String {
    var out = ""
    var previousWasEncoded = false
    var pendingSpace = ""
    for token in value.split(separator: " ", omittingEmptySubsequences: false) {
        if token.hasPrefix("=?UTF-8?B?"), token.hasSuffix("?="), token.count >= 12 {
            let payload = token.dropFirst(10).dropLast(2)
            let text = Data(base64Encoded: String(payload)).flatMap { String(validating: Array($0), as: UTF8.self) }
            if !previousWasEncoded { out += pendingSpace }
            out += text ?? "<BROKEN WORD>"
            previousWasEncoded = true
        } else {
            out += pendingSpace + token
            previousWasEncoded = false
        }
        pendingSpace = " "
    }
    return out
}

/// Undoes quoted-printable: soft breaks removed, `=XX` to bytes, CRLF kept.
func decodeQuotedPrintable(_ text: String) -> [UInt8] {
    let bytes = Array(text.utf8)
    var out = [UInt8]()
    var i = 0
    func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 65...70: return b - 55
        case 97...102: return b - 87
        default: return nil
        }
    }
    while i < bytes.count {
        if bytes[i] == UInt8(ascii: "=") {
            if i + 2 < bytes.count, bytes[i + 1] == 13, bytes[i + 2] == 10 { i += 3; continue }
            if i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
                continue
            }
        }
        out.append(bytes[i])
        i += 1
    }
    return out
}

/// Problems with the shape of raw message bytes: bare CR or LF, lines over `limit`, 8-bit bytes.
func shapeProblems(_ raw: [UInt8], limit: Int = 78) -> [String] {
    var problems = [String]()
    var lineLength = 0, lineNumber = 1
    for (i, b) in raw.enumerated() {
        if b >= 0x80 { problems.append("8-bit byte on line \(lineNumber)") }
        if b == 13 {
            if i + 1 >= raw.count || raw[i + 1] != 10 { problems.append("bare CR on line \(lineNumber)") }
            continue
        }
        if b == 10 {
            if i == 0 || raw[i - 1] != 13 { problems.append("bare LF on line \(lineNumber)") }
            if lineLength > limit { problems.append("line \(lineNumber) has \(lineLength) characters") }
            lineLength = 0
            lineNumber += 1
            continue
        }
        lineLength += 1
    }
    if lineLength > limit { problems.append("last line has \(lineLength) characters") }
    return problems
}

/// Line breaks made CRLF-free for comparing bodies: "\r\n" becomes "\n".
func lf(_ s: String?) -> String? { s?.replacingOccurrences(of: "\r\n", with: "\n") }
