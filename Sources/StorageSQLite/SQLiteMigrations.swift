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
        ("0005_moderation", moderation),
        ("0006_rate_limits", rateLimits),
        ("0007_spam_model", spamModel),
        ("0008_writer", writer),
        ("0010_search", search),
        ("0011_audience", audience),
        ("0012_figures", figures),
        ("0013_api", api),
        ("0014_live", live),
        ("0015_webhooks", webhooks),
        ("0016_imports", imports),
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

    /// Moderation (issue 9): comment status, holds and decisions, reports, pins and features,
    /// per-post discussion settings, bans, mutes, the publication's rules and the audit log.
    ///
    /// SQLite cannot change a CHECK in place, so `posts` is rebuilt to let `discussion` be
    /// 'staff' (SQLite's twelve-step table change; GRDB runs a migration with foreign keys
    /// off and checks them all at its end, so dropping the old table touches no comment).
    static let moderation = """
        CREATE TABLE posts_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            slug TEXT NOT NULL,
            title TEXT NOT NULL,
            subtitle TEXT NOT NULL,
            body_markdown TEXT NOT NULL,
            body_html TEXT NOT NULL,
            author_id INTEGER NOT NULL REFERENCES members (id),
            state TEXT NOT NULL CHECK (state IN ('draft', 'published', 'scheduled')),
            audience TEXT NOT NULL CHECK (audience IN ('everyone', 'subscribers')),
            discussion TEXT NOT NULL CHECK (discussion IN ('open', 'subscribers', 'staff', 'closed')),
            published_at BIGINT,
            created_at BIGINT NOT NULL,
            comment_count INTEGER NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
            pinned_comment_id INTEGER REFERENCES comments (id) ON DELETE SET NULL,
            auto_close_days INTEGER CHECK (auto_close_days IS NULL OR auto_close_days >= 0)
        );
        INSERT INTO posts_new (id, slug, title, subtitle, body_markdown, body_html, author_id, state, audience,
            discussion, published_at, created_at, comment_count)
        SELECT id, slug, title, subtitle, body_markdown, body_html, author_id, state, audience,
            discussion, published_at, created_at, comment_count FROM posts;
        -- The new table continues the old one's id sequence (never lower than its highest id),
        -- so the id of a post erased before the upgrade is never handed out again.
        DELETE FROM sqlite_sequence WHERE name = 'posts_new';
        INSERT INTO sqlite_sequence (name, seq) SELECT 'posts_new', seq FROM sqlite_sequence WHERE name = 'posts';
        DROP TABLE posts;
        ALTER TABLE posts_new RENAME TO posts;
        CREATE UNIQUE INDEX posts_slug ON posts (slug);
        CREATE INDEX posts_state_published_at ON posts (state, published_at);
        CREATE INDEX posts_author_id ON posts (author_id);
        -- ON DELETE SET NULL looks posts up by the comment: without this, each hard comment delete scans posts.
        CREATE INDEX posts_pinned_comment ON posts (pinned_comment_id) WHERE pinned_comment_id IS NOT NULL;

        ALTER TABLE comments ADD COLUMN status TEXT NOT NULL DEFAULT 'visible'
            CHECK (status IN ('visible', 'held', 'removed'));
        ALTER TABLE comments ADD COLUMN featured_at BIGINT;
        -- The held and removed tabs, and an author's held comments: few rows, so a partial index.
        CREATE INDEX comments_not_visible ON comments (status, id) WHERE status <> 'visible';
        -- An author's history and "the first N comments of a new member".
        CREATE INDEX comments_author_status ON comments (author_id, status);

        -- Why a comment was held and the last decision on it; a row only for comments that met moderation.
        CREATE TABLE comment_moderation (
            comment_id INTEGER NOT NULL PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
            hold_reason TEXT CHECK (hold_reason IN ('policy', 'links', 'hold_word', 'likely_spam', 'reports')),
            spam_score DOUBLE PRECISION CHECK (spam_score IS NULL OR (spam_score >= 0 AND spam_score <= 1)),
            spam_features TEXT NOT NULL DEFAULT '',
            decision TEXT CHECK (decision IN ('approved', 'rejected', 'removed', 'restored')),
            decided_by INTEGER REFERENCES members (id),
            decided_at BIGINT,
            decision_reason TEXT NOT NULL DEFAULT '',
            CHECK ((decision IS NULL) = (decided_at IS NULL))
        );
        -- The approved and removed tabs, latest decision first: one walk each, in the order shown.
        CREATE INDEX comment_moderation_approved ON comment_moderation (decided_at, comment_id) WHERE decision = 'approved';
        CREATE INDEX comment_moderation_removed ON comment_moderation (decided_at, comment_id)
            WHERE decision IN ('rejected', 'removed');

        CREATE TABLE comment_reports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
            reporter_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
            reason TEXT NOT NULL CHECK (reason IN ('spam', 'abuse', 'off_topic', 'other')),
            text TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            resolved_at BIGINT
        );
        CREATE UNIQUE INDEX comment_reports_once ON comment_reports (comment_id, reporter_id);
        CREATE INDEX comment_reports_open ON comment_reports (comment_id) WHERE resolved_at IS NULL;

        CREATE TABLE bans (
            member_id INTEGER NOT NULL PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
            reason TEXT NOT NULL,
            banned_by INTEGER NOT NULL REFERENCES members (id),
            created_at BIGINT NOT NULL,
            until BIGINT,
            CHECK (until IS NULL OR until > created_at)
        );

        CREATE TABLE mutes (
            member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
            muted_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (member_id, muted_id),
            CHECK (member_id <> muted_id)
        );

        -- The publication's rules: one row, absent until first changed (then the defaults apply).
        CREATE TABLE moderation_settings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            hold_policy TEXT NOT NULL CHECK (hold_policy IN ('nothing', 'first_comments', 'everything')),
            hold_first_count INTEGER NOT NULL DEFAULT 0 CHECK (hold_first_count >= 0),
            max_links INTEGER NOT NULL CHECK (max_links >= 0),
            reports_to_hold INTEGER NOT NULL CHECK (reports_to_hold >= 1),
            hold_words TEXT NOT NULL DEFAULT '',
            block_words TEXT NOT NULL DEFAULT '',
            auto_close_days INTEGER CHECK (auto_close_days IS NULL OR auto_close_days >= 0),
            spam_threshold DOUBLE PRECISION NOT NULL CHECK (spam_threshold > 0 AND spam_threshold <= 1)
        );

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at BIGINT NOT NULL,
            actor_id INTEGER REFERENCES members (id),
            action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'remove', 'restore', 'hold', 'pin', 'unpin',
                'feature', 'unfeature', 'ban', 'unban', 'set_role', 'discussion_settings', 'moderation_settings')),
            comment_id INTEGER,
            subject_id INTEGER REFERENCES members (id),
            post_id INTEGER,
            reason TEXT NOT NULL DEFAULT '',
            before TEXT NOT NULL DEFAULT '',
            after TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX audit_log_action ON audit_log (action, id);
        CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
        CREATE INDEX audit_log_subject ON audit_log (subject_id, id);
        """

    /// Rate-limit counts (see `RateLimitStore`): one row per key and window, swept once the
    /// window has ended, oldest first by `rate_limits_window_end`. Not in `SiteData`: a count
    /// lives for minutes at most.
    static let rateLimits = """
        CREATE TABLE rate_limits (
            key TEXT NOT NULL PRIMARY KEY,
            hits INTEGER NOT NULL CHECK (hits > 0),
            window_end BIGINT NOT NULL
        );
        CREATE INDEX rate_limits_window_end ON rate_limits (window_end);
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

    /// The writer's side (issue 10): what the editor keeps on a post, old slugs that redirect,
    /// uploaded images (in the database, so a backup has them and every instance serves them),
    /// how the publication presents itself, and subscribers that bounced and where each came
    /// from. SQLite cannot change a CHECK, so `subscribers` is rebuilt, keeping its id sequence.
    static let writer = """
        ALTER TABLE posts ADD COLUMN cover_image TEXT;
        ALTER TABLE posts ADD COLUMN sends_email INTEGER NOT NULL DEFAULT 0 CHECK (sends_email IN (0, 1));
        ALTER TABLE posts ADD COLUMN updated_at BIGINT;
        ALTER TABLE posts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);

        -- A slug a post had before: /p/OLD answers 301 to the post's slug now. A slug names one
        -- post at a time, here or in posts; the store keeps the two apart.
        CREATE TABLE post_slugs (
            slug TEXT NOT NULL PRIMARY KEY,
            post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL
        );
        CREATE INDEX post_slugs_post_id ON post_slugs (post_id);

        CREATE TABLE uploads (
            key TEXT NOT NULL PRIMARY KEY CHECK (length(key) = 32),
            type TEXT NOT NULL CHECK (type IN ('png', 'jpeg', 'webp', 'gif')),
            bytes BLOB NOT NULL,
            width INTEGER NOT NULL CHECK (width > 0),
            height INTEGER NOT NULL CHECK (height > 0),
            uploader_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
            created_at BIGINT NOT NULL
        );

        ALTER TABLE publication ADD COLUMN logo TEXT;
        ALTER TABLE publication ADD COLUMN accent_colour TEXT NOT NULL DEFAULT '#c2410c';
        ALTER TABLE publication ADD COLUMN about_markdown TEXT NOT NULL DEFAULT '';
        ALTER TABLE publication ADD COLUMN about_html TEXT NOT NULL DEFAULT '';
        ALTER TABLE publication ADD COLUMN sender_name TEXT NOT NULL DEFAULT '';
        ALTER TABLE publication ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';
        ALTER TABLE publication ADD COLUMN footer_text TEXT NOT NULL DEFAULT '';
        -- One origin per line.
        ALTER TABLE publication ADD COLUMN embed_origins TEXT NOT NULL DEFAULT '';

        CREATE TABLE subscribers_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            email TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'unsubscribed', 'bounced')),
            created_at BIGINT NOT NULL,
            confirm_token_hash TEXT,
            confirm_requested_at BIGINT,
            confirmed_at BIGINT,
            source TEXT NOT NULL DEFAULT 'form' CHECK (source IN ('form', 'import', 'import-confirmed', 'added'))
        );
        INSERT INTO subscribers_new (id, email, status, created_at, confirm_token_hash, confirm_requested_at, confirmed_at)
        SELECT id, email, status, created_at, confirm_token_hash, confirm_requested_at, confirmed_at FROM subscribers;
        DELETE FROM sqlite_sequence WHERE name = 'subscribers_new';
        INSERT INTO sqlite_sequence (name, seq) SELECT 'subscribers_new', seq FROM sqlite_sequence WHERE name = 'subscribers';
        DROP TABLE subscribers;
        ALTER TABLE subscribers_new RENAME TO subscribers;
        CREATE UNIQUE INDEX subscribers_email ON subscribers (email);
        CREATE UNIQUE INDEX subscribers_confirm_token_hash ON subscribers (confirm_token_hash);
        CREATE INDEX subscribers_status_id ON subscribers (status, id);
        """

    /// The writer's audience (issue 10): when a confirmed subscriber left, so the figures can
    /// draw the list over time; subscribers added without a link count as confirmed when added
    /// (a departure nobody recorded counts on the day they joined); and the audit log names
    /// imports and removals of subscribers. SQLite cannot change a CHECK, so `audit_log` is
    /// rebuilt, keeping its ids and its id sequence.
    static let audience = """
        ALTER TABLE subscribers ADD COLUMN left_at BIGINT;
        UPDATE subscribers SET confirmed_at = created_at WHERE confirmed_at IS NULL AND status = 'active';
        UPDATE subscribers SET left_at = confirmed_at WHERE confirmed_at IS NOT NULL AND status IN ('unsubscribed', 'bounced');
        CREATE INDEX subscribers_confirmed_at ON subscribers (confirmed_at);
        CREATE INDEX subscribers_left_at ON subscribers (left_at) WHERE left_at IS NOT NULL;

        CREATE TABLE audit_log_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at BIGINT NOT NULL,
            actor_id INTEGER REFERENCES members (id),
            action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'remove', 'restore', 'hold', 'pin', 'unpin',
                'feature', 'unfeature', 'ban', 'unban', 'set_role', 'discussion_settings', 'moderation_settings',
                'import_subscribers', 'import_confirmed_subscribers', 'remove_subscriber')),
            comment_id INTEGER,
            subject_id INTEGER REFERENCES members (id),
            post_id INTEGER,
            reason TEXT NOT NULL DEFAULT '',
            before TEXT NOT NULL DEFAULT '',
            after TEXT NOT NULL DEFAULT ''
        );
        INSERT INTO audit_log_new (id, at, actor_id, action, comment_id, subject_id, post_id, reason, before, after)
        SELECT id, at, actor_id, action, comment_id, subject_id, post_id, reason, before, after FROM audit_log;
        DELETE FROM sqlite_sequence WHERE name = 'audit_log_new';
        INSERT INTO sqlite_sequence (name, seq) SELECT 'audit_log_new', seq FROM sqlite_sequence WHERE name = 'audit_log';
        DROP TABLE audit_log;
        ALTER TABLE audit_log_new RENAME TO audit_log;
        CREATE INDEX audit_log_action ON audit_log (action, id);
        CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
        CREATE INDEX audit_log_subject ON audit_log (subject_id, id);
        """

    /// The dashboard's figures: comments of a period (the home's week, the top commenters) are
    /// one range of comments_created_at; a post's visible comments (likes per post) one range of
    /// comments_post_status, where the partial per-post indexes only hold roots.
    static let figures = """
        CREATE INDEX comments_created_at ON comments (created_at);
        CREATE INDEX comments_post_status ON comments (post_id, status);
        """

    /// The API (issue 11): members' API tokens (only their SHA-256 is kept), and discussions of
    /// pages on other sites (the embed), which are posts in state 'page' with the page's URL.
    /// SQLite cannot change a CHECK in place, so `posts` is rebuilt once more (as in 0005).
    static let api = """
        CREATE TABLE posts_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            slug TEXT NOT NULL,
            title TEXT NOT NULL,
            subtitle TEXT NOT NULL,
            body_markdown TEXT NOT NULL,
            body_html TEXT NOT NULL,
            author_id INTEGER NOT NULL REFERENCES members (id),
            state TEXT NOT NULL CHECK (state IN ('draft', 'published', 'scheduled', 'page')),
            audience TEXT NOT NULL CHECK (audience IN ('everyone', 'subscribers')),
            discussion TEXT NOT NULL CHECK (discussion IN ('open', 'subscribers', 'staff', 'closed')),
            published_at BIGINT,
            created_at BIGINT NOT NULL,
            comment_count INTEGER NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
            pinned_comment_id INTEGER REFERENCES comments (id) ON DELETE SET NULL,
            auto_close_days INTEGER CHECK (auto_close_days IS NULL OR auto_close_days >= 0),
            cover_image TEXT,
            sends_email INTEGER NOT NULL DEFAULT 0 CHECK (sends_email IN (0, 1)),
            updated_at BIGINT,
            revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
            page_url TEXT,
            CHECK ((state = 'page') = (page_url IS NOT NULL))
        );
        INSERT INTO posts_new (id, slug, title, subtitle, body_markdown, body_html, author_id, state, audience,
            discussion, published_at, created_at, comment_count, pinned_comment_id, auto_close_days, cover_image,
            sends_email, updated_at, revision)
        SELECT id, slug, title, subtitle, body_markdown, body_html, author_id, state, audience,
            discussion, published_at, created_at, comment_count, pinned_comment_id, auto_close_days, cover_image,
            sends_email, updated_at, revision FROM posts;
        DELETE FROM sqlite_sequence WHERE name = 'posts_new';
        INSERT INTO sqlite_sequence (name, seq) SELECT 'posts_new', seq FROM sqlite_sequence WHERE name = 'posts';
        DROP TABLE posts;
        ALTER TABLE posts_new RENAME TO posts;
        CREATE UNIQUE INDEX posts_slug ON posts (slug);
        CREATE INDEX posts_state_published_at ON posts (state, published_at);
        CREATE INDEX posts_author_id ON posts (author_id);
        CREATE INDEX posts_pinned_comment ON posts (pinned_comment_id) WHERE pinned_comment_id IS NOT NULL;
        CREATE UNIQUE INDEX posts_page_url ON posts (page_url) WHERE page_url IS NOT NULL;

        CREATE TABLE api_tokens (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL,
            last_used_at BIGINT,
            revoked_at BIGINT
        );
        CREATE INDEX api_tokens_member ON api_tokens (member_id, id);
        """

    /// Live updates (`LiveEventStore`, docs/LIVE.md): the events of the last day, and the one
    /// counter row every append takes, so that ids are dense and committed in order; it also
    /// says how far pruning has gone, so a resume point older than that is told it missed events.
    static let live = """
        CREATE TABLE live_event_counter (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_id BIGINT NOT NULL CHECK (last_id >= 0),
            pruned_through BIGINT NOT NULL CHECK (pruned_through >= 0 AND pruned_through <= last_id)
        );
        INSERT INTO live_event_counter (id, last_id, pruned_through) VALUES (1, 0, 0);
        CREATE TABLE live_events (
            id BIGINT NOT NULL PRIMARY KEY CHECK (id > 0),
            post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
            data TEXT NOT NULL,
            audience INTEGER NOT NULL CHECK (audience BETWEEN 1 AND 7),
            author_id INTEGER,
            created_at BIGINT NOT NULL
        );
        CREATE INDEX live_events_post ON live_events (post_id, id);
        CREATE INDEX live_events_created_at ON live_events (created_at);
        """
}
