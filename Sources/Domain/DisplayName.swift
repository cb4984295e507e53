import Foundation

/// A member's display name in its stored form: the one rule for every way a name is set
/// (sign-up by link, settings, `parley user add`).
public enum DisplayName {
    /// `raw` as a name: bidirectional controls removed (a name is shown inline, next to other
    /// people's words), control characters turned into spaces (a name is one line), trimmed.
    /// Refused on `field` when nothing is left or when longer than `Limits.displayNameLength`.
    public static func normalize(_ raw: String, field: String = "name") throws(FieldError) -> String {
        let oneLine = BidiControls.removed(from: raw).unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }
        let trimmed = String(String.UnicodeScalarView(oneLine)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw FieldError(field, .required) }
        guard trimmed.count <= Limits.displayNameLength else { throw FieldError(field, .tooLong(max: Limits.displayNameLength)) }
        return trimmed
    }
}
