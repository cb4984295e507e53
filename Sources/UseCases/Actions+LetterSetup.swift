import Domain
import Foundation
import Mail

extension Actions {
    /// The letters of `publication`: from `--mail-from`'s address, under the name the writer
    /// chose (the sender name; else the name `--mail-from` gives; else the publication's
    /// name), with replies to the publication's reply-to address and in its accent and footer.
    /// A stored value mail cannot carry (it was checked when saved) falls back to the default
    /// rather than stopping mail.
    public static func letters(for publication: Publication, mail: MailSettings) -> Letters {
        let name = [publication.senderName, mail.from.displayName ?? "", publication.name]
            .map(TextInput.oneLine).first { !$0.isEmpty }
        let from = (try? MailAddress(mail.from.address, name: name)) ?? mail.from
        let replyTo = publication.replyTo.isEmpty ? nil : try? MailAddress(publication.replyTo)
        return Letters(
            from: from, publicationName: publication.name,
            brand: LetterBrand(
                accent: publication.accentColour, footer: publication.footerText, replyTo: replyTo,
                // Served by the site itself: the same address for every reader, so it tells nobody who opened the letter.
                logoURL: publication.logo.flatMap { try? mail.url("/uploads/\($0)") }))
    }
}
