/// A text that has values put into it ("N more comments...", "NAME's avatar"): the values are
/// typed, so a page cannot pass a name where a count belongs, and each language words the
/// whole sentence (plurals, word order) in its own closure.
///
/// Called like a function: `text.moreComments(12)`, `text.account.checkEmailBody(address, 15)`.
/// A struct rather than a bare closure so the catalogue tests can find and try every phrase of
/// a catalogue (see ``AnyPhrase``): Swift cannot reliably cast `Any` to a function type.
public struct Phrase<Values>: AnyPhrase {
    private let make: @Sendable (Values) -> String

    public init(_ make: @escaping @Sendable (Values) -> String) {
        self.make = make
    }

    public func callAsFunction(_ values: Values) -> String {
        make(values)
    }

    public func callAsFunction<A, B>(_ a: A, _ b: B) -> String where Values == (A, B) {
        make((a, b))
    }

    public func callAsFunction<A, B, C>(_ a: A, _ b: B, _ c: C) -> String where Values == (A, B, C) {
        make((a, b, c))
    }

    public var valuesType: Any.Type { Values.self }

    public func text(forAny values: Any) -> String? {
        (values as? Values).map(make)
    }
}

/// A ``Phrase`` of any values: what a test walking a catalogue sees, so it can try each phrase
/// with sample values of the type it takes.
public protocol AnyPhrase: Sendable {
    /// The type of the values the phrase takes (a tuple for several).
    var valuesType: Any.Type { get }
    /// The phrase made with `values`, or nil when they are not of ``valuesType``.
    func text(forAny values: Any) -> String?
}
