#!/usr/bin/env python3
"""A writer's first day, in a real browser: headless Chromium driven by Selenium, against a
`parley serve` this test starts on an empty data folder, mailing through a real SMTP server
(Tests/MailTests/support/smtp_sink.py, aiosmtpd, a process of its own).

    python3 Tests/browser/writer_journey_test.py PATH_TO_PARLEY_BINARY

On a site with no owner, the browser on the server's machine sees the usual home page ("No
posts") with the setup form, makes the owner and names the publication. A reader subscribes and
confirms by the link in the mail the SMTP server received. The owner writes a post with an
image, previews it (the server renders the Markdown), schedules it a few seconds ahead, and
when its time comes sees it on the home page and in the feed (read by feedparser), and the
subscriber's newsletter arrives at the SMTP server with the post's title, its words and the way
into the discussion; its like link asks on a page, then likes the post; deleting the post asks
first. Every page is audited with axe-core (no serious or critical violation).
Screenshots go to ARTIFACTS (default ./artifacts).

Prints a closing line "journey: N passed, N failed" and exits non-zero on any failure.
"""
import datetime
import glob
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SINK_SCRIPT = os.path.join(HERE, os.pardir, "MailTests", "support", "smtp_sink.py")
SERVER_TIMEOUT = 30   # seconds for the server to answer /healthz
SINK_TIMEOUT = 15     # seconds for the SMTP server to say READY


# The editor's browser test holds the driver, the axe checks and the PNG maker; it reads the
# server's address when imported, so the address is settled first.
sys.path.insert(0, HERE)
from parley_server import free_port, start, stop  # noqa: E402

PORT = free_port()
os.environ["PARLEY_URL"] = f"http://127.0.0.1:{PORT}"
sys.path.insert(0, HERE)
from editor_test import BASE, Checks, make_driver, tiny_png  # noqa: E402

import feedparser  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

ARTIFACTS = os.environ.get("ARTIFACTS", "artifacts")
TITLE = f"Our first letter {int(time.time())}"
READER = "first.reader@example.com"


