import Domain
import Foundation
import Storage
import Testing

/// What migration 0008_writer adds to the rows every engine keeps: the publication's
/// presentation, a post's editor fields, a subscriber's source, uploads.
@Suite("The writer's rows")
struct WriterContractTests {
    /// A publication with every field set.
    static let everyField = Publication(
        name: "Copied", description: "Every row", logo: UploadKey(rawValue: String(repeating: "ab", count: 16)),
        accentColour: AccentColour("#1D4ED8")!, aboutMarkdown: "# About\n\nWe *write*.", aboutHTML: "<h1>About</h1>",
        senderName: "The Editors", replyTo: "letters@example.com", footerText: "1 Main Street",
        embedOrigins: ["https://blog.example", "http://127.0.0.1:8080"])

    /// The smallest GIF there is (1×1), as bytes a browser decodes.
    static let gif = Data([
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
        0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02,
        0x02, 0x44, 0x01, 0x00, 0x3B,
    ])

    static func upload(by member: Member?, at time: Date = at(42)) -> Upload {
        Upload(
            key: UploadKey(rawValue: "0123456789abcdef0123456789abcdef")!, type: .gif, bytes: gif,
            size: ImageType.PixelSize(width: 1, height: 1), uploaderID: member?.id, createdAt: time)
    }

    @Test("Given a publication with every field set, when it is read back, then every field is as written", arguments: StoreKind.allCases)
    func publicationFields(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.store.updatePublication(Self.everyField)
            #expect(try await site.store.publication() == Self.everyField)
            try await site.store.updatePublication(Publication(name: "Plain", description: ""))
            #expect(try await site.store.publication() == Publication(name: "Plain", description: ""))
        }
    }

    @Test(
        "Given an image uploaded, when the same bytes are uploaded again, then the first one is kept and both read the same",
        arguments: StoreKind.allCases)
    func uploadsAreStoredOnce(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let first = try await site.uploads.insertUpload(Self.upload(by: ada))
            #expect(first == Self.upload(by: ada))
            let again = try await site.uploads.insertUpload(Self.upload(by: nil, at: at(99)))
            #expect(again == first)
            #expect(try await site.uploads.upload(key: first.key) == first)
            #expect(try await site.uploads.upload(key: UploadKey(rawValue: String(repeating: "0", count: 32))!) == nil)
        }
    }

    @Test(
        "Given a post written with a cover and the email switch on, when it is read, then it has them, revision 1 and no update time",
        arguments: StoreKind.allCases)
    func postFields(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let key = try await site.uploads.insertUpload(Self.upload(by: ada)).key
            let inserted = try await site.store.insertPost(
                NewPost(
                    slug: "covered", title: "Covered", subtitle: "", bodyMarkdown: "", bodyHTML: "", authorID: ada.id,
                    state: .draft, publishedAt: nil, createdAt: t0, coverImage: key, sendsEmail: true))
            let read = try #require(try await site.store.post(id: inserted.id))
            #expect(read == inserted)
            #expect(read.coverImage == key && read.sendsEmail && read.revision == 1 && read.updatedAt == nil)
        }
    }

    @Test(
        "Given an address added by the operator and one from the form, when they are read, then each tells its source",
        arguments: StoreKind.allCases)
    func subscriberSources(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            _ = try await site.store.insertSubscriber(email: "added@example.com", createdAt: t0)
            try await site.request("form@example.com", token: "form-hash", at: at(1))
            #expect(try await site.store.subscriber(email: "added@example.com")?.source == .added)
            #expect(try await site.store.subscriber(email: "form@example.com")?.source == .form)
        }
    }
}

@Suite("Accent colours")
struct AccentColourTests {
    @Test("Given colours as writers type them, when read, then only #rgb and #rrggbb are taken, stored lowercase and long")
    func parsing() {
        #expect(AccentColour("#ABC")?.hex == "#aabbcc")
        #expect(AccentColour(" #1d4ED8 ")?.hex == "#1d4ed8")
        for bad in ["", "#", "1d4ed8", "#12345", "#gggggg", "red", "#1d4ed8;}", "#１２３"] {
            #expect(AccentColour(bad) == nil, "\(bad)")
        }
    }

    @Test("Given a dark and a light accent, when a button is drawn on them, then its text is white on the dark and ink on the light")
    func foreground() {
        #expect(AccentColour("#1d4ed8")!.foreground.hex == "#ffffff")
        #expect(AccentColour("#fde047")!.foreground.hex == "#16181b")
        #expect(AccentColour.standard.foreground.hex == "#ffffff")
    }
}
