extension SQLiteMigrations {
    /// Webhooks (issue 11): the owner's endpoints, and the webhook outbox, whose rows are both
    /// the jobs (claimed with a lease, as `outbox` is) and the delivery log.
    ///
    /// Deliveries are written by triggers, in the transaction of the change they tell about,
    /// so every writer (pages, API, CLI, imports, the scheduler) is covered without calling
    /// webhook code, and a crash cannot separate a change from its webhook. A trigger writes
    /// only the event, its subject's id and the time; the worker composes the body when it
    /// first sends it. The times are the database's clock, since no caller's clock reaches a
    /// trigger. Rebuilding one of these tables (SQLite's twelve-step change) drops its
    /// triggers: a later migration that does so must create them again.
    static let webhooks = """
        CREATE TABLE webhook_endpoints (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            url TEXT NOT NULL,
            -- Event names between spaces (" comment.posted member.joined "), see WebhookEvent.stored.
            events TEXT NOT NULL,
            format TEXT NOT NULL CHECK (format IN ('parley', 'slack')),
            secret TEXT NOT NULL,
            secret_shown INTEGER NOT NULL DEFAULT 0 CHECK (secret_shown IN (0, 1)),
            created_at BIGINT NOT NULL
        );

        CREATE TABLE webhook_deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
            event TEXT NOT NULL,
            subject_id BIGINT NOT NULL,
            body TEXT,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at BIGINT NOT NULL,
            locked_until BIGINT,
            claimed_by TEXT,
            response_status INTEGER,
            response_excerpt TEXT,
            response_ms INTEGER,
            last_attempt_at BIGINT,
            created_at BIGINT NOT NULL
        );
        -- What is due: one range, as outbox_claim.
        CREATE INDEX webhook_deliveries_claim ON webhook_deliveries (status, next_attempt_at);
        -- An endpoint's log, newest first; and the cascade when an endpoint is removed.
        CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);

        CREATE TRIGGER webhook_comment_written AFTER INSERT ON comments
        WHEN NEW.status IN ('visible', 'held')
        BEGIN
            INSERT INTO webhook_deliveries (endpoint_id, event, subject_id, next_attempt_at, created_at)
            SELECT id, CASE NEW.status WHEN 'visible' THEN 'comment.posted' ELSE 'comment.held' END, NEW.id,
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER),
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
            FROM webhook_endpoints
            WHERE events LIKE '% ' || CASE NEW.status WHEN 'visible' THEN 'comment.posted' ELSE 'comment.held' END || ' %';
        END;

        -- Approved after being held: posted now. Held later (reports, an edit): held.
        CREATE TRIGGER webhook_comment_status AFTER UPDATE OF status ON comments
        WHEN (OLD.status = 'held' AND NEW.status = 'visible') OR (OLD.status <> 'held' AND NEW.status = 'held')
        BEGIN
            INSERT INTO webhook_deliveries (endpoint_id, event, subject_id, next_attempt_at, created_at)
            SELECT id, CASE NEW.status WHEN 'visible' THEN 'comment.posted' ELSE 'comment.held' END, NEW.id,
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER),
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
            FROM webhook_endpoints
            WHERE events LIKE '% ' || CASE NEW.status WHEN 'visible' THEN 'comment.posted' ELSE 'comment.held' END || ' %';
        END;

        CREATE TRIGGER webhook_comment_reported AFTER INSERT ON comment_reports
        BEGIN
            INSERT INTO webhook_deliveries (endpoint_id, event, subject_id, next_attempt_at, created_at)
            SELECT id, 'comment.reported', NEW.id,
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER),
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
            FROM webhook_endpoints WHERE events LIKE '% comment.reported %';
        END;

        CREATE TRIGGER webhook_member_joined AFTER INSERT ON members
        BEGIN
            INSERT INTO webhook_deliveries (endpoint_id, event, subject_id, next_attempt_at, created_at)
            SELECT id, 'member.joined', NEW.id,
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER),
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
            FROM webhook_endpoints WHERE events LIKE '% member.joined %';
        END;

        -- Active from the form's link or added by staff; an imported list is not a reader confirming.
        CREATE TRIGGER webhook_subscriber_added AFTER INSERT ON subscribers
        WHEN NEW.status = 'active' AND NEW.source IN ('form', 'added')
        BEGIN
            INSERT INTO webhook_deliveries (endpoint_id, event, subject_id, next_attempt_at, created_at)
            SELECT id, 'subscriber.confirmed', NEW.id,
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER),
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
            FROM webhook_endpoints WHERE events LIKE '% subscriber.confirmed %';
        END;

        CREATE TRIGGER webhook_subscriber_confirmed AFTER UPDATE OF status ON subscribers
        WHEN NEW.status = 'active' AND OLD.status <> 'active'
        BEGIN
            INSERT INTO webhook_deliveries (endpoint_id, event, subject_id, next_attempt_at, created_at)
            SELECT id, 'subscriber.confirmed', NEW.id,
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER),
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
            FROM webhook_endpoints WHERE events LIKE '% subscriber.confirmed %';
        END;

        CREATE TRIGGER webhook_post_added AFTER INSERT ON posts
        WHEN NEW.state = 'published'
        BEGIN
            INSERT INTO webhook_deliveries (endpoint_id, event, subject_id, next_attempt_at, created_at)
            SELECT id, 'post.published', NEW.id,
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER),
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
            FROM webhook_endpoints WHERE events LIKE '% post.published %';
        END;

        CREATE TRIGGER webhook_post_published AFTER UPDATE OF state ON posts
        WHEN NEW.state = 'published' AND OLD.state <> 'published'
        BEGIN
            INSERT INTO webhook_deliveries (endpoint_id, event, subject_id, next_attempt_at, created_at)
            SELECT id, 'post.published', NEW.id,
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER),
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
            FROM webhook_endpoints WHERE events LIKE '% post.published %';
        END;
        """
}
