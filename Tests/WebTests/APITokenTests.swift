import Domain
import Foundation
import Testing
import UseCases

@Suite("API tokens in settings")
struct APITokenTests {
    @Test("A token is shown once, kept as a hash, and opens the API as its member")
    func issued() async throws {
        // Given a token made for the reader
        let site = try await TestSite()
        let issued = try await site.actions.addAPIToken(email: "  Reader@Example.com ", name: "Deploy bot")
        // Then it is the prefix and 43 random characters, and the store finds it by its hash alone
        #expect(issued.secret.hasPrefix(Actions.apiTokenPrefix) && issued.secret.count == Actions.apiTokenPrefix.count + 43)
        #expect(issued.member.id == site.reader.id && issued.token.name == "Deploy bot")
        let byHash = try await site.store.apiTokenHolder(tokenHash: SecretToken.hash(issued.secret), at: Date())
        #expect(byHash?.member.id == site.reader.id)
        #expect(try await site.store.apiTokenHolder(tokenHash: issued.secret, at: Date()) == nil)
        // And a bearer token one character off, empty or overlong opens nothing
        #expect(try await site.actions.apiTokenHolder(bearer: issued.secret)?.member.id == site.reader.id)
        let offByOne = String(issued.secret.dropLast()) + (issued.secret.hasSuffix("A") ? "B" : "A")
        #expect(try await site.actions.apiTokenHolder(bearer: offByOne) == nil)
        #expect(try await site.actions.apiTokenHolder(bearer: "") == nil)
        #expect(try await site.actions.apiTokenHolder(bearer: String(repeating: "x", count: 10_000)) == nil)
    }

    @Test("An embed's token acts as a plain member even for the owner; the owner's token from the command line keeps the role")
    func embedTokensCarryNoStaffPowers() async throws {
        // Given the owner signed in through an embed, and the owner's token from the command line
        let site = try await TestSite()
        let embed = try await site.actions.issueEmbedToken(origin: "https://blog.example", for: site.owner)
        let cli = try await site.actions.addAPIToken(email: site.owner.email, name: "Script")
        // Then the embed's token stands for the owner as a member, the command line's as the owner
        let viaEmbed = try #require(try await site.actions.apiTokenHolder(bearer: embed))
        #expect(viaEmbed.member.id == site.owner.id && viaEmbed.member.role == .member)
        #expect(try await site.actions.apiTokenHolder(bearer: cli.secret)?.member.role == site.owner.role)
    }

    @Test("Bad input makes no token: unknown member, empty or long name, a member at the limit")
    func refused() async throws {
        let site = try await TestSite()
        await #expect(throws: FieldError("email", .notFound)) { try await site.actions.addAPIToken(email: "nobody@example.com", name: "x") }
        await #expect(throws: FieldError("name", .required)) { try await site.actions.addAPIToken(email: site.reader.email, name: " ") }
        let long = String(repeating: "n", count: Limits.apiTokenName + 1)
        await #expect(throws: FieldError("name", .tooLong(max: Limits.apiTokenName))) {
            try await site.actions.addAPIToken(email: site.reader.email, name: long)
        }
        #expect(try await site.actions.apiTokens(of: site.reader).isEmpty)
        // A member at the limit of live tokens gets no more until one is revoked
        var last: IssuedAPIToken?
        for n in 0..<Limits.apiTokensPerMember { last = try await site.actions.addAPIToken(email: site.reader.email, name: "t\(n)") }
        await #expect(throws: APITokenLimitReached.self) { try await site.actions.addAPIToken(email: site.reader.email, name: "one more") }
        try await site.actions.revokeAPIToken(id: try #require(last).token.id, by: site.reader)
        _ = try await site.actions.addAPIToken(email: site.reader.email, name: "one more")
    }

