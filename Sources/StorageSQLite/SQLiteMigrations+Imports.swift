extension SQLiteMigrations {
    /// Moving in (issue 12): guests, anonymous comments, Isso's votes and the import keys.
    ///
    /// - `members.kind`: 'guest' for an author brought in by an import or an anonymous
    ///   commenter, who never proved an address (see `MemberKind`); `members.website`, the
    ///   address a guest gave.
    /// - `publication.anonymous_comments`: the dashboard's switch (also `--anonymous-comments`).
    /// - `comments.dislike_count`: Isso's dislikes (its API answers them; Parley's pages do not
    ///   show them). An imported or Isso like adds to `like_count` with no row in `likes`.
    /// - `isso_votes`: who voted on a comment through the Isso API, by a keyed hash of the
    ///   address (Isso's own rule: one vote per address, never on one's own comment).
    /// - `import_keys`: what each import made of each record it read, so that running the same
    ///   import again adds nothing; `source` is the importer (`disqus`, ...), `kind` the record
    ///   (`thread`, `comment`, `author`, `post`, ...), `local_id` the row it became.
    ///
    /// Columns are added, not tables rebuilt, so 0015's triggers on these tables stand.
    static let imports = """
        ALTER TABLE members ADD COLUMN kind TEXT NOT NULL DEFAULT 'account' CHECK (kind IN ('account', 'guest'));
        ALTER TABLE members ADD COLUMN website TEXT;
        ALTER TABLE publication ADD COLUMN anonymous_comments INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE comments ADD COLUMN dislike_count INTEGER NOT NULL DEFAULT 0 CHECK (dislike_count >= 0);

        CREATE TABLE isso_votes (
            comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
            voter TEXT NOT NULL,
            PRIMARY KEY (comment_id, voter)
        );

        CREATE TABLE import_keys (
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            external_id TEXT NOT NULL,
            local_id BIGINT NOT NULL,
            imported_at BIGINT NOT NULL,
            PRIMARY KEY (source, kind, external_id)
        );
        """
}
