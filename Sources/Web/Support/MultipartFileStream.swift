import Foundation
import Hummingbird

/// A `multipart/form-data` body read as it arrives, for uploads too large to hold in memory
/// (an export of a whole site): each file part goes straight to a new file of its own in
/// `directory`, text fields are kept as ``MultipartForm`` keeps them, with its limits. Memory
/// stays at one chunk of the body and a delimiter's length, whatever the file's size.
///
/// The body is cut as ``MultipartScanner`` cuts a whole one (RFC 2046: a part's content runs to
/// the next CRLF `--boundary`), and refused the same ways. Whatever goes wrong, the files made
/// so far are removed before the error is thrown; on success the caller owns them
/// (`FormMiddleware` removes those the handler did not move away).
struct MultipartFileStream {
    /// Where uploaded files wait for their handler: a folder of the system's temporary folder,
    /// readable by this user only.
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-uploads", isDirectory: true)

    private enum State {
        case preamble, afterDelimiter, headers, content, done
    }

    private let delimiter: [UInt8]
    private let crlfDelimiter: [UInt8]
    private let limits: MultipartForm.Limits
    private var state = State.preamble
    private var buffer: [UInt8] = []
    private var parts = 0
    private var fields: [String: String] = [:]
    private var files: [UploadedFile] = []
    /// The part being read: its field name, and a file (with its handle) or a text value.
    private var name = ""
    private var text: [UInt8] = []
    private var file: (handle: FileHandle, url: URL, filename: String, type: String?, bytes: Int)?

    private init(boundary: String, limits: MultipartForm.Limits) {
        delimiter = Array("--\(boundary)".utf8)
        crlfDelimiter = [13, 10] + delimiter
        self.limits = limits
    }

    /// Reads `body` (at most `maxBytes`, else Hummingbird's 413) with the boundary of `contentType`.
    static func read(
        _ body: RequestBody, contentType: String, maxBytes: Int, limits: MultipartForm.Limits = .init()
    ) async throws -> MultipartForm {
        let boundary = try MultipartForm.boundary(fromContentType: contentType)
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var stream = MultipartFileStream(boundary: boundary, limits: limits)
        do {
            var total = 0
            for try await chunk in body {
                total += chunk.readableBytes
                guard total <= maxBytes else { throw HTTPError(.contentTooLarge) }
                stream.buffer.append(contentsOf: chunk.readableBytesView)
                try stream.advance()
                if case .done = stream.state { break }
            }
            guard case .done = stream.state else { throw MultipartFormError.truncated }
            return MultipartForm(fields: stream.fields, files: stream.files)
        } catch {
            stream.discard()
            throw error
        }
    }

    /// Consumes as much of the buffer as can be decided on now.
    private mutating func advance() throws {
        while true {
            switch state {
            case .done:
                return
            case .preamble:
                if buffer.starts(with: delimiter) {
                    buffer.removeFirst(delimiter.count)
                } else if let found = find(crlfDelimiter) {
                    buffer.removeFirst(found + crlfDelimiter.count)
                } else {
                    // A preamble is ignored; keep only what could begin a delimiter.
                    if buffer.count > limits.maxPartHeaderBytes {
                        throw MultipartFormError.malformed("the body does not contain the boundary")
                    }
                    return
                }
                state = .afterDelimiter
            case .afterDelimiter:
                guard buffer.count >= 2 else { return }
                if buffer.starts(with: [45, 45]) {
                    state = .done
                    return
                }
                var index = 0
                while index < buffer.count, buffer[index] == 32 || buffer[index] == 9 { index += 1 }
                guard index + 2 <= buffer.count else { return }
                guard buffer[index] == 13, buffer[index + 1] == 10 else {
                    throw MultipartFormError.malformed("unexpected bytes after a boundary")
                }
                buffer.removeFirst(index + 2)
                guard parts < limits.maxParts else { throw MultipartFormError.tooManyParts(max: limits.maxParts) }
                parts += 1
                state = .headers
            case .headers:
                let headers: [String: String]
                if buffer.starts(with: [13, 10]) {
                    headers = [:]
                    buffer.removeFirst(2)
                } else {
                    guard let end = find([13, 10, 13, 10], before: limits.maxPartHeaderBytes + 4) else {
                        if buffer.count >= limits.maxPartHeaderBytes + 4 {
                            throw MultipartFormError.malformed("a part's headers are longer than \(limits.maxPartHeaderBytes) bytes")
                        }
                        return
                    }
                    headers = try MultipartScanner.parseHeaders(buffer[0..<end])
                    buffer.removeFirst(end + 4)
                }
                try open(headers)
                state = .content
            case .content:
                if let end = find(crlfDelimiter) {
                    try take(buffer[0..<end])
                    buffer.removeFirst(end + crlfDelimiter.count)
                    try close()
                    state = .afterDelimiter
                } else {
                    let safe = buffer.count - (crlfDelimiter.count - 1)
                    guard safe > 0 else { return }
                    try take(buffer[0..<safe])
                    buffer.removeFirst(safe)
                    return
                }
            }
        }
    }

