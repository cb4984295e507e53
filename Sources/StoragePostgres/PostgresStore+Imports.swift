import Storage

/// The import keys and bulk writes of imports (contract: the comment-import helper fills it).
extension PostgresStore {}
