#!/usr/bin/env python3
"""Isso's own JavaScript client (embed.min.js, from the `isso` package on PyPI) in a real headless
Chromium, against `parley serve`: the Isso API at /isso/ must work with it unchanged.

    python3 Tests/browser/isso_client_test.py PATH_TO_PARLEY_BINARY

A static site on another port of 127.0.0.1 serves a post page that embeds Isso's client with
`data-isso="http://127.0.0.1:PORT/isso/"` and an index page with a comment count link. Parley runs
on a fresh SQLite site with --anonymous-comments and --embed-origins naming the static site.

The reader, a guest, posts a comment with a name, an email and a website; it shows at once and
after a reload; they edit it and reply to it (the edit cookie came back through X-Set-Cookie);
another reader upvotes someone else's comment, while the writer's vote on their own is not counted;
the reply is deleted; the index page's count reads 2; and the API, asked without a browser, lists
what the page shows.

Isso's client comes from a virtual environment ($ISSO_VENV, default /tmp/isso-venv) with isso
installed (scripts/install-test-deps.sh makes it; this test makes it too when it is missing).
Prints a closing line "isso-client: N passed, N failed" and exits non-zero on any failure.
"""
import html
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import urllib.request

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never go online

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from parley_server import free_port, start, stop  # noqa: E402
ARTIFACTS = os.environ.get("ARTIFACTS", "artifacts")
ISSO_VENV = os.environ.get("ISSO_VENV", "/tmp/isso-venv")
WAIT = 15  # seconds for the client to draw or answer


def isso_client():
    """The bytes of Isso's shipped embed.min.js, installing isso into ISSO_VENV if needed."""
    python = os.path.join(ISSO_VENV, "bin", "python")
    if not os.path.exists(os.path.join(ISSO_VENV, "bin", "isso")):
        subprocess.run([sys.executable, "-m", "venv", ISSO_VENV], check=True, timeout=120)
        subprocess.run([os.path.join(ISSO_VENV, "bin", "pip"), "install", "-q", "--disable-pip-version-check", "isso"],
                       check=True, timeout=300)
    path = subprocess.run([python, "-c", "import isso, os; print(os.path.join(os.path.dirname(isso.__file__), 'js', 'embed.min.js'))"],
                          capture_output=True, text=True, check=True, timeout=60).stdout.strip()
    with open(path, "rb") as file:
        return file.read()


def static_site(port, parley, script):
    """The other site: /post/ embeds Isso's client pointed at Parley; /index.html counts."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *arguments):
            pass

        def do_GET(self):
            path = self.path.partition("?")[0]
            kind = "text/html; charset=utf-8"
            if path == "/embed.min.js":
                data, kind = script, "text/javascript"
            elif path == "/post/":
                data = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A static post</title></head>
<body><main><h1>A static post</h1><p>Words of the post.</p>
<section id="isso-thread" data-title="A static post"><noscript>JavaScript is needed for comments.</noscript></section></main>
<script src="/embed.min.js" data-isso="{parley}/isso/" data-isso-lang="en"></script></body></html>""".encode()
            elif path == "/index.html":
                data = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The static blog</title></head>
