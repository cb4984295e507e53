import Domain
import Foundation

/// What the importers need of a store beyond the other ports: the import keys (what each
/// import made of each record) and bulk writes of comments as they were. (Contract: the
/// comment-import helper adds its requirements here.)
public protocol ImportStore: Sendable {}

/// What the Isso API needs of a store: votes by address, guests. (Contract: the Isso helper
/// adds its requirements here.)
public protocol IssoStore: Sendable {}
