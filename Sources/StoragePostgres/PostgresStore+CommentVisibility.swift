import Domain

// Which comments a read shows to whom (see `CommentVisibility`), as a condition added to the
// WHERE of each comment read. The condition only filters the rows an index seek already found:
// held and removed comments are rare, so a page still reads about as many rows as it shows.
extension PostgresStore {
    /// What everyone sees: visible comments, and any comment (held, removed, deleted) that still
    /// has visible replies below it, shown as a placeholder so the replies keep their place.
    ///
    /// A deleted comment without visible descendants shows as today's placeholder (an account
    /// deleted with "keep placeholders" leaves such rows, chains of them too) unless a held or
    /// removed reply is what kept it: that placeholder holds up nothing anyone sees, so it is
    /// hidden. The NOT EXISTS runs only for deleted rows without visible descendants, a seek of
    /// comments_parent_id each.
    static let shownToEveryone = """
        (descendant_count > 0 OR (status = 'visible' AND (deleted_at IS NULL \
        OR NOT EXISTS (SELECT 1 FROM comments AS reply WHERE reply.parent_id = comments.id AND reply.status <> 'visible'))))
        """

    /// The condition for `visibility`, as SQL text (a member id is a number, written out).
    static func shownFilter(_ visibility: CommentVisibility) -> String {
        switch visibility {
        case .everyone:
            shownToEveryone
        case .author(let memberID):
            // Their own held comments too ("Awaiting approval"), not removed ones, and the comment
            // each of those answers (as a placeholder, a seek of comments_parent_id run only for
            // rows not shown otherwise), so the held reply has a place to show. Only one level:
            // a held reply below two hidden comments stays out of reach (finding it would walk the thread).
            """
            (\(shownToEveryone) OR (author_id = \(memberID.rawValue) AND status = 'held' AND deleted_at IS NULL) \
            OR EXISTS (SELECT 1 FROM comments AS mine WHERE mine.parent_id = comments.id AND mine.author_id = \(memberID.rawValue) \
            AND mine.status = 'held' AND mine.deleted_at IS NULL))
            """
        case .staff:
            "TRUE"
        }
    }

    /// Which rows the viewer may read the words of (see `CommentVisibility.mayRead`), as SQL
    /// text (a member id is a number, written out): a listing of a member's comments shows only these.
    static func readableFilter(_ visibility: CommentVisibility) -> String {
        switch visibility {
        case .everyone: "status = 'visible'"
        case .author(let memberID): "(status = 'visible' OR (status = 'held' AND author_id = \(memberID.rawValue)))"
        case .staff: "TRUE"
        }
    }
}
