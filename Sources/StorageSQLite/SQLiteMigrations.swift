import GRDB

/// The schema of a SQLite site, as frozen migrations.
///
/// A migration that has shipped is never edited: a site that already ran it would never see
/// the change. Change the schema by appending a migration with the next number. The ids and the
/// snake_case names are shared with the PostgreSQL adapter, so one logical schema serves both;
/// hence portable column types: INTEGER/BIGINT, TEXT, times as BIGINT milliseconds since 1970,
/// booleans as INTEGER 0/1. (Only the id columns are SQLite's own: `INTEGER PRIMARY KEY
/// AUTOINCREMENT` is the rowid, and AUTOINCREMENT keeps a removed comment's id from being
/// handed out again, as a PostgreSQL identity column would.)
enum SQLiteMigrations {
    /// Every migration, in the order it runs.
    static let all: [(id: String, sql: String)] = [
        ("0001_foundation", foundation),
        ("0002_reply_order", replyOrder),
        ("0003_outbox", outbox),
        ("0004_identity", identity),
        ("0007_spam_model", spamModel),
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all {
            let sql = migration.sql
            migrator.registerMigration(migration.id) { db in
                try db.execute(sql: sql)
            }
        }
        return migrator
    }

    /// Frozen: shipped with the first release.
    static let foundation = """
        CREATE TABLE publication (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            description TEXT NOT NULL
        );

        CREATE TABLE members (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            email TEXT NOT NULL,
            display_name TEXT NOT NULL,
            bio TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'moderator', 'member')),
            password_hash TEXT,
            created_at BIGINT NOT NULL
        );
        CREATE UNIQUE INDEX members_email ON members (email);

        CREATE TABLE sessions (
            token_hash TEXT NOT NULL PRIMARY KEY,
            member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        );
        CREATE INDEX sessions_member_id ON sessions (member_id);

        CREATE TABLE posts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            slug TEXT NOT NULL,
            title TEXT NOT NULL,
            subtitle TEXT NOT NULL,
            body_markdown TEXT NOT NULL,
            body_html TEXT NOT NULL,
            author_id INTEGER NOT NULL REFERENCES members (id),
            state TEXT NOT NULL CHECK (state IN ('draft', 'published', 'scheduled')),
            audience TEXT NOT NULL CHECK (audience IN ('everyone', 'subscribers')),
            discussion TEXT NOT NULL CHECK (discussion IN ('open', 'subscribers', 'closed')),
            published_at BIGINT,
            created_at BIGINT NOT NULL,
            comment_count INTEGER NOT NULL DEFAULT 0 CHECK (comment_count >= 0)
        );
        CREATE UNIQUE INDEX posts_slug ON posts (slug);
        CREATE INDEX posts_state_published_at ON posts (state, published_at);
        CREATE INDEX posts_author_id ON posts (author_id);

        CREATE TABLE comments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES comments (id),
            root_id INTEGER NOT NULL,
            depth INTEGER NOT NULL CHECK (depth >= 0),
            path TEXT NOT NULL,
            author_id INTEGER NOT NULL REFERENCES members (id),
            body_text TEXT NOT NULL,
            body_html TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            edited_at BIGINT,
            deleted_at BIGINT,
            like_count INTEGER NOT NULL DEFAULT 0 CHECK (like_count >= 0),
            descendant_count INTEGER NOT NULL DEFAULT 0 CHECK (descendant_count >= 0),
            CHECK ((parent_id IS NULL AND depth = 0 AND root_id = id)
                OR (parent_id IS NOT NULL AND depth > 0 AND root_id <> id))
        );
        -- A subtree is one range of this index (see CommentPath.descendantRange).
        CREATE UNIQUE INDEX comments_path ON comments (path);
        -- "Has this comment replies?" when deleting, and the foreign key's own checks.
        CREATE INDEX comments_parent_id ON comments (parent_id);
        -- One per root sort, so a page of roots is a seek and a short walk, whatever the thread's size.
        CREATE INDEX comments_roots_top ON comments (post_id, like_count DESC, created_at, id) WHERE parent_id IS NULL;
        CREATE INDEX comments_roots_time ON comments (post_id, created_at, id) WHERE parent_id IS NULL;

        CREATE TABLE likes (
            comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
            member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (comment_id, member_id)
        );
        -- "Which of these comments has this member liked?" for every page a member sees.
        CREATE INDEX likes_member_id ON likes (member_id, comment_id);

        CREATE TABLE subscribers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            email TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'unsubscribed')),
            created_at BIGINT NOT NULL
        );
        CREATE UNIQUE INDEX subscribers_email ON subscribers (email);
        """

