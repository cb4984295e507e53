/// Decodes character references in an attribute value the way a browser does before
/// using it, so that URL checks see `javascript:` however it was spelled
/// (`&#106;avascript&colon;`, `&#x6A;`, `&#0000106`).
///
/// Only the named references that matter for URLs and for Ink's own output are known;
/// an unknown one is left as written, and `URLSafety` refuses a URL whose scheme part
/// still contains an `&`, so an unknown name can never hide a scheme.
enum EntityDecoder {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "colon": ":", "tab": "\t", "newline": "\n", "sol": "/", "num": "#", "quest": "?",
        "period": ".", "comma": ",", "excl": "!", "lpar": "(", "rpar": ")", "semi": ";",
        "equals": "=", "plus": "+", "percnt": "%", "commat": "@", "bsol": "\\",
        "lowbar": "_", "hyphen": "\u{2010}", "dash": "\u{2010}", "grave": "`",
    ]
    /// References browsers also decode without the semicolon (a subset of the legacy list).
    private static let legacyWithoutSemicolon: Set<String> = ["amp", "lt", "gt", "quot", "nbsp"]

    static func decode(_ scalars: some Collection<Unicode.Scalar>) -> String {
        let input = Array(scalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < input.count {
            guard input[index] == "&", let (decoded, end) = reference(in: input, at: index) else {
                output.append(input[index])
                index += 1
                continue
            }
            output.append(contentsOf: decoded.unicodeScalars)
            index = end
        }
        return String(output)
    }

    private static func reference(in input: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var index = start + 1
        guard index < input.count else { return nil }
        if input[index] == "#" {
            index += 1
            var radix = 10
            if index < input.count, input[index] == "x" || input[index] == "X" { radix = 16; index += 1 }
            let digitsStart = index
            var value: UInt32 = 0
            while index < input.count, let digit = Int(String(input[index]), radix: radix) {
                // Saturate: an absurd number is replaced like any invalid one.
                value = value > 0x10FFFF ? value : value * UInt32(radix) + UInt32(digit)
                index += 1
            }
            guard index > digitsStart else { return nil }
            if index < input.count, input[index] == ";" { index += 1 }
            // As browsers do: NUL, surrogates and out-of-range numbers become U+FFFD.
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
        if index < input.count, input[index] == ";", let decoded = named[name.lowercased()] {
            return (decoded, index + 1)
        }
        // `&amp` without ";" is decoded unless followed by "=" or an alphanumeric,
        // which the name loop above already excludes for the alphanumeric case.
        let next = index < input.count ? input[index] : nil
        if legacyWithoutSemicolon.contains(name), next != "=", let decoded = named[name] {
            return (decoded, index)
        }
        return nil
    }
}
