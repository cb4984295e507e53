import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UseCases

/// A tiny valid PNG: 1×1, red.
enum TestImages {
    static let png: [UInt8] = Array(
        Data(
            base64Encoded:
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")!)
}

extension Browser {
    /// Posts a multipart form with one file, the CSRF token as a part.
    func upload(
        _ uri: String, field: String, filename: String, type: String, bytes: [UInt8], csrf token: String? = nil,
        json: Bool = false
    ) async throws -> TestResponse {
        if cookies["__Host-parley_csrf"] == nil { try await get("/") }
        let boundary = "----parley-test-\(UUID().uuidString)"
        var body = [UInt8]()
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token ?? csrf)\r\n".utf8)
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n"
                .utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        var headers = HTTPFields()
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        if json { headers[.accept] = "application/json" }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body)) { $0 }
    }
}

@Suite("Settings, profiles, avatars, data download and account deletion")
struct SettingsTests {
    @Test("Settings need a session; signed out, they send the reader to sign in and back")
    func signedOut() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let response = try await browser.get("/settings")
            #expect(response.status == .seeOther)
            #expect(response.location?.hasPrefix("/sign-in?next=") == true)
            #expect(try await browser.get("/settings/export").status == .seeOther)
        }
    }

    @Test("A member changes their name and bio; a refused name is shown next to the field and kept")
    func profile() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let page = try await browser.get("/settings")
            #expect(page.status == .ok && page.text.contains("value=\"Rita Reader\""))
            let saved = try await browser.post("/settings/profile", form: ["name": "Rita R.", "bio": "Reads <b>everything</b>."])
            #expect(saved.status == .seeOther)
            #expect(try await site.store.member(id: site.reader.id)?.displayName == "Rita R.")
            let memberPage = try await browser.get("/members/\(site.reader.id)").text
            #expect(memberPage.contains("Rita R.") && memberPage.contains("Reads &lt;b&gt;everything&lt;/b&gt;."))

            let refused = try await browser.post(
                "/settings/profile", form: ["name": String(repeating: "x", count: 200), "bio": "kept bio"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("This is too long"))
            #expect(refused.text.contains("kept bio"))
            #expect(try await site.store.member(id: site.reader.id)?.displayName == "Rita R.")
        }
    }

    @Test("A password set in settings signs in and ends the member's other sessions; a mismatched repeat is refused")
    func password() async throws {
        let site = try await TestSite()
        let elsewhere = try await site.actions.startSession(for: site.reader)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let mismatch = try await browser.post("/settings/password", form: ["password": "a new password", "repeat": "another one"])
            #expect(mismatch.status == .unprocessableContent)
            #expect(mismatch.text.contains("This does not match."))
            #expect(
                try await browser.post("/settings/password", form: ["password": "a new password", "repeat": "a new password"]).status
                    == .seeOther)
            #expect(try await site.actions.member(sessionToken: elsewhere.token) == nil)
            #expect(try await browser.get("/settings").status == .ok)
            try await browser.post("/sign-out")
            try await browser.signIn(site.reader.email, password: "a new password")
        }
    }

    @Test("An uploaded PNG becomes the avatar, served with its type and cached for good; the name never decides the type")
    func avatarUpload() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let uploaded = try await browser.upload(
                "/settings/avatar", field: "avatar", filename: "me.gif", type: "image/gif", bytes: TestImages.png)
            #expect(uploaded.status == .seeOther)
            let member = try #require(try await site.store.member(id: site.reader.id))
            let version = try #require(member.avatarVersion)
            let image = try await browser.get("/members/\(member.id)/avatar/\(version)")
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/png")
            #expect(image.headers[.cacheControl]?.contains("immutable") == true)
            #expect(Array(image.body.readableBytesView) == TestImages.png)
            #expect(try await browser.get("/").text.contains("/members/\(member.id)/avatar/\(version)"))
            // An old version sends the browser to the current picture.
            #expect(try await browser.get("/members/\(member.id)/avatar/0000").status == .seeOther)
        }
    }

    @Test("A file that is not an image, or too large, is refused next to the field and changes nothing")
    func avatarRefused() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let html = try await browser.upload(
                "/settings/avatar", field: "avatar", filename: "x.png", type: "image/png",
                bytes: Array("<svg onload=alert(1)></svg>".utf8))
            #expect(html.status == .unsupportedMediaType)
            #expect(html.text.contains("Upload a PNG, JPEG, WebP or GIF image."))
            let huge = try await browser.upload(
                "/settings/avatar", field: "avatar", filename: "x.png", type: "image/png",
                bytes: TestImages.png + [UInt8](repeating: 0, count: Limits.avatarBytes + 100))
            #expect(huge.status == .contentTooLarge)
            let forged = try await browser.upload(
                "/settings/avatar", field: "avatar", filename: "x.png", type: "image/png",
                bytes: TestImages.png, csrf: "forged-token-forged-token-forged-token-1234")
            #expect(forged.status == .forbidden)
            #expect(try await site.store.member(id: site.reader.id)?.avatarVersion == nil)
        }
    }

    @Test("A script's refused avatar or account deletion names the form's one field, as the page does, whatever the reason")
    func refusedFieldInJSON() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let notImage = try await browser.upload(
                "/settings/avatar", field: "avatar", filename: "x.png", type: "image/png", bytes: Array("<svg/>".utf8), json: true)
            let huge = try await browser.upload(
                "/settings/avatar", field: "avatar", filename: "x.png", type: "image/png",
                bytes: [UInt8](repeating: 0, count: Limits.uploadBody + 100), json: true)
            let forgedAvatar = try await browser.upload(
                "/settings/avatar", field: "avatar", filename: "x.png", type: "image/png", bytes: TestImages.png,
                csrf: "forged-token-forged-token-forged-token-1234", json: true)
            let forgedDelete = try await browser.post(
                "/settings/delete", form: ["confirm": site.reader.email], csrf: "forged-token-forged-token-forged-token-1234", json: true)
            let wrongEmail = try await browser.post("/settings/delete", form: ["confirm": "someone@example.com"], json: true)
            for (response, status, field) in [
                (notImage, HTTPResponse.Status.unsupportedMediaType, "avatar"), (huge, .contentTooLarge, "avatar"),
                (forgedAvatar, .forbidden, "avatar"), (forgedDelete, .forbidden, "confirm"), (wrongEmail, .unprocessableContent, "confirm"),
            ] {
                #expect(response.status == status)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                #expect(problem?["field"] as? String == field, "\(response.status): \(response.text)")
            }
            #expect(try await site.store.member(id: site.reader.id)?.isDeleted == false)
            #expect(try await site.store.member(id: site.reader.id)?.avatarVersion == nil)
        }
    }

    @Test("A form without a file input takes a multipart body no larger than a plain form; the avatar takes its picture")
    func uploadLimitPerRoute() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let padded = TestImages.png + [UInt8](repeating: 0, count: Limits.requestBody + 100)
            let profile = try await browser.upload("/settings/profile", field: "file", filename: "x.png", type: "image/png", bytes: padded)
            #expect(profile.status == .contentTooLarge)
            let avatar = try await browser.upload("/settings/avatar", field: "avatar", filename: "x.png", type: "image/png", bytes: padded)
            #expect(avatar.status == .seeOther, "a picture under the avatar's limit is taken: \(avatar.status)")
        }
    }

    @Test("Download my data gives every comment, like and follow as JSON")
    func export() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        let bobs = try await site.comment("Bob's", by: bob)
        try await site.comment("Rita's words", by: site.reader)
        _ = try await site.actions.toggleLike(commentID: bobs.id, by: site.reader)
        try await site.actions.setFollowing(true, postID: site.post.id, by: site.reader)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let response = try await browser.get("/settings/export")
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect((json["profile"] as? [String: Any])?["email"] as? String == site.reader.email)
            #expect((json["comments"] as? [[String: Any]])?.map { $0["text"] as? String } == ["Rita's words"])
            #expect((json["likes"] as? [[String: Any]])?.count == 1)
            #expect((json["followedPostIDs"] as? [Int])?.count == 1)
            #expect(!response.text.contains("Bob's"))
        }
    }

    @Test("Deleting an account needs the member's own email; then their comments go and the thread keeps its shape")
    func deleteAccount() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        let kept = try await site.comment("Rita starts", by: site.reader)
        try await site.comment("Bob answers", by: bob, replyTo: kept.id)
        let gone = try await site.comment("Rita alone", by: site.reader)
        _ = try await site.actions.toggleLike(commentID: kept.id, by: bob)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let wrong = try await browser.post("/settings/delete", form: ["confirm": "someone@example.com"])
            #expect(wrong.status == .unprocessableContent)
            #expect(try await site.store.member(id: site.reader.id)?.isDeleted == false)

            let deleted = try await browser.post("/settings/delete", form: ["confirm": site.reader.email])
            #expect(deleted.status == .ok)
            #expect(deleted.text.contains("Your account is deleted"))
            #expect(browser.cookies["__Host-parley_session"] == nil)
            #expect(try await site.store.comment(id: gone.id) == nil)
            #expect(try await site.store.comment(id: kept.id)?.isDeleted == true)
            #expect(try await site.fresh(site.post).commentCount == 1)
            let page = try await browser.get("/p/\(site.post.slug)").text
            #expect(page.contains("Comment deleted") && page.contains("Bob answers") && !page.contains("Rita starts"))
            #expect(try await site.store.member(email: site.reader.email) == nil)
            // The address can join again as someone new.
            let token = try await site.signInToken(for: site.reader.email)
            #expect(try await browser.get("/sign-in/link?token=\(token)").text.contains("Your name"))
        }
    }

    @Test("The owner cannot delete their account")
    func ownerStays() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            #expect(try await browser.post("/settings/delete", form: ["confirm": site.owner.email]).status == .forbidden)
            #expect(try await site.store.member(id: site.owner.id)?.isDeleted == false)
        }
    }

    @Test("A member page lists their recent comments, newest first, and pages back")
    func memberPage() async throws {
        let site = try await TestSite()
        for index in 1...25 { try await site.comment("Comment number \(index).", by: site.reader) }
        try await site.test { browser async throws in
            let page = try await browser.get("/members/\(site.reader.id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Comment number 25.") && !page.text.contains("Comment number 5."))
            let older = try #require(link(in: page.text, after: "/members/\(site.reader.id)?before="))
            let second = try await browser.get(older).text
            #expect(second.contains("Comment number 5.") && !second.contains("Comment number 25."))
            #expect(try await browser.get("/members/999999").status == .notFound)
            #expect(try await browser.get("/members/abc").status == .notFound)
        }
    }
}
