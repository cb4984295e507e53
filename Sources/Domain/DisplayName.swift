import Foundation

/// A member's display name in its stored form: the one rule for every way a name is set
/// (sign-up by link, settings, `parley user add`, and a site copied by `parley migrate-data`).
public enum DisplayName {
    /// `raw` in the form names are stored in, refusing nothing: bidirectional controls removed
    /// (a name is shown inline, next to other people's words), then one line, trimmed
    /// (`TextInput.oneLine`). What a copied site's names are written as: a copy keeps its rows,
    /// it does not refuse them.
    public static func storedForm(_ raw: String) -> String {
        TextInput.oneLine(BidiControls.removed(from: raw))
    }

    /// `raw` in its stored form (see `storedForm`), refused on `field` when nothing is left or
    /// when longer than `Limits.displayNameLength`.
    public static func normalize(_ raw: String, field: String = "name") throws(FieldError) -> String {
        try TextInput.clean(storedForm(raw), field: field, max: Limits.displayNameLength)
    }
}