class Sink:
    """The SMTP server as a process; it stops when its standard input closes."""

    def __init__(self, directory, log):
        self.directory = directory
        self.process = subprocess.Popen([sys.executable, SINK_SCRIPT, "--dir", directory, "--port", "0", "--watch-stdin"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log)
        ready, _, _ = select.select([self.process.stdout], [], [], SINK_TIMEOUT)
        line = self.process.stdout.readline() if ready else b""
        match = re.match(rb"READY (\d+)", line)
        if not match:
            self.stop()
            raise RuntimeError(f"the SMTP server did not start: {line!r}")
        self.port = int(match.group(1))

    def wait_for(self, to, matching, timeout):
        """The first message to `to` that `matching` accepts, as the sink described it; waits up to `timeout` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for path in sorted(glob.glob(os.path.join(self.directory, "[0-9]*.json"))):
                with open(path, encoding="utf-8") as handle:
                    message = json.load(handle)
                if to in [r.lower() for r in message.get("rcpt_tos", [])] and matching(message):
                    return message
            time.sleep(0.5)
        raise AssertionError(f"no such mail to {to} reached the SMTP server within {timeout} s")

    def stop(self):
        try:
            self.process.stdin.close()
            self.process.wait(timeout=10)
        except Exception:  # noqa: BLE001 - stopping is best effort
            self.process.kill()


def start_server(binary, data, smtp_port, log):
    return start(binary, PORT, ["--data", data, "--form-min-seconds", "0", "--smtp-url", f"smtp://127.0.0.1:{smtp_port}",
                                "--mail-from", "letters@example.com"], log, timeout=SERVER_TIMEOUT)


def main():
    if len(sys.argv) != 2:
        print("usage: writer_journey_test.py PATH_TO_PARLEY_BINARY")
        return 2
    os.makedirs(ARTIFACTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="parley-journey-")
    data, mailbox = os.path.join(work, "data"), os.path.join(work, "mailbox")
    os.makedirs(mailbox)
    sink_log = open(os.path.join(ARTIFACTS, "journey-smtp.log"), "wb")
    server_log = open(os.path.join(ARTIFACTS, "journey-server.log"), "wb")
    sink = Sink(mailbox, sink_log)
    server = None
    driver = None
    checks = None
    try:
        server = start_server(sys.argv[1], data, sink.port, server_log)
        driver = make_driver()
        checks = Checks(driver)
        text = lambda: driver.find_element(By.TAG_NAME, "body").text  # noqa: E731

        def owner_sets_up_the_site():
            checks.get("/")
            assert "No posts" in text(), "the home page of an empty site is not the usual one"
            checks.css("#setup-publication").send_keys("The Kitchen Table")
            driver.find_element(By.CSS_SELECTOR, "#setup-name").send_keys("Wren Writer")
            driver.find_element(By.CSS_SELECTOR, "#setup-email").send_keys("writer@example.com")
            driver.find_element(By.CSS_SELECTOR, "#setup-password").send_keys("a long password")
            checks.shot("journey-setup")
            driver.find_element(By.CSS_SELECTOR, ".setup-form button[type=submit]").click()
            checks.wait.until(lambda d: "/dashboard/settings" in d.current_url, "setup did not open the settings")

        def reader_subscribes():
            driver.delete_all_cookies()
            checks.get("/")
            checks.css("#subscribe-email").send_keys(READER)
            driver.find_element(By.CSS_SELECTOR, ".subscribe-form button[type=submit]").click()
            message = sink.wait_for(READER, lambda m: "/subscribe/confirm" in (m.get("text") or ""), timeout=30)
            link = re.search(r"https?://\S+?/subscribe/confirm\?token=[A-Za-z0-9_\-]+", message["text"])
            assert link, "the confirmation mail has no link"
            driver.get(link.group(0))
            checks.css("main form button[type=submit]").click()
            checks.wait.until(lambda d: "subscribed" in d.find_element(By.TAG_NAME, "h1").text.lower(), "the confirmation was not taken")

        def owner_writes_with_an_image():
            checks.get("/sign-in?next=/dashboard/posts/new")
            driver.find_element(By.CSS_SELECTOR, "details.password-sign-in > summary").click()
            checks.css("#sign-in-password-email").send_keys("writer@example.com")
            driver.find_element(By.CSS_SELECTOR, "#sign-in-password").send_keys("a long password")
            driver.find_element(By.CSS_SELECTOR, ".sign-in-form button[type=submit]").click()
            checks.wait.until(lambda d: "/dashboard/posts/new" in d.current_url, "sign-in did not lead to the editor")
            checks.css("#editor-title").send_keys(TITLE)
            driver.find_element(By.CSS_SELECTOR, "#editor-body").send_keys("Welcome to the *kitchen table*.\n\n")
            checks.status_says("All changes saved.")
            picture = os.path.join(work, "table.png")
            with open(picture, "wb") as handle:
                handle.write(tiny_png(24, 16, (200, 120, 40)))
            driver.find_element(By.CSS_SELECTOR, "#editor-image").send_keys(picture)
            driver.find_element(By.CSS_SELECTOR, ".image-upload button[type=submit]").click()
            checks.status_says("Image uploaded.")
            assert "](/uploads/" in driver.find_element(By.CSS_SELECTOR, "#editor-body").get_attribute("value")

        def preview_renders_it():
            checks.wait.until(lambda d: "<em>kitchen table</em>" in d.find_element(By.CSS_SELECTOR, ".preview-body").get_attribute("innerHTML"),
                              "the preview did not render the Markdown")
            image = checks.css(".preview-body img[src^='/uploads/']")
            checks.wait.until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) == 24,
                              "the uploaded image did not load in the preview")
            checks.status_says("All changes saved.")
            checks.shot("journey-preview")

        def schedule_it():
            when = datetime.datetime.now() + datetime.timedelta(seconds=8)
            field = checks.css("#editor-publish_at")
            driver.execute_script("arguments[0].value = arguments[1];", field, when.strftime("%Y-%m-%dT%H:%M:%S"))
            driver.find_element(By.CSS_SELECTOR, "button[value=schedule]").click()
            checks.css(".notice[role=status]")
            assert "Scheduled." in text()
            checks.get("/")
            assert TITLE not in text(), "shown before its time"

        def on_the_home_page_at_its_time():
            deadline = time.monotonic() + 60
            while TITLE not in text():
                assert time.monotonic() < deadline, "the scheduled post never reached the home page"
                time.sleep(1)
                driver.get(BASE + "/")
            checks.audit()
            checks.shot("journey-home")

        def in_the_feed():
            with urllib.request.urlopen(BASE + "/feed", timeout=10) as response:
                feed = feedparser.parse(response.read())
            assert not feed.bozo, f"the feed is not well formed: {feed.get('bozo_exception')}"
            assert TITLE in [entry.title for entry in feed.entries], "the post is not in the feed"

        def newsletter_in_the_mailbox():
            message = sink.wait_for(READER, lambda m: m.get("subject") == TITLE, timeout=90)
            body = message.get("text") or ""
            assert "kitchen table" in body, "the newsletter lacks the post's words"
            assert "#discussion" in body or "/comments" in body, "the newsletter does not lead to the discussion"

        def like_from_the_letter():
            message = sink.wait_for(READER, lambda m: m.get("subject") == TITLE, timeout=10)
            link = re.search(r"https?://\S+?/p/[^/\s]+/like\?\S+", message.get("text") or "")
            assert link, "the newsletter has no like link"
            driver.delete_all_cookies()
            driver.get(link.group(0))
            checks.audit()
            assert TITLE in text(), "the like page does not name the post"
            driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            checks.wait.until(lambda d: "liked=1" in d.current_url, "the like was not taken")
            assert "1 like" in text(), "the post does not count the like"

        def delete_asks_first():
            checks.get("/sign-in?next=/dashboard/posts?state=published")
            driver.find_element(By.CSS_SELECTOR, "details.password-sign-in > summary").click()
            checks.css("#sign-in-password-email").send_keys("writer@example.com")
            driver.find_element(By.CSS_SELECTOR, "#sign-in-password").send_keys("a long password")
            driver.find_element(By.CSS_SELECTOR, ".sign-in-form button[type=submit]").click()
            checks.wait.until(lambda d: "/dashboard/posts" in d.current_url, "sign-in did not lead to the posts")
            edit = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".posts-table a") if "/edit" in (a.get_attribute("href") or "")]
            assert edit, "the published post is not listed"
            checks.get(edit[0].replace(BASE, "").replace("/edit", "/delete"))
            assert TITLE in text() and driver.find_elements(By.CSS_SELECTOR, "main form button[type=submit]"), "no confirmation to delete"
            checks.get("/")
            assert TITLE in text(), "opening the confirmation deleted the post"

        def no_accessibility_violations():
            assert checks.audited > 0, "axe ran on no page"
            print(f"axe: {checks.audited} page loads audited, {len(checks.findings)} serious or critical violation(s)")
            assert not checks.findings, "serious or critical accessibility violations:\n" + "\n".join(checks.findings)

        for name, body in [("the owner sets up the empty site from the home page", owner_sets_up_the_site),
                           ("a reader subscribes, confirmed through the SMTP server", reader_subscribes),
                           ("the owner writes a post with an image", owner_writes_with_an_image),
                           ("the preview is the server's rendering, image and all", preview_renders_it),
                           ("the post is scheduled a few seconds ahead and not shown before", schedule_it),
                           ("at its time it is on the home page", on_the_home_page_at_its_time),
                           ("and in the feed, read by feedparser", in_the_feed),
                           ("and the newsletter reaches the subscriber through SMTP", newsletter_in_the_mailbox),
                           ("the letter's like link asks, then likes the post", like_from_the_letter),
                           ("deleting a post asks first", delete_asks_first),
                           ("no serious or critical accessibility violations", no_accessibility_violations)]:
            checks.run(name, body)
            if checks.failed and name.startswith("the owner sets up"):
                break
    except Exception as error:  # noqa: BLE001 - a failed start is one failure, reported
        print(f"FAIL: start: {error}")
        if checks is None:
            print("journey: 0 passed, 1 failed")
            return 1
        checks.failed += 1
    finally:
        if driver is not None:
            driver.quit()
        stop(server, timeout=10)
        sink.stop()
    print(f"journey: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
