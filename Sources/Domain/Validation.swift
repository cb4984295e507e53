import Foundation

/// Why an input was refused: which field, and a message key the catalogue turns into words.
public struct FieldError: Error, Hashable, Sendable {
    public let field: String
    public let reason: Reason

    public init(_ field: String, _ reason: Reason) {
        self.field = field
        self.reason = reason
    }

    /// Every reason an input can be refused for, one case per rule. Reasons of the transport
    /// (a forged form, bytes that are not UTF-8, too many attempts) are the web room's.
    public enum Reason: Hashable, Sendable {
        case required
        case tooLong(max: Int)
        case tooShort(min: Int)
        case invalidEmail
        case invalidSlug
        case taken
        case wrongCredentials
        case notFound
        case notAllowed
        case discussionClosed
        case replyToOtherPost
        case signInRequired
        case invalidChoice
        /// A one-time link that was already used.
        case linkUsed
        /// A link older than its lifetime.
        case linkExpired
        /// An upload that is not one of the image types we take (checked from its bytes).
        case unsupportedImage
        /// An upload over its size limit, in bytes, or an image over its limit in pixels per side.
        case fileTooLarge(maxBytes: Int)
        case imageTooLarge(maxPixels: Int)
        /// A confirmation that does not match what it confirms (a repeated password, an email typed to delete).
        case mismatch
        /// The member is banned from discussions, until this time (nil: for good).
        case banned(until: Date?)
        /// The discussion is open to subscribers (and staff) only.
        case subscribersOnly
        /// The discussion is open to staff only.
        case staffOnly
        /// The text holds a word the publication does not allow (the word, as listed).
        case blockedWord(String)
        /// The last owner of the site cannot stop being one.
        case lastOwner
        /// A whole number from `min` to `max` was expected.
        case outOfRange(min: Int, max: Int)
        /// A list (of subscribers to import) longer than `max` addresses.
        case tooManyAddresses(max: Int)
    }
}

/// An email address in its stored form: trimmed and lowercased, shape-checked.
public enum EmailAddress {
    /// The canonical form of `raw`, or a `FieldError` on `field`.
    public static func normalize(_ raw: String, field: String = "email") throws(FieldError) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !trimmed.isEmpty else { throw FieldError(field, .required) }
        guard trimmed.utf8.count <= Limits.emailLength else { throw FieldError(field, .tooLong(max: Limits.emailLength)) }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64,
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains(".."),
            trimmed.unicodeScalars.allSatisfy({
                $0.value > 0x20 && $0.value != 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains($0) || $0 == "@"
            })
        else { throw FieldError(field, .invalidEmail) }
        return trimmed
    }
}

/// URL slugs of posts: lowercase letters, digits and single hyphens.
public enum Slug {
    /// A slug made from a title: "Hello, World!" becomes "hello-world".
    public static func make(from title: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in title.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen, !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else if scalar.properties.isAlphabetic || scalar == " " || scalar == "-" || scalar == "_" || scalar.properties.isWhitespace
                || scalar.properties.generalCategory == .otherPunctuation
            {
                if !scalar.properties.isDiacritic, scalar.properties.generalCategory != .nonspacingMark { pendingHyphen = true }
            }
            if out.count >= Limits.slugLength { break }
        }
        return out.isEmpty ? "post" : out
    }

    /// True when `slug` is already in canonical slug form.
    public static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && slug.count <= Limits.slugLength && !slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--")
            && slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
