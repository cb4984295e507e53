import Domain
import Foundation
import Testing

@Suite("The publication's embed origins and accent colour")
struct PublicationSettingsRulesTests {
    @Test(
        "Given an origin as people type it, when normalised, then it is the origin a browser sends",
        arguments: [
            ("https://blog.example", "https://blog.example"),
            ("  HTTPS://Blog.Example/  ", "https://blog.example"),
            ("https://blog.example:443", "https://blog.example"),
            ("http://localhost:1313", "http://localhost:1313"),
            ("http://127.0.0.1:80", "http://127.0.0.1"),
            ("http://[::1]:8080", "http://[::1]:8080"),
            ("https://xn--bcher-kva.example", "https://xn--bcher-kva.example"),
        ])
    func originNormalised(raw: String, origin: String) throws {
        #expect(try EmbedOrigin.normalize(raw) == origin)
    }

    @Test(
        "Given something that is not an origin, when normalised, then it is refused",
        arguments: [
            "", "blog.example", "ftp://blog.example", "javascript:alert(1)", "https://blog.example/path",
            "https://blog.example?q=1", "https://blog.example#x", "https://user@blog.example", "https://",
            "https://blog.example:0", "https://blog.example:99999", "https://blog.example:80a", "https://-blog.example",
            "https://blog..example", "https://bücher.example", "https://blog example", "https://[::1", "https://a:b:c",
        ])
    func originRefused(raw: String) {
        #expect(throws: FieldError("embed_origins", .invalidChoice)) { try EmbedOrigin.normalize(raw) }
    }

    @Test("A list keeps the order typed, drops blank lines and repeats, and holds at most the limit")
    func originList() throws {
        #expect(
            try EmbedOrigin.list("https://a.example\n\n  \nHTTPS://A.example/\r\nhttp://b.example") == [
                "https://a.example", "http://b.example",
            ])
        #expect(try EmbedOrigin.list("") == [])
        let many = (0...Limits.embedOrigins).map { "https://s\($0).example" }.joined(separator: "\n")
        #expect(throws: FieldError("embed_origins", .tooLong(max: Limits.embedOrigins))) { try EmbedOrigin.list(many) }
    }

    @Test("A colour that reads is kept; one that does not is moved just far enough to read at 4.5:1")
    func readableAccent() {
        let standard = AccentColour.standard
        #expect(standard.readable(on: .lightBackground) == standard)
        for hex in ["#fde047", "#ffffff", "#a3e635", "#000000", "#1e3a8a", "#c2410c", "#777777"] {
            let colour = AccentColour(hex)!
            for background in [AccentColour.lightBackground, .darkBackground] {
                let readable = colour.readable(on: background)
                #expect(readable.contrast(with: background) >= 4.5, "\(hex) on \(background)")
                // Its button label reads on it too.
                #expect(readable.foreground.contrast(with: readable) >= 4.5, "\(hex) on \(background): label")
            }
        }
        // Just far enough: one step less would not read.
        let pale = AccentColour("#fde047")!
        let moved = pale.readable(on: .lightBackground)
        #expect(moved != pale)
        #expect(pale.mixed(with: AccentColour("#000000")!, amount: 0).hex == pale.hex)
        #expect(AccentColour("#000000")!.mixed(with: AccentColour("#ffffff")!, amount: 0.5).hex == "#808080")
    }
}
