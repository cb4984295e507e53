-- An Isso 0.13 database (comments.db) as Isso itself lays it out: the test makes a real SQLite
-- file of it. Times are Unix seconds with a fraction; mode 1 shown, 2 waiting, 4 deleted.
CREATE TABLE IF NOT EXISTS preferences (key VARCHAR PRIMARY KEY, value VARCHAR);
INSERT INTO preferences VALUES ('session-key', '3f1c0a9be2d84e6f');
CREATE TABLE IF NOT EXISTS threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
CREATE TABLE IF NOT EXISTS comments (
    tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
    created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
    text VARCHAR NOT NULL, author VARCHAR, email VARCHAR, website VARCHAR,
    likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL,
    notification INTEGER DEFAULT 0);
CREATE TRIGGER IF NOT EXISTS remove_stale_threads AFTER DELETE ON comments BEGIN
    DELETE FROM threads WHERE id NOT IN (SELECT tid FROM comments);
END;

INSERT INTO threads VALUES (1, '/posts/sourdough-starter/', 'Keeping a sourdough starter alive');
INSERT INTO threads VALUES (2, '/posts/rye-bread/', NULL);
INSERT INTO threads VALUES (3, '/posts/empty/', 'A page whose comments are all gone');
INSERT INTO threads VALUES (4, '', 'A thread with no address');

-- Thread 1: a conversation three levels deep, with a vote tally, a held reply and a deleted
-- comment that keeps its reply.
INSERT INTO comments VALUES (1, 1, NULL, 1577836800.25, NULL, 1, '198.51.100.0',
    'Mine died over the holidays. **Any** tips for reviving it?', 'Jonas', 'jonas@example.se', NULL, 3, 1, zeroblob(256), 0);
INSERT INTO comments VALUES (1, 2, 1, 1577840400.0, 1577841000.0, 1, '203.0.113.0',
    'Feed it twice a day for a week.
Keep it *warm*.

Really warm: 26 °C.', 'Baker Bea', 'bea@example.com', 'https://bea.example', 12, 0, zeroblob(256), 1);
INSERT INTO comments VALUES (1, 3, 2, 1577844000.5, NULL, 2, '192.0.2.0',
    'Is an oven with the light on warm enough?', 'Jonas', 'jonas@example.se', NULL, 0, 0, zeroblob(256), 0);
INSERT INTO comments VALUES (1, 4, 1, 1577850000.0, NULL, 4, '192.0.2.0',
    '', NULL, NULL, NULL, 0, 0, zeroblob(256), 0);
INSERT INTO comments VALUES (1, 5, 4, 1577853600.0, NULL, 1, '192.0.2.0',
    'Replying to a comment that was deleted. 😅 <script>alert(1)</script>', NULL, NULL, NULL, 0, 2, zeroblob(256), 0);

-- Thread 2: anonymous and Unicode authors; an orphan whose parent row is gone.
INSERT INTO comments VALUES (2, 6, NULL, 1609459200.0, NULL, 1, '198.51.100.0',
    'Roggenbrot braucht Geduld — und Sauerteig.', 'Jürgen Weiß', 'juergen@example.de', '', 0, 0, zeroblob(256), 0);
INSERT INTO comments VALUES (2, 7, 99, 1609462800.0, NULL, 1, '198.51.100.0',
    '[Recipe](https://bread.example/rye) works for me.', '王芳', NULL, 'bread.example', 1, 0, zeroblob(256), 0);
INSERT INTO comments VALUES (2, 8, NULL, 1609466400.0, NULL, 1, '198.51.100.0',
    'Anonymous thanks.', '', '', '', 0, 0, zeroblob(256), 0);
