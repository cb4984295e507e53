import Domain

/// The words of the JSON API (the titles and details of its problems) and of its reference
/// page `/api`, for one language: a part of ``PageText``, declared the same way, one line per text.
public struct APIText: Sendable {
    /// Problem titles, one per kind of refusal (RFC 9457: the same title for the same kind).
    public let malformedTitle: String
    public let invalidTitle: String
    public let signInTitle: String
    public let forbiddenTitle: String
    public let notFoundTitle: String
    public let goneTitle: String
    public let tooManyTitle: String
    public let tooLargeTitle: String
    public let mediaTypeTitle: String
    public let notAcceptableTitle: String
    public let serverErrorTitle: String
    public let serverErrorDetail: String
    /// The problem's `detail` when several fields were refused: each is named in `errors`.
    public let fieldsRefused: String

    /// Why a request does not match the document (each names its field in `errors`).
    public let notJSON: String
    public let bodyRequired: String
    public let fieldRequired: String
    public let unknownField: String
    public let expected: Phrase<String>
    public let typeNames: TypeNames
    public let tooLong: Phrase<Int>
    public let tooShort: Phrase<Int>
    public let tooSmall: Phrase<String>
    public let tooBig: Phrase<String>
    public let oneOf: Phrase<String>
    public let tooManyItems: Phrase<Int>
    public let tooFewItems: Phrase<Int>
    public let notURL: String
    public let notDateTime: String
    public let mediaType: String
    public let notAcceptable: String
    public let bodyTooLarge: Phrase<Int>
    public let badCursor: String
    public let unknownRequest: String

    /// Who is asking.
    public let badAuthorization: String
    public let badToken: String
    public let csrfMissing: String

    /// The reference page at `/api`.
    public let referenceTitle: String
    public let referenceIntro: String
    public let documentLink: String
    public let operationsHeading: String
    public let schemasHeading: String
    public let parametersHeading: String
    public let requestBodyHeading: String
    public let responsesHeading: String
    public let fieldName: String
    public let fieldIn: String
    public let fieldType: String
    public let fieldRequiredColumn: String
    public let fieldDescription: String
    public let yes: String
    public let no: String
    public let contentsLabel: String

    /// The names of JSON types, as `expected` says them.
    public struct TypeNames: Sendable {
        public let string: String
        public let integer: String
        public let number: String
        public let boolean: String
        public let array: String
        public let object: String
        public let null: String
    }

    public static let english = APIText(
        malformedTitle: "The request does not match the API's document",
        invalidTitle: "A value was refused",
        signInTitle: "Sign in required",
        forbiddenTitle: "Not allowed",
        notFoundTitle: "Not found",
        goneTitle: "Gone",
        tooManyTitle: "Too many requests",
        tooLargeTitle: "Request too large",
        mediaTypeTitle: "Unsupported media type",
        notAcceptableTitle: "Not acceptable",
        serverErrorTitle: "The server could not answer",
        serverErrorDetail: "Something went wrong on the server. Please try again in a moment.",
        fieldsRefused: "Some fields were refused: each is named in errors.",
        notJSON: "The body is not valid JSON.",
        bodyRequired: "This operation needs a JSON body.",
        fieldRequired: "This field is required.",
        unknownField: "This field is not part of the request.",
        expected: Phrase { "Expected \($0)." },
        typeNames: TypeNames(
            string: "a string", integer: "a whole number", number: "a number", boolean: "true or false", array: "a list",
            object: "an object", null: "null"),
        tooLong: Phrase { "At most \($0) characters." },
        tooShort: Phrase { $0 == 1 ? "This must not be empty." : "At least \($0) characters." },
        tooSmall: Phrase { "At least \($0)." },
        tooBig: Phrase { "At most \($0)." },
        oneOf: Phrase { "One of: \($0)." },
        tooManyItems: Phrase { "At most \($0) items." },
        tooFewItems: Phrase { "At least \($0) items." },
        notURL: "An absolute http or https URL.",
        notDateTime: "A date and time (RFC 3339).",
        mediaType: "Send the body as application/json.",
        notAcceptable: "This API answers application/json (and application/problem+json).",
        bodyTooLarge: Phrase { "The body is too large: at most \($0) bytes." },
        badCursor: "This cursor was not made by this API (use the next of a previous page).",
        unknownRequest: "This request could not be read.",
        badAuthorization: "Send an API token as Authorization: Bearer TOKEN.",
        badToken: "This API token is not valid, or was revoked.",
        csrfMissing: "A write made with the session cookie needs the page's CSRF token in the X-CSRF-Token header.",
        referenceTitle: "API reference",
        referenceIntro: "Every operation of the JSON API, made from the OpenAPI document this server runs.",
        documentLink: "The OpenAPI document (JSON)",
        operationsHeading: "Operations",
        schemasHeading: "Schemas",
        parametersHeading: "Parameters",
        requestBodyHeading: "Request body",
        responsesHeading: "Responses",
        fieldName: "Name",
        fieldIn: "In",
        fieldType: "Type",
        fieldRequiredColumn: "Required",
        fieldDescription: "Description",
        yes: "yes",
        no: "no",
        contentsLabel: "Contents")
}
