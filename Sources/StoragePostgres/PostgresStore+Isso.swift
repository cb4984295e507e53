import Storage

/// Isso's votes and guests (contract: the Isso helper fills it).
extension PostgresStore {}
