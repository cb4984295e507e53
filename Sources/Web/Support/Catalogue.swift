import Domain

/// The words of the pages in one language, as page code reads them: `text.noPosts`,
/// `text.moreComments(n)`, `text.account.settingsTitle`. The texts themselves are declared
/// once, one line each, in ``PageText`` (and ``AccountText``); a translation is one more
/// `PageText` value, handed to `Catalogue(_:)`.
///
/// A class, not a struct: every page model and card context holds it, and copying a struct of
/// a hundred strings and phrases costs a retain and a release of each, for every card. Reading
/// a text through the key path is a plain field read once optimised (the subscript is inlined).
@dynamicMemberLookup
public final class Catalogue: Sendable {
    public let texts: PageText

    public init(_ texts: PageText) {
        self.texts = texts
    }

    @inline(__always)
    public subscript<Value>(dynamicMember text: KeyPath<PageText, Value>) -> Value {
        texts[keyPath: text]
    }

    /// The name shown for a member: theirs, or "Deleted member" for an account that was deleted.
    func name(of member: Member?) -> String {
        guard let member else { return "?" }
        return member.isDeleted ? texts.account.deletedMember : member.displayName
    }
}

extension Catalogue {
    /// English, the catalogue every other language starts from.
    public static let english = Catalogue(.english)

    /// Every language Parley speaks; `CatalogueTests` checks each of them.
    public static let all: [Catalogue] = [english]
}
