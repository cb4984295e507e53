#!/usr/bin/env python3
"""`parley import` as an operator runs it: the real executable as processes, on a real site while
`parley serve` runs on it, with a Disqus export written here, checked through the server.

usage: import_cli_test.py PATH/TO/parley
Prints a closing line "importcli: N passed, N failed" and exits non-zero on any failure.
"""
import http.client
import json
import os
import pty
import select
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "browser"))
from parley_server import clean_env, free_port, start, stop  # noqa: E402

CLI_TIMEOUT = 120
HEALTH_TIMEOUT = 60

DISQUS_EXPORT = """<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <category dsq:id="1"><forum>oldblog</forum><title>General</title><isDefault>true</isDefault></category>
  <thread dsq:id="100">
    <id>post-a</id><forum>oldblog</forum><category dsq:id="1"/>
    <link>http://old.example/blog/a/</link><title>Post A</title><message/>
    <createdAt>2019-03-01T10:00:00Z</createdAt>
    <author><name>Old Owner</name><isAnonymous>false</isAnonymous><username>oldowner</username></author>
    <isClosed>false</isClosed><isDeleted>false</isDeleted>
  </thread>
  <thread dsq:id="101">
    <id>hello</id><forum>oldblog</forum><category dsq:id="1"/>
    <link>http://old.example/p/hello</link><title>Hello</title><message/>
    <createdAt>2019-03-02T10:00:00Z</createdAt>
    <author><name>Old Owner</name><isAnonymous>false</isAnonymous><username>oldowner</username></author>
    <isClosed>false</isClosed><isDeleted>false</isDeleted>
  </thread>
  <post dsq:id="2002">
    <id/><message><![CDATA[<p>A reply that came <b>first</b> in the file</p>]]></message>
    <createdAt>2019-03-01T12:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><email>bob@example.org</email><name>Bob</name><isAnonymous>false</isAnonymous><username>bob</username></author>
    <thread dsq:id="100"/><parent dsq:id="2001"/>
  </post>
  <post dsq:id="2001">
    <id/><message><![CDATA[<p>First! <script>alert(1)</script>Nice post.</p>]]></message>
    <createdAt>2019-03-01T11:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><email>ann@example.org</email><name>Ann</name><isAnonymous>false</isAnonymous><username>ann</username></author>
    <thread dsq:id="100"/>
  </post>
  <post dsq:id="2003">
    <id/><message><![CDATA[<p>Buy cheap watches</p>]]></message>
    <createdAt>2019-03-01T13:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>true</isSpam>
    <author><email>spam@example.net</email><name>Spammer</name><isAnonymous>false</isAnonymous><username>spam</username></author>
    <thread dsq:id="100"/>
  </post>
  <post dsq:id="2004">
    <id/><message><![CDATA[<p>Ünïcödé greetings on the post itself</p>]]></message>
    <createdAt>2019-03-02T11:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><email>ann@example.org</email><name>Ann</name><isAnonymous>false</isAnonymous><username>ann</username></author>
    <thread dsq:id="101"/>
  </post>
</disqus>
"""


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept": "application/json"})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def run_on_terminal(argv):
    """Runs argv with standard error on a pseudo-terminal; returns (status, stdout, what the terminal got)."""
    master, slave = pty.openpty()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL, env=clean_env())
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + CLI_TIMEOUT
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    out = process.stdout.read().decode("utf-8", "replace")
    process.wait(timeout=30)
    os.close(master)
    return process.returncode, out, seen.decode("utf-8", "replace")


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="parley-import-cli-")
    data = os.path.join(work, "data")
    export = os.path.join(work, "disqus.xml")
    with open(export, "w", encoding="utf-8") as handle:
        handle.write(DISQUS_EXPORT)
    port = free_port()
    log = open(os.path.join(work, "server.log"), "wb")
    server = start(binary, port, ["--data", data, "--embed-origins", "https://blog.example"], log, timeout=HEALTH_TIMEOUT)
    passed = failed = 0
    mapping = ["--map-url", "http://old.example/=https://blog.example/", "--map-url", "http://old.example/p/=/p/"]

    def cli(*args):
        return subprocess.run([binary] + list(args) + ["--data", data], capture_output=True, text=True, timeout=CLI_TIMEOUT,
                              env=clean_env())

    def check(name, body):
        nonlocal passed, failed
        try:
            body()
            passed += 1
            print(f"ok: {name}")
        except Exception:  # noqa: BLE001 - every failure is reported, then the next check runs
            failed += 1
            print(f"FAIL: {name}")
            traceback.print_exc()

    def page_count(url):
        status, body = get(port, "/api/v1/pages?url=" + urllib.parse.quote(url, safe=""))
        assert status == 200, (status, body)
        return json.loads(body)["commentCount"]

    try:
        body_file = os.path.join(work, "body.md")
        with open(body_file, "w", encoding="utf-8") as handle:
            handle.write("Words worth reading.\n")
        assert cli("user", "add", "--email", "owner@example.com", "--name", "Olive", "--role", "owner").returncode == 0
        assert cli("post", "add", "--title", "Hello", "--slug", "hello", "--author", "owner@example.com", "--body-file", body_file,
                   "--no-email").returncode == 0

        def first_import():
            done = cli("import", "disqus", export, *mapping)
            assert done.returncode == 0, done.stdout + done.stderr
            assert done.stderr == "", "standard error is no terminal, so no progress bar: " + repr(done.stderr)
            lines = done.stdout
            assert "Imported from disqus" in lines, lines
            assert "3  comments\n" in lines, lines
            assert "1  marked spam" in lines, lines
            assert "1  discussions made" in lines and "1  discussions joined" in lines, lines
            assert page_count("https://blog.example/blog/a/") == 2
            status, page = get(port, "/p/hello")
            assert status == 200 and "Ünïcödé greetings on the post itself" in page, "the post's thread joined the post"
            assert "<script>alert" not in page

        def second_import():
            again = cli("import", "disqus", export, *mapping)
            assert again.returncode == 0, again.stdout + again.stderr
            assert "3  already imported" in again.stdout, again.stdout
            assert "nothing was added" in again.stdout, again.stdout
            assert page_count("https://blog.example/blog/a/") == 2

        def progress_bar_on_a_terminal():
            # A third run, on a pseudo-terminal: the bar is drawn over itself, then the summary follows.
            status, out, terminal = run_on_terminal([binary, "import", "disqus", export, *mapping, "--data", data])
            assert status == 0, out + terminal
            assert "\r[" in terminal and "100%" in terminal and "records" in terminal, repr(terminal)
            assert "already imported" in out and "\r" not in out, repr(out)

        def refusals():
            bad = cli("import", "disqus", export, "--map-url", "nonsense")
            assert bad.returncode == 1 and "error: --map-url" in bad.stderr and "OLD=NEW" in bad.stderr, bad.stderr
            missing = cli("import", "disqus", os.path.join(work, "nope.xml"))
            assert missing.returncode == 1 and "no such file" in missing.stderr, missing.stderr
            kind = cli("import", "blogger", export)
            assert kind.returncode != 0 and "disqus" in kind.stderr, kind.stderr
            url_map = os.path.join(work, "urls.txt")
            with open(url_map, "w", encoding="utf-8") as handle:
                handle.write("# old to new\nhttp://old.example/ https://blog.example/\nbroken line here\n")
            file_error = cli("import", "disqus", export, "--url-map", url_map)
            assert file_error.returncode == 1 and "line 3" in file_error.stderr, file_error.stderr
            not_export = cli("import", "disqus", body_file)
            assert not_export.returncode == 1 and "error:" in not_export.stderr, not_export.stderr

        for name, body in [("an import keeps threads, nesting and authors, skips spam, and joins this site's post", first_import),
                           ("importing the same file again adds nothing and says so", second_import),
                           ("on a terminal a progress bar is drawn on standard error", progress_bar_on_a_terminal),
                           ("bad options, a missing file, an unknown kind and a file of another format are clear errors", refusals)]:
            check(name, body)
    finally:
        stop(server)
        log.close()
    print(f"importcli: {passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