    @Test("Settings list the member's tokens, and Revoke ends one")
    func listAndRevoke() async throws {
        // Given two tokens of the reader, one used, and one of the owner
        let site = try await TestSite()
        let used = try await site.actions.addAPIToken(email: site.reader.email, name: "Used <script>")
        let idle = try await site.actions.addAPIToken(email: site.reader.email, name: "Idle")
        let owners = try await site.actions.addAPIToken(email: site.owner.email, name: "Owner's own")
        _ = try await site.actions.apiTokenHolder(bearer: used.secret)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            // When the reader opens their settings
            let page = try await browser.get("/settings").text
            // Then both of their tokens are listed, newest first, with dates; the owner's is not
            #expect(page.contains("<h2 id=\"tokens-heading\">API tokens</h2>"))
            let usedAt = try #require(page.range(of: "Used &lt;script&gt;"))
            let idleAt = try #require(page.range(of: ">Idle<"))
            #expect(idleAt.lowerBound < usedAt.lowerBound)
            #expect(page.contains("Last used ") && page.contains("Never used"))
            #expect(!page.contains("Owner&#39;s own"))
            #expect(!page.contains(used.secret) && !page.contains(SecretToken.hash(used.secret)))
            // When they revoke one with the page's form
            let revoked = try await browser.post("/settings/tokens/\(used.token.id)/revoke")
            #expect(revoked.status == .seeOther)
            #expect(revoked.location == "/settings?saved=tokens#tokens-heading")
            // Then it opens nothing, stays listed as revoked, and the other still works
            #expect(try await site.actions.apiTokenHolder(bearer: used.secret) == nil)
            #expect(try await site.actions.apiTokenHolder(bearer: idle.secret) != nil)
            let after = try await browser.get("/settings?saved=tokens").text
            #expect(after.contains("Token revoked") && after.contains("Revoked "))
            #expect(occurrences(of: "class=\"inline-form revoke-token-form\"", in: after) == 1)
            // And revoking it again, or the owner's token, is refused at the section and changes nothing
            let again = try await browser.post("/settings/tokens/\(used.token.id)/revoke")
            #expect(again.status == .notFound && again.text.contains("id=\"tokens-error\""))
            let other = try await browser.post("/settings/tokens/\(owners.token.id)/revoke")
            #expect(other.status == .notFound)
            #expect(try await site.actions.apiTokenHolder(bearer: owners.secret) != nil)
            #expect(try await browser.post("/settings/tokens/abc/revoke").status == .notFound)
        }
    }

    @Test("Revoking needs the session's form token, and a session")
    func revokeNeedsCSRFAndSession() async throws {
        let site = try await TestSite()
        let token = try await site.actions.addAPIToken(email: site.reader.email, name: "Kept")
        try await site.test { browser async throws in
            // Signed out: sent to sign in, nothing revoked
            let signedOut = try await browser.post("/settings/tokens/\(token.token.id)/revoke")
            #expect(signedOut.status == .seeOther && signedOut.location?.hasPrefix("/sign-in") == true)
            try await browser.signIn(site.reader.email)
            let forged = try await browser.post("/settings/tokens/\(token.token.id)/revoke", csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(try await site.actions.apiTokenHolder(bearer: token.secret) != nil)
        }
    }

    @Test("Settings show every live token and only the latest revoked ones")
    func revokedListBounded() async throws {
        // Given a member who signed in from the same site's embed many times (each revokes the last)
        let site = try await TestSite()
        for _ in 0..<(Actions.revokedAPITokensShown + 3) {
            _ = try await site.actions.issueEmbedToken(origin: "https://blog.example", for: site.reader)
        }
        let cli = try await site.actions.addAPIToken(email: site.reader.email, name: "Script")
        // When their tokens are listed
        let listed = try await site.actions.apiTokens(of: site.reader)
        // Then the two live ones and the five latest revoked ones are shown, newest first
        #expect(listed.filter { $0.revokedAt == nil }.count == 2)
        #expect(listed.filter { $0.revokedAt != nil }.count == Actions.revokedAPITokensShown)
        #expect(listed.first?.id == cli.token.id)
        #expect(listed.map(\.id.rawValue) == listed.map(\.id.rawValue).sorted(by: >))
    }
}
