#!/usr/bin/env python3
"""The embed in real browsers: two headless Chromiums (Selenium) on a static site served from
another port, with two `parley serve` instances on one PostgreSQL, one browser on each.

    TEST_POSTGRES_URL=postgres://... python3 Tests/browser/embed_test.py PATH_TO_PARLEY_BINARY

Without TEST_POSTGRES_URL it starts its own PostgreSQL with scripts/test-postgres.sh (and stops
it at the end). It makes a database of its own, starts instance A with --demo (the sample
site, its reader and password) and then instance B, both with --embed-origins naming the static
site, and the static site itself: a blog post page whose Content-Security-Policy allows
scripts, styles, images and connections from one Parley instance only, and an index page with
comment counts.

Reader 1 (instance A) opens the post: the widget draws "no comments yet", signs in through the
popup (password, then "Continue as"), posts the page's first comment (which makes its
discussion) and a reply, likes nothing of its own, and sees both after a reload. Reader 2
(instance B, signed out) has the page open; reader 1's next comment arrives live on B through
PostgreSQL LISTEN/NOTIFY, behind the "1 new comment" button. The index page fills its counts
in one request. The browsers' logs must hold no CSP violation; every page is audited with axe
(no serious or critical violation); /embed.js is measured gzipped and must stay under 15 kB.

Prints a closing line "embed: N passed, N failed" and exits non-zero on any failure.
"""
import glob
import gzip
import http.server
import os
import random
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
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from axe_selenium_python import Axe

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, os.pardir, os.pardir)
sys.path.insert(0, HERE)
from parley_server import free_port, start, stop  # noqa: E402
ARTIFACTS = os.environ.get("ARTIFACTS", "artifacts")
READER_EMAIL = "reader@parley.example"     # the demo's reader
READER_PASSWORD = "parley-demo"
SERVER_TIMEOUT = 60                         # seconds for an instance to answer /healthz
LIVE_TIMEOUT = 20                           # seconds for a comment to arrive on the other instance
GZIP_LIMIT = 15_000                         # bytes of /embed.js, gzipped
FAILING_IMPACTS = ("serious", "critical")


class Postgres:
    """TEST_POSTGRES_URL's server, or one of our own from scripts/test-postgres.sh."""

    def __init__(self):
        self.url = os.environ.get("TEST_POSTGRES_URL", "")
        self.folder = None
        if not self.url:
            self.folder = tempfile.mkdtemp(prefix="parley-embed-pg-")
            os.chmod(self.folder, 0o755)
            port = random.randrange(5500, 5600)
            self.url = subprocess.run([os.path.join(ROOT, "scripts", "test-postgres.sh"), "start", str(port), self.folder],
                                      capture_output=True, text=True, timeout=120, check=True).stdout.strip().splitlines()[-1]

    def database(self, name):
        psql = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]
        subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url, "-c", f'CREATE DATABASE "{name}"'],
                       capture_output=True, text=True, timeout=60, check=True)
        parts = urllib.parse.urlsplit(self.url)
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))

    def stop(self):
        if self.folder:
            subprocess.run([os.path.join(ROOT, "scripts", "test-postgres.sh"), "stop", self.folder], timeout=60)


def start_instance(binary, database, port, origin, demo, log):
    arguments = ["--database", database, "--data", tempfile.mkdtemp(prefix="parley-embed-"),
                 "--form-min-seconds", "0", "--embed-origins", origin] + (["--demo"] if demo else [])
    return start(binary, port, arguments, log, timeout=SERVER_TIMEOUT)


def static_site(port, instances):
    """The other site: /post.html?via=a|b embeds the discussion from instance A or B, under a
    CSP that allows that one origin and nothing else; /index.html shows counts."""
    canonical = f"http://127.0.0.1:{port}/post.html"

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *arguments):
            pass

        def do_GET(self):
            path, _, query = self.path.partition("?")
            asked = urllib.parse.parse_qs(query)
            parley = instances.get(asked.get("via", ["a"])[0], instances["a"])
            dark = '<link rel="stylesheet" href="/dark.css">' if asked.get("dark") else ""
            kind = "text/html; charset=utf-8"
            if path == "/dark.css":
                body, kind = "html, body { background: #15171c; color: #eee; }", "text/css"
            elif path == "/post.html":
                body = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A static post</title>
