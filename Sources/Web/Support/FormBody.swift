import Domain
import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body, decoded strictly: bytes that are not
/// UTF-8 after percent-decoding are refused, never repaired into something else.
struct FormBody: Sendable {
    private(set) var fields: [String: String] = [:]
    /// The first field whose value was not valid UTF-8, if any.
    private(set) var invalidField: String?

    init(bytes: some Collection<UInt8>) {
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            guard let value = parts.count > 1 ? Self.decode(parts[1]) : "" else {
                if invalidField == nil { invalidField = name }
                continue
            }
            if fields[name] == nil { fields[name] = value }
        }
    }

    /// The text fields of a multipart body, already checked by its parser.
    init(fields: [String: String]) {
        self.fields = fields
    }

    subscript(name: String) -> String? { fields[name] }

    /// Percent-decodes and turns `+` into space; nil when the result is not UTF-8.
    static func decode(_ bytes: some Collection<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): out.append(0x20)
            case UInt8(ascii: "%"):
                guard let high = iterator.next(), let low = iterator.next(),
                    let h = hexValue(high), let l = hexValue(low)
                else { return nil }
                out.append(h << 4 | l)
            default: out.append(byte)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

extension Request {
    /// Reads and decodes the form body, refusing one larger than the context allows.
    mutating func formBody(context: AppRequestContext) async throws -> FormBody {
        try await formBody(maxBytes: context.maxUploadSize)
    }

    /// Reads and decodes the form body, refusing one larger than `maxBytes`.
    mutating func formBody(maxBytes: Int) async throws -> FormBody {
        let buffer = try await collectBody(upTo: maxBytes)
        return FormBody(bytes: buffer.readableBytesView)
    }

    /// True when the client asked for JSON (the page script does), false for a plain form post.
    var wantsJSON: Bool {
        // The API answers JSON whatever the client asks for, its 404s and 405s too.
        (headers[.accept]?.contains("application/json") ?? false) || uri.path.hasPrefix("/api/")
    }
}
