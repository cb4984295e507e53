import Domain

/// Why a request was refused: a rule of the domain, or one of HTTP's own, which the domain
/// knows nothing of.
public enum RefusalReason: Hashable, Sendable {
    /// An input rule (`FieldError`): required, too long, not allowed...
    case field(FieldError.Reason)
    /// The form token is missing or not this browser's, or the request came from another origin.
    case csrf
    /// A form field whose bytes are not UTF-8 once percent-decoded.
    case invalidUTF8
    /// Too many attempts from one address, by one member or for one account; try again in
    /// `retryAfter` seconds (the answer's `Retry-After`).
    case rateLimited(retryAfter: Int)
    /// A form anyone can send came back filled by a script: its hidden field filled in, or
    /// sent sooner after it was shown than a person could (see `HumanCheck`).
    case automatedForm
}

/// A refused request: which field, and why. Handlers throw it (or the domain's `FieldError`),
/// and `FormMiddleware` answers every refusal one way: problem+json for scripts, the route's
/// refused page (the form again, with what was typed and why) for browsers.
struct Refusal: Error, Hashable {
    let field: String
    let reason: RefusalReason

    init(_ field: String, _ reason: RefusalReason) {
        self.field = field
        self.reason = reason
    }

    init(_ error: FieldError) {
        self.init(error.field, .field(error.reason))
    }
}
