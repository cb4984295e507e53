import Domain
import Testing

@Suite("Display names")
struct DisplayNameTests {
    @Test(
        "Bidirectional controls are removed from a name",
        arguments: [
            "\u{202E}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{200E}", "\u{200F}",
            "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{061C}",
        ])
    func bidiControlsRemoved(control: String) throws {
        // Given a name that would read "Adaexe.png" with the override shown
        let raw = "Ada\(control)gnp.exe"

        // When it is normalised
        let name = try DisplayName.normalize(raw)

        // Then the control is gone and every other character kept
        #expect(name == "Adagnp.exe")
        #expect(!name.unicodeScalars.contains { BidiControls.contains($0) })
    }

    @Test("A name is trimmed, and a line break inside it becomes a space")
    func oneLineTrimmed() throws {
        #expect(try DisplayName.normalize("  \u{202E} Ada\nLovelace \u{2069} ") == "Ada Lovelace")
    }

    @Test("A name of nothing but controls and spaces is refused as required")
    func onlyControlsRefused() {
        #expect(throws: FieldError("name", .required)) { try DisplayName.normalize(" \u{202E}\u{2066} \u{200F}") }
    }

    @Test("An overlong name is refused as too long, counted without its controls")
    func overlongRefused() throws {
        let longest = String(repeating: "a", count: Limits.displayNameLength)
        #expect(try DisplayName.normalize(longest + "\u{202E}") == longest)
        #expect(throws: FieldError("name", .tooLong(max: Limits.displayNameLength))) {
            try DisplayName.normalize(longest + "b")
        }
    }

    @Test("The stored form is what normalising gives, without refusing: what a copied site's names become")
    func storedFormRefusesNothing() throws {
        let raw = "  Ada\u{202E}\nLovelace\u{2069} "
        #expect(DisplayName.storedForm(raw) == "Ada Lovelace")
        #expect(try DisplayName.normalize(raw) == DisplayName.storedForm(raw))
        #expect(DisplayName.storedForm(" \u{202E}\u{2066} ") == "")
    }

    @Test("Letters, marks and joiners that are not bidirectional controls are kept")
    func otherCharactersKept() throws {
        #expect(try DisplayName.normalize("Zoë 👩‍💻 עברית") == "Zoë 👩‍💻 עברית")
    }
}
