#!/usr/bin/env python3
"""`parley post list|publish|unpublish|delete` as an operator runs them: the real executable as
processes, on a real site while `parley serve` runs on it, checked through the server's pages.

usage: post_cli_test.py PATH/TO/parley
Prints a closing line "postcli: N passed, N failed" and exits non-zero on any failure.
"""
import http.client
import os
import subprocess
import sys
import tempfile
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "browser"))
from parley_server import clean_env, free_port, start, stop  # noqa: E402

CLI_TIMEOUT = 60
HEALTH_TIMEOUT = 60


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="parley-post-cli-")
    data = os.path.join(work, "data")
    port = free_port()
    log = open(os.path.join(work, "server.log"), "wb")
    server = start(binary, port, ["--data", data], log, timeout=HEALTH_TIMEOUT)
    passed = failed = 0

    def cli(*args, stdin_text=None):
        return subprocess.run([binary] + list(args) + ["--data", data], input=stdin_text, capture_output=True, text=True,
                              timeout=CLI_TIMEOUT, env=clean_env())

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

    try:
        body_file = os.path.join(work, "body.md")
        with open(body_file, "w", encoding="utf-8") as handle:
            handle.write("Words worth reading.\n")
        assert cli("user", "add", "--email", "owner@example.com", "--name", "Olive", "--role", "owner").returncode == 0
        assert cli("post", "add", "--title", "Live one", "--author", "owner@example.com", "--body-file", body_file,
                   "--no-email").returncode == 0
        assert cli("post", "add", "--title", "Work in progress", "--author", "owner@example.com", "--draft").returncode == 0

        def lists_posts():
            listed = cli("post", "list")
            assert listed.returncode == 0, listed.stderr
            lines = listed.stdout.strip().split("\n")
            assert lines[0] == "id\tstate\tslug\tpublished_at\tcomments\ttitle", lines[0]
            rows = {line.split("\t")[2]: line.split("\t") for line in lines[1:]}
            assert rows["live-one"][1] == "published" and rows["work-in-progress"][1] == "draft", rows
            drafts = cli("post", "list", "--state", "draft").stdout.strip().split("\n")[1:]
            assert [row.split("\t")[2] for row in drafts] == ["work-in-progress"], drafts
            bad = cli("post", "list", "--state", "everything")
            assert bad.returncode == 1 and "--state" in bad.stderr, bad.stderr

        def unpublish_and_publish():
            assert get(port, "/p/live-one")[0] == 200
            done = cli("post", "unpublish", "live-one")
            assert done.returncode == 0 and "draft again" in done.stdout, done.stdout + done.stderr
            assert get(port, "/p/live-one")[0] == 404, "still on the site after unpublishing"
            again = cli("post", "publish", "live-one")
            assert again.returncode == 0 and "Published" in again.stdout, again.stdout + again.stderr
            assert get(port, "/p/live-one")[0] == 200
            twice = cli("post", "publish", "live-one")
            assert twice.returncode == 0 and "already published" in twice.stdout, twice.stdout

        def refusals():
            empty = cli("post", "publish", "work-in-progress")
            assert empty.returncode == 1 and "no body" in empty.stderr, empty.stderr
            missing = cli("post", "delete", "no-such-post")
            assert missing.returncode == 1 and "no post has the slug" in missing.stderr, missing.stderr
            assert "work-in-progress" in cli("post", "list", "--state", "draft").stdout

        def delete():
            done = cli("post", "delete", "live-one")
            assert done.returncode == 0 and "Deleted" in done.stdout, done.stdout + done.stderr
            assert get(port, "/p/live-one")[0] == 404
            assert "live-one" not in cli("post", "list").stdout

        for name, body in [("post list shows every post, by state on request", lists_posts),
                           ("unpublish takes a post off the site, publish puts it back", unpublish_and_publish),
                           ("a post without a body is not published; an unknown slug is named", refusals),
                           ("delete removes the post", delete)]:
            check(name, body)
    finally:
        stop(server)
        log.close()
    print(f"postcli: {passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
