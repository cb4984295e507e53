import Domain
import Foundation
import Storage

/// Why a visitor may make the first owner: they are on the server's own machine (the web room
/// decides, from the connection), or they hold the setup link printed in the log.
public enum SetupPass: Sendable, Equatable {
    case loopback
    case link(token: String)
}

/// The first-run form: the owner's account and the publication's name.
public struct FirstRunInput: Sendable {
    public var email: String
    public var displayName: String
    public var publicationName: String
    /// Optional: the owner can always sign in by emailed (or, without SMTP, logged) link.
    public var password: String?

    public init(email: String, displayName: String, publicationName: String, password: String? = nil) {
        self.email = email
        self.displayName = displayName
        self.publicationName = publicationName
        self.password = password
    }
}

extension Actions {
    /// The name of the setup token in `site_secrets`: one per site, shared by every instance,
    /// so each prints the same link.
    static let setupSecretName = "first-run-setup"

    /// Whether the site still waits for its first owner.
    public func needsOwner() async throws -> Bool {
        try await !store.hasOwner()
    }

    /// The one-time setup link's token. It stops working the moment the site has an owner.
    public func setupToken() async throws -> String {
        try await store.siteSecret(named: Self.setupSecretName, orMake: { SecretToken.make() })
    }

    /// The setup link's path (`/?setup=TOKEN`): the home page, inviting its holder.
    public func setupPath() async throws -> String {
        "/?setup=\(try await setupToken())"
    }

    /// Whether `pass` lets its holder make the first owner now: never once there is one.
    public func setupAllowed(_ pass: SetupPass?) async throws -> Bool {
        guard let pass, try await needsOwner() else { return false }
        switch pass {
        case .loopback: return true
        case .link(let token):
            guard !token.isEmpty, token.utf8.count <= 128 else { return false }
            return SecretToken.constantTimeEquals(token, try await setupToken())
        }
    }

    /// Makes the first owner, names the publication and signs the owner in. Refused (on
    /// `setup`) without a pass, or once the site has an owner, even if two requests race.
    public func setUpSite(_ input: FirstRunInput, pass: SetupPass?) async throws -> SignedInSession {
        guard try await setupAllowed(pass) else { throw FieldError("setup", .notAllowed) }
        let email = try EmailAddress.normalize(input.email)
        let name = try DisplayName.normalize(input.displayName)
        let publicationName = try TextInput.singleLine(input.publicationName, field: "publication", max: Limits.publicationNameLength)
        var passwordHash: String?
        if let password = input.password, !password.isEmpty {
            guard password.count >= Limits.passwordLength.lowerBound else {
                throw FieldError("password", .tooShort(min: Limits.passwordLength.lowerBound))
            }
            guard password.count <= Limits.passwordLength.upperBound else {
                throw FieldError("password", .tooLong(max: Limits.passwordLength.upperBound))
            }
            passwordHash = await passwords.hash(password)
        }
        let owner: Member?
        do {
            owner = try await store.insertFirstOwner(
                NewMember(email: email, displayName: name, role: .owner, passwordHash: passwordHash, createdAt: now))
        } catch StoreError.duplicate {
            throw FieldError("email", .taken)
        }
        guard let owner else { throw FieldError("setup", .notAllowed) }
        var publication = try await store.publication()
        publication.name = publicationName
        try await store.updatePublication(publication)
        return try await startSession(for: owner)
    }
}
