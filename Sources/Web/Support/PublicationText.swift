import Domain
import Foundation

/// The words of the publication settings page, the about page, the site footer and the
/// first-run setup, for one language: a part of ``PageText``, declared the same way.
public struct PublicationText: Sendable {
    public let settingsTitle: String
    public let saved: String
    public let welcome: String
    public let publicationHeading: String
    public let nameLabel: String
    public let descriptionLabel: String
    public let descriptionHint: String
    public let accentLabel: String
    public let accentHint: String
    public let footerLabel: String
    public let footerHint: String
    public let aboutHeading: String
    public let aboutLabel: String
    public let aboutHint: String
    public let emailHeading: String
    public let senderNameLabel: String
    public let senderNameHint: String
    public let replyToLabel: String
    public let replyToHint: String
    public let embedHeading: String
    public let embedOriginsLabel: String
    public let embedOriginsHint: String
    /// The switch for anonymous comments through the Isso API, and what it does.
    public let anonymousCommentsLabel: String
    public let anonymousCommentsHint: String
    public let saveSettings: String
    public let logoHeading: String
    public let logoLabel: String
    public let logoHint: String
    public let currentLogoAlt: String
    public let noLogo: String
    public let uploadLogo: String
    public let removeLogo: String
    public let moreSettingsHeading: String
    public let moderationLink: String
    public let membersLink: String
    public let colourInvalid: String
    public let originsInvalid: String
    public let aboutLink: String
    public let footerNavigation: String
    public let setupHeading: String
    public let setupIntro: String
    public let setupEmailLabel: String
    public let setupNameLabel: String
    public let setupPublicationLabel: String
    public let setupPasswordLabel: String
    public let setupPasswordHint: String
    public let setupButton: String
    public let setupClosed: String
    public let setupNotAllowed: String
    /// "About PUBLICATION": the about page's title.
    public let aboutTitle: Phrase<String>
}

extension PublicationText {
    public static let english = PublicationText(
        settingsTitle: "Publication settings",
        saved: "Saved.",
        welcome: "Welcome! Your publication is ready. Set it up here, then write your first post.",
        publicationHeading: "Publication",
        nameLabel: "Name",
        descriptionLabel: "Description",
        descriptionHint: "One line under the name on the home page.",
        accentLabel: "Accent colour",
        accentHint: "Used for buttons and links in pages and emails; adjusted where needed so text stays readable.",
        footerLabel: "Footer text",
        footerHint: "One line under every page and email, such as an address or a licence.",
        aboutHeading: "About page",
        aboutLabel: "About page text (Markdown)",
        aboutHint: "Shown at /about and linked under every page. Leave it empty for no about page.",
        emailHeading: "Email",
        senderNameLabel: "Sender name",
        senderNameHint: "The name your emails come from. Empty: the publication's name.",
        replyToLabel: "Reply-to address",
        replyToHint: "Where replies to your emails go. Empty: the sender address.",
        embedHeading: "Embedding",
        embedOriginsLabel: "Sites allowed to embed discussions",
        embedOriginsHint: "One origin per line, such as https://blog.example.com.",
        anonymousCommentsLabel: "Take anonymous comments through the Isso API",
        anonymousCommentsHint:
            "Readers of those sites may comment with a name, and an email and website if they like, without signing in. Moderation rules still apply.",
        saveSettings: "Save settings",
        logoHeading: "Logo",
        logoLabel: "Logo image",
        logoHint: "PNG, JPEG, WebP or GIF, at most 1 MB. Shown beside the name on every page.",
        currentLogoAlt: "The current logo",
        noLogo: "No logo yet.",
        uploadLogo: "Upload logo",
        removeLogo: "Remove logo",
        moreSettingsHeading: "More settings",
        moderationLink: "Moderation defaults",
        membersLink: "Members and roles",
        colourInvalid: "Choose a colour written like #c2410c.",
        originsInvalid: "Write one origin per line, like https://blog.example.com (no path), at most 20.",
        aboutLink: "About",
        footerNavigation: "Publication",
        setupHeading: "Set up your publication",
        setupIntro: "This site has no owner yet. Create the owner account and name the publication; you can change everything later.",
        setupEmailLabel: "Your email",
        setupNameLabel: "Your name",
        setupPublicationLabel: "Publication name",
        setupPasswordLabel: "Password (optional)",
        setupPasswordHint: "At least 8 characters. Without one, you sign in with a link sent by email.",
        setupButton: "Create the owner account",
        setupClosed: "This site already has an owner. Sign in instead.",
        setupNotAllowed: "Setting up needs the setup link printed in the server's log, or a browser on the server's own machine.",
        aboutTitle: Phrase { "About \($0)" }
    )
}
