#!/usr/bin/env python3
"""Writes a large, realistic comment export for the import benchmark (scripts/bench-import.sh).

Usage: scripts/make-large-export.py --format disqus|wordpress|remark42|isso --megabytes N OUT

The file holds threads with nested discussions (replies up to a few levels, some before their
parents), Unicode names and text, duplicate authors, deleted and spam comments, HTML with
scripts, and a few very long bodies, in the layout of the named format. It is written as it is
generated, so the generator's own memory stays small whatever the size. The same arguments
always give the same file (a fixed random seed).
"""

import argparse
import json
import os
import random
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

WORDS = (
    "harbour ferry tide clock garlic compost rye bread starter bridge timetable river lantern "
    "winter harvest kettle orchard letter window market station garden cedar pebble meadow "
    "Brücke Fähre Gezeiten 橋 潮 時計 паром мост прилив ferry-boat déjà café naïve"
).split()
NAMES = [
    "Maren Olsen", "池田 拓海", "Anna Körtner", "Priya Raman", "Łukasz Wróbel", "Jürgen Weiß",
    "王芳", "Мира", "Baker Bea", "Jonas", "Sam O'Neil", "Zoë Müller", "Ade Okafor", "Lin Yu",
]
START = datetime(2015, 1, 1, tzinfo=timezone.utc)