<link rel="canonical" href="{canonical}">{dark}</head><body><main><h1>A static post</h1><p>Words of the post.</p>
<div id="parley-thread"></div></main><script src="{parley}/embed.js" async></script></body></html>"""
            elif path == "/index.html":
                body = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The static blog</title></head>
<body><main><h1>The static blog</h1><ul><li><a href="/post.html">A static post</a>
(<span id="count" data-parley-count="{canonical}">?</span> comments)</li>
<li>Nothing here (<span id="none" data-parley-count="http://127.0.0.1:{port}/none.html">?</span> comments)</li></ul></main>
<script src="{parley}/count.js" async></script></body></html>"""
            else:
                self.send_error(404)
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Content-Security-Policy",
                             f"default-src 'none'; script-src {parley}; style-src 'self' {parley}; img-src {parley}; connect-src {parley}")
            self.end_headers()
            self.wfile.write(data)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, canonical


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1200,1400", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.findings = []
        self.csp = []

    def run(self, name, body, *drivers):
        try:
            body()
            for driver in drivers:
                self.audit(driver)
                self.read_log(driver)
            self.passed += 1
            print(f"ok: {name}")
        except Exception:  # noqa: BLE001 - every failure is reported, then the next check runs
            self.failed += 1
            print(f"FAIL: {name}")
            traceback.print_exc()
            for index, driver in enumerate(drivers):
                os.makedirs(ARTIFACTS, exist_ok=True)
                driver.save_screenshot(os.path.join(ARTIFACTS, f"embed-failure-{index}-" + name.replace(" ", "-")[:40] + ".png"))

    def audit(self, driver):
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        for violation in results["violations"]:
            if violation.get("impact") not in FAILING_IMPACTS:
                continue
            targets = "; ".join(f"{' '.join(node['target'])}: {node['html'][:120]}" for node in violation["nodes"][:5])
            finding = f"{driver.current_url}: {violation['impact']} {violation['id']}: {violation['help']} -- {targets}"
            if finding not in self.findings:
                self.findings.append(finding)
                print(f"axe: {finding}")

    def read_log(self, driver):
        for entry in driver.get_log("browser"):
            message = entry.get("message", "")
            if "Content Security Policy" in message or "Refused to" in message:
                self.csp.append(message)
                print(f"csp: {message}")


def wait(driver, timeout=15):
    return WebDriverWait(driver, timeout, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException])


def css(driver, selector, timeout=15):
    return wait(driver, timeout).until(EC.visibility_of_element_located((By.CSS_SELECTOR, selector)))


