import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Mail
import Testing
import UseCases

/// The publication settings at `/dashboard/settings`, what they change on pages and in mail,
/// and the about page.
@Suite("Publication settings: the form, the pages and letters that use them")
struct PublicationSettingsTests {
    static let fullForm: [String: String] = [
        "name": "Kitchen Table", "description": "Notes from the kitchen.", "accent_colour": "#1D4ED8",
        "footer": "Kitchen Table, 1 Main Street", "about": "We write about **bread**.\n\n<script>alert(1)</script>",
        "sender_name": "The Kitchen", "reply_to": "Letters@Kitchen.example",
        "embed_origins": "https://blog.example/\nHTTP://Docs.Example:8080",
    ]

    @Test("An owner saves every setting; the pages show the name, footer, about link and accent stylesheet")
    func saveAndShow() async throws {
        // Given an owner on the settings page
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let page = try await browser.get("/dashboard/settings")
            #expect(page.status == .ok)
            #expect(page.text.contains("value=\"Field Notes\""))
            #expect(page.text.contains("href=\"/dashboard/settings/moderation\"") && page.text.contains("href=\"/dashboard/members\""))
            // When every field is saved
            let saved = try await browser.post("/dashboard/settings", form: Self.fullForm)
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/dashboard/settings?saved=1")
            // Then the store holds them checked and normalised
            let publication = try await site.store.publication()
            #expect(publication.name == "Kitchen Table")
            #expect(publication.description == "Notes from the kitchen.")
            #expect(publication.accentColour.hex == "#1d4ed8")
            #expect(publication.footerText == "Kitchen Table, 1 Main Street")
            #expect(publication.senderName == "The Kitchen")
            #expect(publication.replyTo == "letters@kitchen.example")
            #expect(publication.embedOrigins == ["https://blog.example", "http://docs.example:8080"])
            #expect(publication.aboutHTML.contains("<strong>bread</strong>"))
            #expect(!publication.aboutHTML.contains("<script"))
            // And the home page wears them
            let home = try await browser.get("/").text
            #expect(home.contains("<title>Kitchen Table</title>"))
            #expect(home.contains("<link rel=\"stylesheet\" href=\"/accent/1d4ed8.css\">"))
            #expect(home.contains("Kitchen Table, 1 Main Street"))
            #expect(home.contains("<a href=\"/about\">About</a>"))
            #expect(occurrences(of: "<footer", in: home) == 1)
            // And the about page shows the rendered Markdown
            let about = try await browser.get("/about")
            #expect(about.status == .ok)
            #expect(about.text.contains("About Kitchen Table") && about.text.contains("<strong>bread</strong>"))
            #expect(!about.text.contains("<script>alert"))
            // And the settings page shows what was saved, and says so
            let again = try await browser.get("/dashboard/settings?saved=1").text
            #expect(again.contains("Saved.") && again.contains("value=\"#1d4ed8\"") && again.contains("http://docs.example:8080"))
        }
    }

    @Test("The accent stylesheet sets a readable accent for light and dark, is cached for good, and takes only colours")
    func accentStylesheet() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            // Given a pale yellow, unreadable as text on white
            let css = try await browser.get("/accent/fde047.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl]?.contains("immutable") == true)
            // Then the light scheme's accent is darkened until it reads, the dark one kept
            let light = AccentColour("#fde047")!.readable(on: AccentColour("#f5f6f7")!)
            #expect(light != AccentColour("#fde047")!)
            #expect(light.contrast(with: AccentColour.lightBackground) >= 4.5)
            #expect(css.text.contains("--accent: \(light.hex); --accent-fg: #ffffff;"))
            #expect(css.text.contains("--accent: #fde047; --accent-fg: #16181b;"))
            // And anything that is not a lowercase colour is not there
            for bad in ["/accent/FDE047.css", "/accent/fde04.css", "/accent/zzzzzz.css", "/accent/fde047.js", "/accent/fde047;x.css"] {
                #expect(try await browser.get(bad).status == .notFound, "\(bad)")
            }
        }
    }

    @Test("A refused field is shown next to it with what was typed kept, and nothing changes")
    func refusals() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let cases: [(field: String, value: String, says: String)] = [
                ("name", "", "This field is required"),
                ("name", String(repeating: "n", count: Limits.publicationNameLength + 1), "too long"),
                ("accent_colour", "red; background: url(x)", "Choose a colour written like #c2410c"),
                ("reply_to", "not an address", "Enter a valid email address"),
                ("reply_to", "zoë@example.com", "Enter a valid email address"),
                ("embed_origins", "https://blog.example/path", "Write one origin per line"),
                ("embed_origins", "javascript:alert(1)", "Write one origin per line"),
                ("embed_origins", (1...21).map { "https://s\($0).example" }.joined(separator: "\n"), "Write one origin per line"),
                ("footer", String(repeating: "f", count: Limits.footerLength + 1), "too long"),
                ("about", String(repeating: "a", count: Limits.aboutLength + 1), "too long"),
            ]
            for refused in cases {
                var form = Self.fullForm
                form[refused.field] = refused.value
                form["description"] = "typed and kept"
                let response = try await browser.post("/dashboard/settings", form: form)
                #expect(response.status == .unprocessableContent, "\(refused.field): \(response.status)")
                #expect(response.text.contains("id=\"pubset-\(refused.field)-error\""), "\(refused.field)")
                #expect(response.text.lowercased().contains(refused.says.lowercased()), "\(refused.field) says: \(refused.says)")
                #expect(response.text.contains("typed and kept"))
                let publication = try await site.store.publication()
                #expect(publication.name == "Field Notes" && publication.description == "Notes from the field.", "\(refused.field)")
            }
        }
    }

    @Test("Members and moderators are refused with 403 and change nothing; signed out goes to sign-in")
    func access() async throws {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        let admin = try await site.member("Ada", role: .admin)
        try await site.test { browser async throws in
            let page = try await browser.get("/dashboard/settings")
            #expect(page.status == .seeOther && page.location?.hasPrefix("/sign-in?next=%2Fdashboard%2Fsettings") == true)
        }
        for person in [site.reader, moderator] {
            try await site.test { browser async throws in
                try await browser.signIn(person.email)
                #expect(try await browser.get("/dashboard/settings").status == .forbidden)
                #expect(try await browser.post("/dashboard/settings", form: Self.fullForm).status == .forbidden)
                let upload = try await browser.upload(
                    "/dashboard/settings/logo", field: "logo", filename: "l.png", type: "image/png", bytes: TestImages.png)
                #expect(upload.status == .forbidden)
                #expect(try await browser.post("/dashboard/settings/logo/remove").status == .forbidden)
            }
        }
        #expect(try await site.store.publication().name == "Field Notes")
        #expect(try await site.store.publication().logo == nil)
        try await site.test { browser async throws in
            try await browser.signIn(admin.email)
            #expect(try await browser.get("/dashboard/settings").status == .ok)
            #expect(try await browser.post("/dashboard/settings", form: Self.fullForm).status == .seeOther)
        }
        #expect(try await site.store.publication().name == "Kitchen Table")
    }

    @Test("A logo is uploaded, shown in the masthead, checked from its bytes, and removed")
    func logo() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            // When a text file posing as a PNG is uploaded, it is refused at the logo field
            let refused = try await browser.upload(
                "/dashboard/settings/logo", field: "logo", filename: "logo.png", type: "image/png", bytes: Array("not an image".utf8))
            #expect(refused.status == .unsupportedMediaType)
            #expect(refused.text.contains("id=\"pubset-logo-error\""))
            #expect(try await site.store.publication().logo == nil)
            // When a real PNG is uploaded
            let saved = try await browser.upload(
                "/dashboard/settings/logo", field: "logo", filename: "logo.png", type: "image/png", bytes: TestImages.png)
            #expect(saved.status == .seeOther)
            let key = try #require(try await site.store.publication().logo)
            #expect(try await site.store.upload(key: key)?.bytes == Data(TestImages.png))
            // Then every page shows it beside the name
            #expect(try await browser.get("/").text.contains("<img class=\"site-logo\" src=\"/uploads/\(key)\" alt=\"\""))
            // And removing it takes it off the pages
            #expect(try await browser.post("/dashboard/settings/logo/remove").status == .seeOther)
            #expect(try await site.store.publication().logo == nil)
            #expect(!(try await browser.get("/").text.contains("site-logo")))
        }
    }

    @Test("No about page is a 404 and no about link; the standard accent adds no stylesheet")
    func defaults() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            #expect(try await browser.get("/about").status == .notFound)
            let home = try await browser.get("/").text
            #expect(!home.contains("/about\"") && !home.contains("/accent/"))
        }
    }

    @Test("Letters come from the sender name, reply to the reply-to address, and carry the accent and footer")
    func letters() async throws {
        // Given a publication with a sender name, reply-to, accent and footer
        let site = try await TestSite()
        var input = PublicationSettingsInput(
            name: "Kitchen Table", description: "", accentColour: "#1d4ed8", aboutMarkdown: "", senderName: "The Kitchen",
            replyTo: "letters@kitchen.example", footerText: "1 Main Street", embedOrigins: "")
        try await site.actions.updatePublicationSettings(input, by: site.owner)
        // When a sign-in link is mailed
        try await site.actions.requestSignInLink(email: site.reader.email, returnPath: "/")
        let letter = try #require(try await site.mail(to: site.reader.email).last)
        // Then it is from the sender name at the configured address, with a Reply-To
        #expect(letter.from.displayName == "The Kitchen")
        #expect(letter.from.address == MailSettings.local().from.address)
        #expect(letter.replyTo?.address == "letters@kitchen.example")
        let bytes = String(decoding: try MIMEWriter.render(letter), as: UTF8.self)
        #expect(bytes.contains("\r\nReply-To: letters@kitchen.example\r\n"))
        // And its button is in the accent, and the footer ends both parts
        #expect(letter.html?.contains("background-color:#1d4ed8;color:#ffffff") == true)
        #expect(letter.html?.contains("1 Main Street") == true)
        #expect(letter.text.hasSuffix("1 Main Street\n"))
        // When the sender name is emptied, the configured name is used, and without one the publication's
        input.senderName = ""
        input.replyTo = ""
        try await site.actions.updatePublicationSettings(input, by: site.owner)
        try await site.actions.requestSignInLink(email: site.owner.email, returnPath: "/")
        let plain = try #require(try await site.mail(to: site.owner.email).last)
        #expect(plain.from.displayName == MailSettings.local().from.displayName)
        #expect(plain.replyTo == nil)
        var unnamed = MailSettings.local()
        unnamed.from = try MailAddress("parley@example.com")
        let letters = Actions.letters(for: try await site.store.publication(), mail: unnamed)
        #expect(letters.from.displayName == "Kitchen Table")
    }
}
