/// Decodes character references as a browser reads them: numeric ones (`&#106;`, `&#x6A;`,
/// `&#0000106` without its semicolon; NUL, surrogates and out-of-range numbers become U+FFFD),
/// named ones from a table, and the oldest few names without their semicolon. An unknown name
/// stays as written. The one scanner behind `EntityDecoder` (attribute values, for URL checks)
/// and `HTMLCharacterReferences` (foreign HTML), which differ only in the names they know.
struct CharacterReferenceDecoder: Sendable {
    /// What a name (without `&` and `;`) stands for, or nil when it is unknown.
    let named: @Sendable (String) -> String?

    /// Names browsers still read without their semicolon, unless an `=` follows.
    private static let legacyWithoutSemicolon: Set<String> = ["amp", "lt", "gt", "quot", "nbsp"]

    func decode(_ scalars: some Collection<Unicode.Scalar>) -> String {
        let input = Array(scalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < input.count {
            if input[index] == "&", let (decoded, end) = reference(in: input, at: index) {
                output.append(contentsOf: decoded.unicodeScalars)
                index = end
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return String(output)
    }

    private func reference(in input: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var index = start + 1
        guard index < input.count else { return nil }
        if input[index] == "#" {
            index += 1
            var radix: UInt32 = 10
            if index < input.count, input[index] == "x" || input[index] == "X" {
                radix = 16
                index += 1
            }
            let digitsStart = index
            var value: UInt32 = 0
            while index < input.count, let digit = Self.digitValue(input[index]), digit < radix {
                // Saturates: an absurd number is replaced like any other invalid one.
                value = value > 0x10FFFF ? value : value * radix + digit
                index += 1
            }
            guard index > digitsStart else { return nil }
            if index < input.count, input[index] == ";" { index += 1 }
            let scalar = (value == 0 ? nil : Unicode.Scalar(value)) ?? "\u{FFFD}"
            return (String(scalar), index)
        }
        let nameStart = index
        while index < input.count, index - nameStart < 32, input[index].isASCII,
            input[index].properties.isAlphabetic || ("0"..."9").contains(input[index])
        {
            index += 1
        }
        guard index > nameStart else { return nil }
        var name = ""
        name.unicodeScalars.append(contentsOf: input[nameStart..<index])
        if index < input.count, input[index] == ";", let decoded = named(name) {
            return (decoded, index + 1)
        }
        // The name loop already stopped before any alphanumeric, so only "=" is left to refuse.
        if Self.legacyWithoutSemicolon.contains(name), index >= input.count || input[index] != "=", let decoded = named(name) {
            return (decoded, index)
        }
        return nil
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: scalar.value - 0x30
        case 0x41...0x46: scalar.value - 0x41 + 10
        case 0x61...0x66: scalar.value - 0x61 + 10
        default: nil
        }
    }
}