<body><main><h1>The static blog</h1><p><a id="count" href="/post/#isso-thread">comments</a></p></main>
<script src="/embed.min.js" data-isso="{parley}/isso/" data-isso-lang="en"></script></body></html>""".encode()
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,1400",
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait(driver):
    # The client redraws cards as it goes: a card read while it is replaced is read again.
    return WebDriverWait(driver, WAIT, ignored_exceptions=(StaleElementReferenceException,))


def api(parley, path):
    with urllib.request.urlopen(parley + path, timeout=10) as answer:
        return json.loads(answer.read())


def main():
    binary = sys.argv[1]
    os.makedirs(ARTIFACTS, exist_ok=True)
    passed, failed = 0, 0
    processes, servers, drivers = [], [], []
    try:
        script = isso_client()
        page_port, parley_port = free_port(), free_port()
        origin, parley = f"http://127.0.0.1:{page_port}", f"http://127.0.0.1:{parley_port}"
        log = open(os.path.join(ARTIFACTS, "isso-client-server.log"), "w")
        processes.append(start(binary, parley_port, ["--data", tempfile.mkdtemp(prefix="parley-isso-"), "--form-min-seconds", "0",
                                                     "--embed-origins", origin, "--anonymous-comments",
                                                     "--trusted-proxies", "127.0.0.1"], log))
        servers.append(static_site(page_port, parley, script))
        reader, other = make_driver(), make_driver()
        drivers += [reader, other]
        state = {}

        def comment_card(driver, text):
            for card in driver.find_elements(By.CSS_SELECTOR, "#isso-root .isso-comment"):
                if text in card.find_element(By.CSS_SELECTOR, ".isso-text").text:
                    return card
            return None

        def postbox_draws():
            reader.get(origin + "/post/")
            wait(reader).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".isso-postbox .isso-textarea"))

        def guest_posts():
            state["text"] = "A guest's first words on this post"
            reader.find_element(By.CSS_SELECTOR, ".isso-postbox .isso-textarea").send_keys(state["text"])
            reader.find_element(By.ID, "isso-postbox-author").send_keys("Isso Guest")
            reader.find_element(By.ID, "isso-postbox-email").send_keys("guest@isso.example")
            reader.find_element(By.ID, "isso-postbox-website").send_keys("https://guest.example/")
            reader.find_element(By.CSS_SELECTOR, ".isso-postbox input[type=submit]").click()
            wait(reader).until(lambda d: comment_card(d, state["text"]))

        def survives_reload():
            reader.refresh()
            card = wait(reader).until(lambda d: comment_card(d, state["text"]))
            author = card.find_element(By.CSS_SELECTOR, ".isso-author")
            assert author.text == "Isso Guest", author.text
            assert author.get_attribute("href") == "https://guest.example/", author.get_attribute("href")
            # Parley's stylesheet for the client (/isso/css/isso.css) is applied: a small identicon.
            avatar = card.find_element(By.CSS_SELECTOR, ".isso-avatar svg")
            assert 0 < avatar.size["width"] <= 64, avatar.size
            # The edit cookie reached the page through X-Set-Cookie: Edit and Delete are offered.
            assert card.find_elements(By.CSS_SELECTOR, "a.isso-edit") and card.find_elements(By.CSS_SELECTOR, "a.isso-delete")

        def writer_edits():
            card = comment_card(reader, state["text"])
            card.find_element(By.CSS_SELECTOR, "a.isso-edit").click()
            box = wait(reader).until(lambda d: card.find_element(By.CSS_SELECTOR, "textarea.isso-textarea"))
            wait(reader).until(lambda d: box.get_attribute("value") == state["text"])
            box.clear()
            state["text"] = "A guest's better words on this post"
            box.send_keys(state["text"])
            card.find_element(By.CSS_SELECTOR, "a.isso-edit").click()
            wait(reader).until(lambda d: comment_card(d, state["text"]))
            reader.refresh()
            wait(reader).until(lambda d: comment_card(d, state["text"]))

        def writer_replies():
            card = comment_card(reader, state["text"])
            card.find_element(By.CSS_SELECTOR, "a.isso-reply").click()
            box = wait(reader).until(lambda d: card.find_element(By.CSS_SELECTOR, ".isso-postbox .isso-textarea"))
            state["reply"] = "And a reply under it"
            box.send_keys(state["reply"])
            card.find_element(By.CSS_SELECTOR, ".isso-postbox input[type=submit]").click()
            wait(reader).until(lambda d: comment_card(d, state["reply"]))
            top = api(parley, "/isso/?uri=%2Fpost%2F")["replies"][0]
            assert [reply["text"] for reply in top["replies"]] == ["<p>And a reply under it</p>"], top

        def other_reader_upvotes():
            # A comment from another address (the server trusts the loopback proxy): both browsers
            # are 127.0.0.1, and no one may vote on a comment from their own address.
            body = json.dumps({"text": "Someone else's comment", "author": "Someone"}).encode()
            request = urllib.request.Request(parley + "/isso/new?uri=%2Fpost%2F", data=body, method="POST",
                                             headers={"Content-Type": "application/json", "X-Forwarded-For": "198.51.100.20"})
            with urllib.request.urlopen(request, timeout=10) as answer:
                state["other"] = json.loads(answer.read())["id"]
            other.get(origin + "/post/")
            card = wait(other).until(lambda d: comment_card(d, "Someone else's comment"))
            card.find_element(By.CSS_SELECTOR, "a.isso-upvote").click()
            wait(other).until(lambda d: [c["likes"] for c in api(parley, "/isso/?uri=%2Fpost%2F")["replies"] if c["id"] == state["other"]] == [1])
            # The guest's own comment, from their own address: the vote is not counted.
            mine = comment_card(reader, state["text"])
            mine.find_element(By.CSS_SELECTOR, ":scope > .isso-text-wrapper a.isso-upvote").click()
            time.sleep(1)  # the vote's request is sent, and answered with the count unchanged
            assert api(parley, "/isso/?uri=%2Fpost%2F")["replies"][0]["likes"] == 0

        def writer_deletes_reply():
            reply = comment_card(reader, state["reply"])
            delete = reply.find_element(By.CSS_SELECTOR, "a.isso-delete")
            delete.click()  # "Confirm"
            delete.click()
            wait(reader).until(lambda d: comment_card(d, state["reply"]) is None)
            reader.refresh()
            wait(reader).until(lambda d: comment_card(d, state["text"]))
            assert comment_card(reader, state["reply"]) is None

        def count_reads_one():
            other.get(origin + "/index.html")
            wait(other).until(lambda d: d.find_element(By.ID, "count").text.startswith("2"))

        def api_agrees():
            thread = api(parley, "/isso/?uri=%2Fpost%2F")
            assert thread["total_replies"] == 2, thread
            top = thread["replies"][0]
            assert state["text"] in html.unescape(top["text"]) and top["author"] == "Isso Guest" and top["replies"] == [], top

        for name, check in [
            ("the client draws its postbox from Parley's /isso/", postbox_draws),
            ("a guest posts a comment and sees it at once", guest_posts),
            ("after a reload it is there, styled, with its author's link and Edit/Delete", survives_reload),
            ("its writer edits it with the edit cookie", writer_edits),
            ("its writer replies to it", writer_replies),
            ("another reader upvotes a comment; the writer's own vote is not counted", other_reader_upvotes),
            ("its writer deletes the reply", writer_deletes_reply),
            ("the index page's count link reads 2", count_reads_one),
            ("the API, asked without a browser, agrees", api_agrees),
        ]:
            try:
                check()
                passed += 1
                print(f"ok: {name}")
            except Exception:  # noqa: BLE001 - every failure is reported, then the next check runs
                failed += 1
                print(f"FAIL: {name}")
                traceback.print_exc()
                for index, driver in enumerate(drivers):
                    driver.save_screenshot(os.path.join(ARTIFACTS, f"isso-failure-{index}-" + name.replace(" ", "-")[:40] + ".png"))
        reader.save_screenshot(os.path.join(ARTIFACTS, "isso-client.png"))
    except Exception:  # noqa: BLE001 - a failure to start is a failure, reported
        failed += 1
        traceback.print_exc()
    finally:
        for driver in drivers:
            driver.quit()
        for server in servers:
            server.shutdown()
        for process in processes:
            stop(process, timeout=10)
    print(f"isso-client: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
