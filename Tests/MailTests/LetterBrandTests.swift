import Domain
import Foundation
import Testing

@testable import Mail

@Suite("Letters in the publication's accent, with its footer and reply-to address")
struct LetterBrandTests {
    @Test(
        "Given a brand, when a letter is written, then its button wears the accent, both parts end with the footer, and replies go to the reply-to"
    )
    func branded() throws {
        let replyTo = LetterFixtures.address("letters@weekly.example.org")
        let letters = Letters(
            from: LetterFixtures.sender, publicationName: "The Weekly",
            brand: LetterBrand(accent: AccentColour("#1d4ed8")!, footer: "The Weekly\n1 Main Street", replyTo: replyTo))
        let mail = letters.signInLink(to: LetterFixtures.reader, link: LetterFixtures.signIn, validMinutes: 15)
        #expect(mail.replyTo == replyTo)
        #expect(mail.html?.contains("background-color:#1d4ed8;color:#ffffff") == true)
        // The footer is one line wherever it goes.
        #expect(mail.text.hasSuffix("\n\nThe Weekly 1 Main Street\n"))
        #expect(mail.html?.contains("The Weekly 1 Main Street</p>") == true)
    }

    @Test("Given a pale accent, when used on a letter's white page, then the button is darkened until its label reads")
    func paleAccent() {
        let brand = LetterBrand(accent: AccentColour("#fef08a")!)
        #expect(brand.accent != AccentColour("#fef08a")!)
        #expect(brand.accent.contrast(with: .lightBackground) >= 4.5)
        #expect(brand.accent.foreground.contrast(with: brand.accent) >= 4.5)
    }

    @Test("Given no brand, when a letter is written, then it has Parley's accent, no footer and no Reply-To")
    func standard() {
        let mail = LetterFixtures.letters.confirmSubscription(to: LetterFixtures.reader, confirmLink: LetterFixtures.confirm)
        #expect(mail.replyTo == nil)
        #expect(mail.html?.contains("background-color:\(AccentColour.standard.hex)") == true)
        #expect(mail.text.hasSuffix("\(LetterFixtures.letters.text.confirmIgnore)\n"))
    }
}