def sentence(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def body_html(rng, index):
    """A comment's HTML: paragraphs, sometimes a link, emphasis, a script, or a very long body."""
    if index % 997 == 0:
        paragraphs = [sentence(rng, 30) for _ in range(120)]  # a very long body
    else:
        paragraphs = [sentence(rng, rng.randint(6, 40)) for _ in range(rng.randint(1, 3))]
    html = "".join("<p>%s</p>" % p for p in paragraphs)
    if index % 7 == 0:
        html += '<p>See <a href="https://example.org/%d">this page</a> and <em>that</em>.</p>' % index
    if index % 53 == 0:
        html += "<script>alert(%d)</script>" % index
    return html


def author(rng):
    number = rng.randint(0, 4999)
    name = "%s %d" % (rng.choice(NAMES), number)
    email = None if number % 10 == 0 else "reader%d@example.com" % number
    return name, email, "user%d" % number


def plan(rng, target_bytes, average):
    """Yields (index, thread, parent or None, state) for about target_bytes of comments."""
    count = max(1, target_bytes // average)
    per_thread = 40
    threads = max(1, count // per_thread)
    recent = {}
    for index in range(count):
        thread = index % threads
        ids = recent.setdefault(thread, [])
        parent = rng.choice(ids) if ids and rng.random() < 0.6 else None
        ids.append(index)
        if len(ids) > 30:
            del ids[0]
        roll = rng.random()
        state = "spam" if roll < 0.02 else "deleted" if roll < 0.05 else "pending" if roll < 0.07 else "visible"
        yield index, thread, parent, state


def write_disqus(out, target, rng):
    xml_escape = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
              'xmlns:dsq="http://disqus.com/disqus-internals">\n')
    count = max(1, target // 740)
    threads = max(1, count // 40)
    for thread in range(threads):
        out.write('<thread dsq:id="%d"><id>/post/%d/</id><forum>bench</forum>'
                  '<link>https://bench.example/%d/%s/</link><title>%s</title>'
                  '<createdAt>%s</createdAt><isDeleted>false</isDeleted></thread>\n'
                  % (900000000 + thread, thread, 2015 + thread % 10, thread, xml_escape(sentence(rng, 5)),
                     (START + timedelta(hours=thread)).strftime("%Y-%m-%dT%H:%M:%SZ")))
    for index, thread, parent, state in plan(rng, target, 740):
        name, email, username = author(rng)
        when = START + timedelta(minutes=index * 3)
        out.write('<post dsq:id="%d"><id /><message><![CDATA[%s]]></message><createdAt>%s</createdAt>'
                  '<isDeleted>%s</isDeleted><isSpam>%s</isSpam><author>%s<name>%s</name>'
                  '<isAnonymous>%s</isAnonymous>%s</author><thread dsq:id="%d" />%s</post>\n'
                  % (100000000 + index, body_html(rng, index), when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                     str(state == "deleted").lower(), str(state == "spam").lower(),
                     "<email>%s</email>" % email if email else "", xml_escape(name),
                     str(email is None).lower(), "" if email is None else "<username>%s</username>" % username,
                     900000000 + thread,
                     '<parent dsq:id="%d" />' % (100000000 + parent) if parent is not None else ""))
    out.write("</disqus>\n")


def write_wordpress(out, target, rng):
    out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
              'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
              "<channel><title>Bench</title><wp:wxr_version>1.2</wp:wxr_version>\n")
    # WXR nests comments in their post: comments are grouped per thread, a post at a time.
    count = max(1, target // 880)
    per_post = 40
    approved = {"visible": "1", "pending": "0", "spam": "spam", "deleted": "trash"}
    index = 0
    post = 0
    while index < count:
        out.write("<item><title><![CDATA[%s]]></title><link>https://bench.example/?p=%d</link>"
                  "<wp:post_id>%d</wp:post_id><wp:post_date_gmt>%s</wp:post_date_gmt>"
                  "<wp:post_type>post</wp:post_type><content:encoded><![CDATA[%s]]></content:encoded>\n"
                  % (sentence(rng, 5), post, post, (START + timedelta(hours=post)).strftime("%Y-%m-%d %H:%M:%S"),
                     body_html(rng, post)))
        ids = []
        for _ in range(min(per_post, count - index)):
            parent = rng.choice(ids) if ids and rng.random() < 0.6 else 0
            ids.append(index + 1)
            roll = rng.random()
            state = "spam" if roll < 0.02 else "deleted" if roll < 0.05 else "pending" if roll < 0.07 else "visible"
            name, email, _ = author(rng)
            when = START + timedelta(minutes=index * 3)
            text = "\n\n".join(sentence(rng, rng.randint(6, 40)) for _ in range(rng.randint(1, 3)))
            if index % 997 == 0:
                text = "\n\n".join(sentence(rng, 30) for _ in range(120))
            out.write("<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_author><![CDATA[%s]]></wp:comment_author>"
                      "<wp:comment_author_email>%s</wp:comment_author_email><wp:comment_date>%s</wp:comment_date>"
                      "<wp:comment_date_gmt>%s</wp:comment_date_gmt><wp:comment_content><![CDATA[%s]]></wp:comment_content>"
                      "<wp:comment_approved>%s</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
                      "<wp:comment_parent>%d</wp:comment_parent></wp:comment>\n"
                      % (index + 1, name, email or "", (when + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S"),
                         when.strftime("%Y-%m-%d %H:%M:%S"), text, approved[state], parent))
            index += 1
        out.write("</item>\n")
        post += 1
    out.write("</channel></rss>\n")


def write_remark42(out, target, rng):
    out.write(json.dumps({"version": 1, "users": [], "posts": []}) + "\n")
    for index, thread, parent, state in plan(rng, target, 690):
        name, email, username = author(rng)
        when = START + timedelta(minutes=index * 3)
        out.write(json.dumps({
            "id": "c-%d" % index, "pid": "c-%d" % parent if parent is not None else "",
            "text": "" if state == "deleted" else body_html(rng, index),
            "user": {"name": name, "id": "github_" + username, "picture": "", "admin": False},
            "locator": {"site": "bench", "url": "https://bench.example/episodes/%d/" % thread},
            "score": rng.randint(-2, 9), "time": when.astimezone(timezone(timedelta(hours=-5))).isoformat(),
            "delete": state == "deleted", "title": "Episode %d" % thread,
        }, ensure_ascii=False) + "\n")


def write_isso(path, target, rng):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));"
        "CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,"
        " created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR, text VARCHAR NOT NULL,"
        " author VARCHAR, email VARCHAR, website VARCHAR, likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0,"
        " voters BLOB NOT NULL, notification INTEGER DEFAULT 0);")
    mode = {"visible": 1, "pending": 2, "deleted": 4, "spam": 2}
    seen = set()
    rows = []
    for index, thread, parent, state in plan(rng, target, 740):
        if thread not in seen:
            seen.add(thread)
            db.execute("INSERT INTO threads VALUES (?, ?, ?)", (thread + 1, "/posts/%d/" % thread, sentence(rng, 4)))
        name, email, _ = author(rng)
        text = "\n\n".join(sentence(rng, rng.randint(6, 40)) for _ in range(rng.randint(1, 3)))
        rows.append((thread + 1, index + 1, parent + 1 if parent is not None else None,
                     (START + timedelta(minutes=index * 3)).timestamp() + 0.25, mode[state],
                     "" if state == "deleted" else text, name, email, None, rng.randint(0, 5), rng.randint(0, 2)))
        if len(rows) == 5000:
            db.executemany("INSERT INTO comments VALUES (?, ?, ?, ?, NULL, ?, '127.0.0.0', ?, ?, ?, ?, ?, ?, zeroblob(256), 0)", rows)
            rows = []
    db.executemany("INSERT INTO comments VALUES (?, ?, ?, ?, NULL, ?, '127.0.0.0', ?, ?, ?, ?, ?, ?, zeroblob(256), 0)", rows)
    db.commit()
    db.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", required=True, choices=["disqus", "wordpress", "remark42", "isso"])
    parser.add_argument("--megabytes", required=True, type=float)
    parser.add_argument("out")
    args = parser.parse_args()
    if not 0 < args.megabytes <= 20000:
        parser.error("--megabytes must be between 0 and 20000")
    target = int(args.megabytes * 1_000_000)
    rng = random.Random(12)
    if args.format == "isso":
        write_isso(args.out, target, rng)
    else:
        with open(args.out, "w", encoding="utf-8", buffering=1 << 20) as out:
            {"disqus": write_disqus, "wordpress": write_wordpress, "remark42": write_remark42}[args.format](out, target, rng)
    print("%s: %.1f MB" % (args.out, os.path.getsize(args.out) / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main()