    /// The direct replies of a comment in thread order, read by seeking this index: how a
    /// window under a big subtree is walked without scanning the subtree (see
    /// `SQLiteStore.window`).
    static let replyOrder = """
        CREATE INDEX comments_parent_path ON comments (parent_id, path);
        """

    /// The durable outbox: mail written in the same transaction as the change that causes it,
    /// sent later by `OutboxWorker` (see `OutboxStore`). No foreign keys: a message outlives
    /// the member or comment it was about. A job is claimed by pushing `next_attempt_at` to the
    /// end of its lease, so "what is due" is one range of `outbox_claim` in every state.
    static let outbox = """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            message_json TEXT NOT NULL,
            recipient TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at BIGINT NOT NULL,
            locked_until BIGINT,
            claimed_by TEXT,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            sent_at BIGINT,
            CHECK ((status = 'sent') = (sent_at IS NOT NULL))
        );
        CREATE INDEX outbox_claim ON outbox (status, next_attempt_at);
        """

    /// Email and identity: sign-in links, double opt-in, notifications and follows, avatars,
    /// account deletion, newsletter sends, and the site's own secrets (see `SiteSecretStore`).
    static let identity = """
        ALTER TABLE members ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE members ADD COLUMN notify_replies INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE members ADD COLUMN notify_mentions INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE members ADD COLUMN avatar_version TEXT;
        ALTER TABLE members ADD COLUMN deleted_at BIGINT;
        -- Names written before this migration: lower() folds ASCII only, NameKey.of folds all;
        -- such a member's key is corrected the next time their name is saved.
        UPDATE members SET name_key = lower(display_name);
        -- "@Ada Lovelace" is found by this index (see NameKey).
        CREATE INDEX members_name_key ON members (name_key);

        CREATE TABLE avatars (
            member_id INTEGER NOT NULL PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
            content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif')),
            bytes BLOB NOT NULL,
            version TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        );

        CREATE TABLE sign_in_tokens (
            token_hash TEXT NOT NULL PRIMARY KEY,
            email TEXT NOT NULL,
            return_path TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT
        );
        CREATE INDEX sign_in_tokens_expires_at ON sign_in_tokens (expires_at);

        ALTER TABLE subscribers ADD COLUMN confirm_token_hash TEXT;
        ALTER TABLE subscribers ADD COLUMN confirm_requested_at BIGINT;
        ALTER TABLE subscribers ADD COLUMN confirmed_at BIGINT;
        CREATE UNIQUE INDEX subscribers_confirm_token_hash ON subscribers (confirm_token_hash);
        -- Newsletter batches walk the active list in id order.
        CREATE INDEX subscribers_status_id ON subscribers (status, id);

        CREATE TABLE follows (
            member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
            post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (member_id, post_id)
        );
        CREATE INDEX follows_post_id ON follows (post_id, member_id);

        -- No foreign key to comments: a comment deleted before the mail goes is skipped then.
        CREATE TABLE notifications (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            recipient_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('reply', 'mention', 'follow')),
            comment_id INTEGER NOT NULL,
            post_id INTEGER NOT NULL,
            created_at BIGINT NOT NULL,
            due_at BIGINT NOT NULL,
            UNIQUE (recipient_id, comment_id)
        );
        CREATE INDEX notifications_due_at ON notifications (due_at, recipient_id);

        CREATE TABLE newsletter_sends (
            post_id INTEGER NOT NULL PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
            after_subscriber_id BIGINT,
            created_at BIGINT NOT NULL,
            finished_at BIGINT
        );

        CREATE TABLE site_secrets (
            name TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        );

        -- A member's page and their data download list their comments newest first.
        CREATE INDEX comments_author_id ON comments (author_id, id);
        """

    /// The spam filter's learned counts (`SpamModelStore`): per class, the comments learned and
    /// their features added up; per feature, the comments of each class that had it. A row whose
    /// counts both reach zero is deleted, so the table holds only what was learned.
    static let spamModel = """
        CREATE TABLE spam_classes (
            label TEXT NOT NULL PRIMARY KEY CHECK (label IN ('spam', 'ham')),
            documents BIGINT NOT NULL CHECK (documents >= 0),
            occurrences BIGINT NOT NULL CHECK (occurrences >= 0)
        );

        CREATE TABLE spam_features (
            feature TEXT NOT NULL PRIMARY KEY CHECK (feature <> ''),
            spam_count BIGINT NOT NULL CHECK (spam_count >= 0),
            ham_count BIGINT NOT NULL CHECK (ham_count >= 0)
        );
        """
}
