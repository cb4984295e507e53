import API
import Domain
import Foundation

/// The member asking, and the newsletter.
extension ParleyAPI {
    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        guard let viewer else { throw FieldError("member", .signInRequired) }
        let subscribed = try await store.subscriber(email: viewer.email)?.status == .active
        return .ok(
            .init(
                body: .json(
                    Components.Schemas.Me(
                        id: viewer.id.rawValue, name: viewer.displayName, email: viewer.email, role: Self.role(viewer.role),
                        url: Paths.member(viewer.id), avatarUrl: Paths.avatar(viewer), subscribed: subscribed))))
    }

    /// Double opt-in, as the subscribe form: the same answer whoever is or is not on the list;
    /// limited per client address and per address named, since each request mails someone.
    func subscribe(_ input: Operations.Subscribe.Input) async throws -> Operations.Subscribe.Output {
        guard case .json(let body) = input.body else { throw FieldError("email", .required) }
        try await limit(.subscribe, account: body.email)
        try await actions.subscribe(email: body.email)
        return .accepted(.init(body: .json(.init(status: .pending))))
    }
}
