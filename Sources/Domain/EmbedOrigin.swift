import Foundation

/// An origin whose pages may embed the discussions: `https://blog.example` or
/// `http://localhost:1313`, as browsers send it in `Origin` (scheme, host, port if not the
/// scheme's default; no path, query, user or fragment).
public enum EmbedOrigin {
    /// `raw` as the origin browsers send, lowercased, with a default port and a trailing slash
    /// dropped; a `FieldError` on `field` for anything else (a path, another scheme, no host).
    public static func normalize(_ raw: String, field: String = "embed_origins") throws(FieldError) -> String {
        var text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasSuffix("/") { text.removeLast() }
        guard text.utf8.count <= 300, text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value != 0x7F }) else {
            throw FieldError(field, .invalidChoice)
        }
        let scheme: String
        if text.hasPrefix("https://") {
            scheme = "https"
        } else if text.hasPrefix("http://") {
            scheme = "http"
        } else {
            throw FieldError(field, .invalidChoice)
        }
        let authority = text.dropFirst(scheme.count + 3)
        // Anything after the host and port (a path, a query, a fragment) or a user is not an origin.
        guard !authority.isEmpty, !authority.contains(where: { "/?#@\\".contains($0) }) else { throw FieldError(field, .invalidChoice) }
        var host = Substring(authority)
        var port: Int?
        if host.hasPrefix("[") {
            // An IPv6 literal: [::1] or [::1]:8080.
            guard let close = host.firstIndex(of: "]") else { throw FieldError(field, .invalidChoice) }
            let rest = host[host.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let number = Int(rest.dropFirst()) else { throw FieldError(field, .invalidChoice) }
                port = number
            }
            host = host[...close]
            guard host.count > 2, host.dropFirst().dropLast().allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw FieldError(field, .invalidChoice)
            }
        } else {
            let parts = host.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw FieldError(field, .invalidChoice) }
            if parts.count == 2 {
                guard let number = Int(parts[1]), parts[1].allSatisfy(\.isNumber) else { throw FieldError(field, .invalidChoice) }
                port = number
            }
            host = parts[0]
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            guard !host.isEmpty, host.utf8.count <= 253,
                labels.allSatisfy({ label in
                    !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                        && label.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "-") && $0.isASCII }
                })
            else { throw FieldError(field, .invalidChoice) }
        }
        if let port {
            guard (1...65535).contains(port) else { throw FieldError(field, .invalidChoice) }
            let isDefault = (scheme == "https" && port == 443) || (scheme == "http" && port == 80)
            return isDefault ? "\(scheme)://\(host)" : "\(scheme)://\(host):\(port)"
        }
        return "\(scheme)://\(host)"
    }

    /// One origin per line (blank lines ignored, duplicates kept once, in the order typed), at
    /// most `Limits.embedOrigins`; the first line that is not an origin refuses them all.
    public static func list(_ raw: String, field: String = "embed_origins") throws(FieldError) -> [String] {
        var seen = Set<String>()
        var origins: [String] = []
        for line in raw.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let origin = try normalize(String(line), field: field)
            if seen.insert(origin).inserted { origins.append(origin) }
            guard origins.count <= Limits.embedOrigins else { throw FieldError(field, .tooLong(max: Limits.embedOrigins)) }
        }
        return origins
    }
}
