import Domain
import Foundation
import Testing

@Suite("A guest's website")
struct GuestWebsiteTests {
    @Test("Web addresses are kept; one typed without a scheme is taken as http; nothing typed is none")
    func keptAndCompleted() throws {
        #expect(try GuestWebsite.normalize("https://ada.example/me") == "https://ada.example/me")
        #expect(try GuestWebsite.normalize("  ada.example/me ") == "http://ada.example/me")
        #expect(try GuestWebsite.normalize("HTTP://Ada.Example") == "HTTP://Ada.Example")
        #expect(try GuestWebsite.normalize("http://localhost:8080/") == "http://localhost:8080/")
        #expect(try GuestWebsite.normalize(nil) == nil)
        #expect(try GuestWebsite.normalize("   ") == nil)
    }

    @Test("What is not a web address, or could leave a link's quotes, is refused")
    func refused() {
        for raw in [
            "javascript:alert(1)", "javascript://ada.example/%0aalert(1)", "data:text/html,hi", "ftp://ada.example/",
            "https://ada.example/'onmouseover='alert(1)", "https://ada.example/\"x", "https://ada.example/<b>", "nohost",
            "https://user:pass@ada.example/", "https://ada.example/a b",
        ] {
            #expect(throws: FieldError.self, "\(raw)") { try GuestWebsite.normalize(raw) }
        }
        #expect(throws: FieldError("website", .tooLong(max: Limits.guestWebsiteLength))) {
            try GuestWebsite.normalize("https://ada.example/" + String(repeating: "a", count: 300))
        }
    }
}
