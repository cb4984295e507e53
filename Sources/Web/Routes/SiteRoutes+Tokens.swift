import Domain
import Foundation
import Hummingbird
import UseCases

extension SiteRoutes {
    /// The API tokens' forms in `/settings` (tokens are made by `parley token add`).
    func tokensFormRoutes() -> [FormRoute] {
        [
            FormRoute("/settings/tokens/:token/revoke", refused: { try await refusedSettings($0, $1, $2) }) {
                try await revokeToken($0, $1)
            }
        ]
    }

    /// Revokes one of the viewer's tokens, then shows the section with a note.
    func revokeToken(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await settingsForm(request, context, section: "tokens") { _, viewer in
            guard let id = context.parameters.get("token").flatMap(APITokenID.init(parsing:)) else { throw FieldError("token", .notFound) }
            try await actions.revokeAPIToken(id: id, by: viewer)
        }
    }
}
