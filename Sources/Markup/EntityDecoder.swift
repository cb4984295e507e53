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
    /// Names are matched without regard to case (`&COLON;`), as the URL check must assume.
    private static let decoder = CharacterReferenceDecoder { named[$0.lowercased()] }

    static func decode(_ scalars: some Collection<Unicode.Scalar>) -> String {
        decoder.decode(scalars)
    }
}