    /// Starts a part: a file when its disposition names a filename, else a text field.
    private mutating func open(_ headers: [String: String]) throws {
        guard let disposition = headers["content-disposition"] else {
            throw MultipartFormError.malformed("a part has no Content-Disposition header")
        }
        guard let parsed = ParameterizedHeader(disposition), parsed.value.lowercased() == "form-data" else {
            throw MultipartFormError.malformed("a part's Content-Disposition is not form-data")
        }
        guard let name = parsed.parameters["name"], !name.isEmpty else { throw MultipartFormError.malformed("a part has no field name") }
        self.name = name
        text = []
        guard let filename = parsed.parameters["filename"] else { return }
        let url = Self.directory.appendingPathComponent(UUID().uuidString)
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let handle = try FileHandle(forWritingTo: url)
        let declared = headers["content-type"].flatMap(ParameterizedHeader.init)?.value.lowercased()
        let base = String(filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
        file = (handle, url, base, declared, 0)
    }

    private mutating func take(_ bytes: ArraySlice<UInt8>) throws {
        guard !bytes.isEmpty else { return }
        if let current = file {
            try current.handle.write(contentsOf: bytes)
            file?.bytes += bytes.count
        } else {
            guard text.count + bytes.count <= limits.maxFieldBytes else {
                throw MultipartFormError.fieldTooLarge(name: name, max: limits.maxFieldBytes)
            }
            text.append(contentsOf: bytes)
        }
    }

    private mutating func close() throws {
        if let current = file {
            file = nil
            try current.handle.close()
            // A file input with nothing chosen still sends a part: empty name, empty content.
            if current.filename.isEmpty && current.bytes == 0 {
                try? FileManager.default.removeItem(at: current.url)
                return
            }
            files.append(
                UploadedFile(
                    fieldName: name, filename: current.filename, declaredContentType: current.type, bytes: Data(),
                    fileURL: current.url, fileSize: current.bytes))
            return
        }
        guard let value = String(validating: text, as: UTF8.self) else { throw MultipartFormError.invalidUTF8(field: name) }
        if fields[name] == nil { fields[name] = value }
    }

    /// Removes every file made so far (the body was refused).
    private mutating func discard() {
        if let current = file {
            try? current.handle.close()
            try? FileManager.default.removeItem(at: current.url)
            file = nil
        }
        for uploaded in files { uploaded.removeStoredFile() }
        files = []
    }

    /// The offset of the first `needle` in the buffer, starting before `before` when given.
    private func find(_ needle: [UInt8], before limit: Int? = nil) -> Int? {
        let last = min(limit.map { $0 - needle.count } ?? Int.max, buffer.count - needle.count)
        guard let head = needle.first, last >= 0 else { return nil }
        var index = 0
        while index <= last {
            guard let hit = buffer[index...last].firstIndex(of: head) else { return nil }
            if buffer[hit..<hit + needle.count].elementsEqual(needle) { return hit }
            index = hit + 1
        }
        return nil
    }
}

extension UploadedFile {
    /// Removes the file a streamed upload left on disk, if it is still there.
    func removeStoredFile() {
        if let fileURL { try? FileManager.default.removeItem(at: fileURL) }
    }
}
