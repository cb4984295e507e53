import Foundation

/// A `multipart/form-data` body (RFC 7578), parsed strictly from bytes already collected:
/// text fields and uploaded files.
///
/// A small parser of our own rather than MultipartKit's: the body is already in memory with
/// its size capped, so a plain scan is enough, and MultipartKit 4 reads `Content-Disposition`
/// parameters by splitting on `;` and `=` without honouring quotes (a filename such as
/// `"a;b=c.png"` is misread), reports nothing when the body stops before its closing
/// boundary, and stops the process on an empty boundary (`precondition`). Here every
/// malformed, truncated or oversized body is a ``MultipartFormError``, never a crash or a
/// half-read form.
struct MultipartForm: Sendable {
    /// How much one body may hold besides its total size, which the caller caps when collecting it.
    struct Limits: Sendable {
        /// Parts in one body, text fields and files together.
        var maxParts = 20
        /// Bytes in one text field's value.
        var maxFieldBytes = 10 * 1024
        /// Bytes of one part's header block.
        var maxPartHeaderBytes = 4 * 1024
    }

    /// Text fields by name; when a name repeats, the first value wins (as in ``FormBody``).
    private(set) var fields: [String: String] = [:]
    /// Files in the order sent. A file input left empty (no filename, no bytes) is not listed.
    private(set) var files: [UploadedFile] = []

    subscript(name: String) -> String? { fields[name] }

    /// The first file sent under `fieldName`.
    func file(named fieldName: String) -> UploadedFile? {
        files.first { $0.fieldName == fieldName }
    }

    /// A form whose files were written to disk as it arrived (`MultipartFileStream`).
    init(fields: [String: String], files: [UploadedFile]) {
        self.fields = fields
        self.files = files
    }

    /// Parses `body` with the boundary named in `contentType` (the request's Content-Type).
    init(body: some Collection<UInt8>, contentType: String, limits: Limits = Limits()) throws {
        let boundary = try Self.boundary(fromContentType: contentType)
        var parser = MultipartScanner(body: Array(body), boundary: Array(boundary.utf8), limits: limits)
        for part in try parser.parts() {
            try add(part, limits: limits)
        }
    }

    /// The boundary of a `multipart/form-data` Content-Type, checked against RFC 2046: 1 to 70
    /// characters of digits, letters and `'()+_,-./:=?` or space, not ending in a space.
    static func boundary(fromContentType contentType: String) throws -> String {
        guard let parsed = ParameterizedHeader(contentType) else {
            // Unreadable parameters after the right media type: the boundary cannot be trusted.
            let mediaType = contentType.trimmingCharacters(in: .whitespaces).lowercased()
            throw mediaType.hasPrefix("multipart/form-data") ? MultipartFormError.invalidBoundary : .notMultipartFormData
        }
        guard parsed.value.lowercased() == "multipart/form-data" else { throw MultipartFormError.notMultipartFormData }
        guard let boundary = parsed.parameters["boundary"] else { throw MultipartFormError.missingBoundary }
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".utf8)
        guard (1...70).contains(boundary.utf8.count), boundary.utf8.allSatisfy(allowed.contains), boundary.last != " " else {
            throw MultipartFormError.invalidBoundary
        }
        return boundary
    }

    private mutating func add(_ part: MultipartPart, limits: Limits) throws {
        guard let disposition = part.headers["content-disposition"] else {
            throw MultipartFormError.malformed("a part has no Content-Disposition header")
        }
        guard let parsed = ParameterizedHeader(disposition), parsed.value.lowercased() == "form-data" else {
            throw MultipartFormError.malformed("a part's Content-Disposition is not form-data")
        }
        guard let name = parsed.parameters["name"], !name.isEmpty else {
            throw MultipartFormError.malformed("a part has no field name")
        }
        if let filename = parsed.parameters["filename"] {
            // A file input with nothing chosen still sends a part: empty name, empty content.
            if filename.isEmpty && part.content.isEmpty { return }
            let declared = part.headers["content-type"].flatMap(ParameterizedHeader.init)?.value.lowercased()
            files.append(
                UploadedFile(
                    fieldName: name, filename: Self.baseName(filename),
                    declaredContentType: declared, bytes: Data(part.content)))
            return
        }
        guard part.content.count <= limits.maxFieldBytes else {
            throw MultipartFormError.fieldTooLarge(name: name, max: limits.maxFieldBytes)
        }
        guard let value = String(validating: part.content, as: UTF8.self) else {
            throw MultipartFormError.invalidUTF8(field: name)
        }
        if fields[name] == nil { fields[name] = value }
    }

    /// The last path component: some browsers (old Internet Explorer) send the whole path.
    private static func baseName(_ filename: String) -> String {
        String(filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
    }
}

/// A file from a `multipart/form-data` body. Its name and declared type are the sender's
/// claims: show the name as text only, never use it as a path, and tell the type from the
/// bytes (``ImageType/init(sniffing:)`` for images).
struct UploadedFile: Sendable, Hashable {
    /// The form field the file was sent under.
    let fieldName: String
    /// The file's name as sent, without any directory part; may be empty.
    let filename: String
    /// The part's Content-Type without parameters, lowercased; nil when the part had none.
    let declaredContentType: String?
    let bytes: Data
    /// Where a streamed upload wrote the file (`MultipartFileStream`); `bytes` is then empty.
    var fileURL: URL? = nil
    /// The size of the file at `fileURL`.
    var fileSize = 0
}

/// Why a `multipart/form-data` body was refused. ``tooManyParts`` and ``fieldTooLarge`` are
/// size limits (HTTP 413); the rest are bad requests (HTTP 400).
enum MultipartFormError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The Content-Type is not `multipart/form-data`.
    case notMultipartFormData
    /// The Content-Type names no boundary.
    case missingBoundary
    /// The boundary is empty, over 70 characters, or has characters RFC 2046 does not allow.
    case invalidBoundary
    /// The body does not follow the format; the text says where.
    case malformed(String)
    /// The body ends before its closing boundary.
    case truncated
    case tooManyParts(max: Int)
    case fieldTooLarge(name: String, max: Int)
    /// A text field's value is not UTF-8.
    case invalidUTF8(field: String)

    var description: String {
        switch self {
        case .notMultipartFormData: "the request is not multipart/form-data"
        case .missingBoundary: "the multipart/form-data content type has no boundary"
        case .invalidBoundary: "the multipart boundary is not valid"
        case .malformed(let why): "malformed multipart body: \(why)"
        case .truncated: "the multipart body ends before its closing boundary"
        case .tooManyParts(let max): "the form has more than \(max) parts"
        case .fieldTooLarge(let name, let max): "the field \(name.debugDescription) is longer than \(max) bytes"
        case .invalidUTF8(let field): "the field \(field.debugDescription) is not valid UTF-8"
        }
    }
}

extension MultipartFormError {
    /// True for the refusals that are about size (HTTP 413), false for malformed bodies (HTTP 400).
    var isSizeLimit: Bool {
        switch self {
        case .tooManyParts, .fieldTooLarge: true
        default: false
        }
    }
}