def main():
    assert len(sys.argv) == 2, "usage: embed_test.py PATH_TO_PARLEY_BINARY"
    binary = sys.argv[1]
    os.makedirs(ARTIFACTS, exist_ok=True)
    checks = Checks()
    postgres = Postgres()
    processes, drivers, servers = [], [], []
    try:
        database = postgres.database(f"embed_{random.randrange(10**9)}")
        site_port, port_a, port_b = free_port(), free_port(), free_port()
        origin = f"http://127.0.0.1:{site_port}"
        instances = {"a": f"http://127.0.0.1:{port_a}", "b": f"http://127.0.0.1:{port_b}"}
        with open(os.path.join(ARTIFACTS, "embed-a.log"), "wb") as log_a, open(os.path.join(ARTIFACTS, "embed-b.log"), "wb") as log_b:
            # A seeds the demo site first; B then opens the same database.
            processes.append(start_instance(binary, database, port_a, origin, True, log_a))
            processes.append(start_instance(binary, database, port_b, origin, False, log_b))
            server, canonical = static_site(site_port, instances)
            servers.append(server)
            first, second = make_driver(), make_driver()
            drivers += [first, second]
            state = {}

            def script_is_small():
                raw = urllib.request.urlopen(instances["a"] + "/embed.js", timeout=10).read()
                packed = len(gzip.compress(raw, compresslevel=9))
                print(f"measure: /embed.js is {len(raw)} bytes, {packed} bytes gzipped (limit {GZIP_LIMIT})")
                assert packed < GZIP_LIMIT, f"/embed.js is {packed} bytes gzipped"

            def widget_draws_empty_discussion():
                first.get(origin + "/post.html?via=a")
                css(first, "#parley-thread .parley-embed")
                wait(first).until(lambda d: "No comments yet" in d.find_element(By.CSS_SELECTOR, ".parley-list").text)
                assert css(first, ".parley-heading").text.startswith("Discussion")

            def sign_in_through_popup():
                home = first.current_window_handle
                css(first, ".parley-account .parley-button").click()
                wait(first).until(lambda d: len(d.window_handles) == 2)
                popup = next(handle for handle in first.window_handles if handle != home)
                first.switch_to.window(popup)
                css(first, "details.password-sign-in > summary").click()
                css(first, "#sign-in-password-email").send_keys(READER_EMAIL)
                first.find_element(By.CSS_SELECTOR, "#sign-in-password").send_keys(READER_PASSWORD)
                first.find_element(By.CSS_SELECTOR, ".sign-in-form button[type=submit]").click()
                button = css(first, "form.embed-sign-in button[type=submit]")
                checks.audit(first)
                assert button.text.startswith("Continue as"), button.text
                button.click()
                wait(first).until(lambda d: len(d.window_handles) == 1)
                first.switch_to.window(home)
                wait(first).until(lambda d: "Signed in as" in d.find_element(By.CSS_SELECTOR, ".parley-account").text)
                css(first, ".parley-composer textarea")

            def first_comment_makes_discussion():
                words = f"First words from the embed {int(time.time())}"
                state["first"] = words
                css(first, "#parley-body-new").send_keys(words)
                first.find_element(By.CSS_SELECTOR, ".parley-composer button[type=submit]").click()
                wait(first).until(lambda d: words in d.find_element(By.CSS_SELECTOR, ".parley-list").text)
                assert "Discussion (1)" in css(first, ".parley-heading").text

            def reply_in_place():
                words = "A reply, from the keyboard"
                state["reply"] = words
                first.find_element(By.CSS_SELECTOR, ".parley-comment .parley-reply").click()
                box = css(first, ".parley-comment .parley-composer textarea")
                assert first.switch_to.active_element == box, "the reply box has the focus"
                box.send_keys(words)
                box.find_element(By.XPATH, "./ancestor::form//button[@type='submit']").click()
                wait(first).until(lambda d: words in d.find_element(By.CSS_SELECTOR, ".parley-replies").text)

            def comments_stay_after_reload():
                first.refresh()
                wait(first).until(lambda d: state["first"] in d.find_element(By.CSS_SELECTOR, ".parley-list").text)
                assert state["reply"] in first.find_element(By.CSS_SELECTOR, ".parley-list").text
                assert "Signed in as" in first.find_element(By.CSS_SELECTOR, ".parley-account").text

            def comment_arrives_live_on_other_instance():
                second.get(origin + "/post.html?via=b")
                wait(second).until(lambda d: state["first"] in d.find_element(By.CSS_SELECTOR, ".parley-list").text)
                time.sleep(1)  # the stream is open before the next comment is posted
                words = f"Live across instances {int(time.time())}"
                css(first, "#parley-body-new").send_keys(words)
                first.find_element(By.CSS_SELECTOR, ".parley-composer button[type=submit]").click()
                wait(first).until(lambda d: words in d.find_element(By.CSS_SELECTOR, ".parley-list").text)
                button = css(second, ".parley-new", timeout=LIVE_TIMEOUT)
                assert button.text == "1 new comment", button.text
                assert words not in second.find_element(By.CSS_SELECTOR, ".parley-list").text, "it waits behind the button"
                button.click()
                wait(second).until(lambda d: words in d.find_element(By.CSS_SELECTOR, ".parley-list").text)

            def counts_fill_in():
                second.get(origin + "/index.html?via=b")
                wait(second).until(lambda d: d.find_element(By.ID, "count").text == "3")
                assert second.find_element(By.ID, "none").text == "0"

            def theme_follows_host_page():
                assert first.find_element(By.CSS_SELECTOR, ".parley-embed").get_attribute("data-theme") == "light"
                first.get(origin + "/post.html?via=a&dark=1")
                wait(first).until(lambda d: state["first"] in d.find_element(By.CSS_SELECTOR, ".parley-list").text)
                assert first.find_element(By.CSS_SELECTOR, ".parley-embed").get_attribute("data-theme") == "dark"
                first.save_screenshot(os.path.join(ARTIFACTS, "embed-dark.png"))

            checks.run("embed.js is under 15 kB gzipped", script_is_small)
            checks.run("the widget draws an empty discussion under a strict CSP", widget_draws_empty_discussion, first)
            checks.run("signing in through the popup hands the embed a token", sign_in_through_popup, first)
            checks.run("the first comment makes the page's discussion", first_comment_makes_discussion, first)
            checks.run("a reply opens in place with the focus in it", reply_in_place, first)
            checks.run("after a reload the comments and the sign-in are still there", comments_stay_after_reload, first)
            checks.run("a comment on instance A arrives live on instance B", comment_arrives_live_on_other_instance, first, second)
            checks.run("counts fill in, in one request", counts_fill_in, second)
            checks.run("the theme follows the host page: light, then dark", theme_follows_host_page, first)
            first.save_screenshot(os.path.join(ARTIFACTS, "embed-first.png"))
            second.save_screenshot(os.path.join(ARTIFACTS, "embed-second.png"))
    finally:
        for driver in drivers:
            driver.quit()
        for server in servers:
            server.shutdown()
        for process in processes:
            stop(process, timeout=10)
        postgres.stop()
    if checks.findings:
        checks.failed += 1
        print(f"FAIL: axe found {len(checks.findings)} serious or critical violations")
    if checks.csp:
        checks.failed += 1
        print(f"FAIL: {len(checks.csp)} CSP violations in the browsers' logs")
    print(f"embed: {checks.passed} passed, {checks.failed} failed")
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
