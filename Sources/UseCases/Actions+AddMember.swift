import Domain
import Storage

/// What `addMember` needs: the fields of `parley user add` and, later, of sign-up.
public struct AddMemberInput: Sendable {
    public var email: String
    public var displayName: String
    public var role: Role
    public var password: String?

    public init(email: String, displayName: String, role: Role = .member, password: String? = nil) {
        self.email = email
        self.displayName = displayName
        self.role = role
        self.password = password
    }
}

extension Actions {
    /// Creates a member; a taken address is refused on the email field.
    public func addMember(_ input: AddMemberInput) async throws -> Member {
        let email = try EmailAddress.normalize(input.email)
        let name = try DisplayName.normalize(input.displayName)
        var passwordHash: String?
        if let password = input.password {
            guard password.count >= Limits.passwordLength.lowerBound else {
                throw FieldError("password", .tooShort(min: Limits.passwordLength.lowerBound))
            }
            guard password.count <= Limits.passwordLength.upperBound else {
                throw FieldError("password", .tooLong(max: Limits.passwordLength.upperBound))
            }
            passwordHash = await passwords.hash(password)
        }
        do {
            return try await store.insertMember(
                NewMember(
                    email: email, displayName: name, role: input.role,
                    passwordHash: passwordHash, createdAt: now))
        } catch StoreError.duplicate {
            throw FieldError("email", .taken)
        }
    }
}
