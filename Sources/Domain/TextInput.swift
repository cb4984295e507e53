import Foundation

/// The rules for text a person types, shared by every verb that takes some: titles, bodies,
/// bios, and display names (`DisplayName` adds its own rule on top).
public enum TextInput {
    /// `raw` as one line, trimmed: control characters (line breaks, tabs, ...) turned into
    /// spaces, so a value shown on one line cannot be broken into several. Refuses nothing.
    public static func oneLine(_ raw: String) -> String {
        let flattened = raw.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }
        return String(String.UnicodeScalarView(flattened)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `raw` trimmed, refused when empty (if required) or longer than `max` characters.
    public static func clean(_ raw: String, field: String, max: Int, required: Bool = true) throws(FieldError) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if required, trimmed.isEmpty { throw FieldError(field, .required) }
        if trimmed.count > max { throw FieldError(field, .tooLong(max: max)) }
        return trimmed
    }

    /// A one-line value (see `oneLine`), refused as `clean` refuses.
    public static func singleLine(_ raw: String, field: String, max: Int, required: Bool = true) throws(FieldError) -> String {
        try clean(oneLine(raw), field: field, max: max, required: required)
    }
}
