extension PostgresMigrations {
    /// Moving in (issue 12): see SQLite's migration of the same id.
    static let imports = [
        "ALTER TABLE members ADD COLUMN kind TEXT NOT NULL DEFAULT 'account' CHECK (kind IN ('account', 'guest'))",
        "ALTER TABLE members ADD COLUMN website TEXT",
        "ALTER TABLE publication ADD COLUMN anonymous_comments BOOLEAN NOT NULL DEFAULT FALSE",
        "ALTER TABLE comments ADD COLUMN dislike_count INTEGER NOT NULL DEFAULT 0 CHECK (dislike_count >= 0)",
        """
        CREATE TABLE isso_votes (
            comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
            voter TEXT NOT NULL,
            PRIMARY KEY (comment_id, voter)
        )
        """,
        """
        CREATE TABLE import_keys (
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            external_id TEXT NOT NULL,
            local_id BIGINT NOT NULL,
            imported_at BIGINT NOT NULL,
            PRIMARY KEY (source, kind, external_id)
        )
        """,
    ]
}
