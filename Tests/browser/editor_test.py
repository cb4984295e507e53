#!/usr/bin/env python3
"""Real-browser test of the writer's editor: headless Chromium (Debian's) driven by Selenium.

Starts nothing itself: run it with PARLEY_URL pointing at a server started with --demo and
--form-min-seconds 0, and PARLEY_DATA naming its data folder (mail is written to
PARLEY_DATA/mail as .eml files when no SMTP server is configured). As the demo's owner it
opens the posts list, writes a new post (autosaved to the server, the address becoming the
post's own), watches the live preview, uploads an image into the body, loses the connection
and gets its typing back from the browser, sees a second tab's save refused with a warning,
schedules the post a few seconds ahead, and sees it on the home page, in the feed, and the
newsletter in a subscriber's mailbox when its time comes.
Screenshots go to ARTIFACTS (default ./artifacts); every page is audited with axe-core, and a
serious or critical violation fails the run.

Prints a closing line "editor: N passed, N failed" and exits non-zero on any failure.
"""
import datetime
import email
import email.policy
import glob
import os
import re
import struct
import sys
import tempfile
import time
import traceback
import zlib

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never go online

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from axe_selenium_python import Axe

BASE = os.environ.get("PARLEY_URL", "http://127.0.0.1:8080").rstrip("/")
ARTIFACTS = os.environ.get("ARTIFACTS", "artifacts")
EDITOR_EMAIL = os.environ.get("PARLEY_DEMO_EDITOR", "editor@parley.example")  # the demo's owner
PASSWORD = os.environ.get("PARLEY_DEMO_PASSWORD", "parley-demo")
DATA = os.environ.get("PARLEY_DATA", "")
FAILING_IMPACTS = ("serious", "critical")
TITLE = f"Written in a browser {int(time.time())}"


def tiny_png(width=16, height=10, rgb=(40, 120, 200)):
    """A valid PNG of one colour, made with zlib and struct."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1400,1500", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Checks:
    def __init__(self, driver):
        self.driver = driver
        self.wait = WebDriverWait(driver, 15, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException])
        self.passed = 0
        self.failed = 0
        self.audited = 0
        self.findings = []

    def audit(self):
        if not self.driver.current_url.startswith(BASE):
            return
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        self.audited += 1
        where = self.driver.current_url.replace(BASE, "") or "/"
        for violation in results["violations"]:
            if violation.get("impact") not in FAILING_IMPACTS:
                continue
            targets = "; ".join(f"{' '.join(node['target'])}: {node['html'][:120]}" for node in violation["nodes"][:5])
            finding = f"{where}: {violation['impact']} {violation['id']}: {violation['help']} -- {targets}"
            if finding not in self.findings:
                self.findings.append(finding)
                print(f"axe: {finding}")

    def get(self, path):
        self.driver.get(BASE + path)
        self.audit()

    def run(self, name, body):
        try:
            body()
            self.audit()
            self.passed += 1
            print(f"ok: {name}")
        except Exception:  # noqa: BLE001 - every failure is reported, then the next check runs
            self.failed += 1
            print(f"FAIL: {name}")
            traceback.print_exc()
            self.shot("editor-failure-" + name.replace(" ", "-")[:40])

    def shot(self, name):
        os.makedirs(ARTIFACTS, exist_ok=True)
        self.driver.save_screenshot(os.path.join(ARTIFACTS, name + ".png"))

    def css(self, selector):
        return self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, selector)))

    def status_says(self, words, timeout=15):
        WebDriverWait(self.driver, timeout).until(
            lambda d: words in d.find_element(By.CSS_SELECTOR, ".autosave-status").text,
            f"the status line never said {words!r}")


def mail_with_subject(words, timeout, to=""):
    """The first .eml under DATA/mail whose subject holds `words` (and sent to `to`), waiting up to `timeout` s."""
    assert DATA, "set PARLEY_DATA to the server's data folder"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in glob.glob(os.path.join(DATA, "mail", "*.eml")):
            with open(path, "rb") as handle:
                message = email.message_from_bytes(handle.read(), policy=email.policy.default)
            if words in str(message.get("Subject", "")) and to in str(message.get("To", "")):
                return message
        time.sleep(0.5)
    raise AssertionError(f"no mail about {words!r} under {DATA}/mail within {timeout} s")


def main():
    driver = make_driver()
    checks = Checks(driver)
    state = {}

    def type_into(selector, text):
        field = checks.css(selector)
        field.send_keys(text)
        return field

    try:
        def sign_in():
            checks.get("/sign-in?next=/dashboard/posts")
            driver.find_element(By.CSS_SELECTOR, "details.password-sign-in > summary").click()
            checks.css("#sign-in-password-email").send_keys(EDITOR_EMAIL)
            driver.find_element(By.CSS_SELECTOR, "#sign-in-password").send_keys(PASSWORD)
            driver.find_element(By.CSS_SELECTOR, ".sign-in-form button[type=submit]").click()
            checks.wait.until(lambda d: "/dashboard/posts" in d.current_url)
            checks.audit()

        def posts_list():
            checks.get("/dashboard/posts?state=published")
            rows = driver.find_elements(By.CSS_SELECTOR, ".posts-table tbody tr")
            assert rows, "the demo's published posts are not listed"
            tabs = driver.find_element(By.CSS_SELECTOR, "nav.queue-tabs").text
            for tab in ("Drafts", "Scheduled", "Published"):
                assert tab in tabs, f"no {tab} tab"
            checks.shot("editor-posts-list")

        def two_new_posts_keep_their_copies():
            copies = "return Object.keys(localStorage).filter(k => k.startsWith('parley-editor:new:'))" \
                     ".map(k => localStorage.getItem(k)).join('\\n');"
            first = driver.current_window_handle
            checks.get("/dashboard/posts/new")
            type_into("#editor-body", "Words only the first tab has.")
            checks.wait.until(lambda d: "only the first tab" in d.execute_script(copies), "the first tab kept no copy")
            driver.switch_to.new_window("tab")
            checks.get("/dashboard/posts/new")
            # The other tab's unsaved copy is offered here too.
            assert "Unsaved changes from this browser were put back." in driver.find_element(By.TAG_NAME, "body").text
            type_into("#editor-title", f"Second tab {int(time.time())}")
            checks.status_says("All changes saved.")
            checks.wait.until(lambda d: d.current_url.endswith("/edit"), "the second tab's post was not made")
            driver.close()
            driver.switch_to.window(first)
            # The second tab's first save deleted only its own copy: the first tab's is still there.
            assert "only the first tab" in driver.execute_script(copies), "the first tab's copy was deleted by the second"
            driver.execute_script("Object.keys(localStorage).filter(k => k.startsWith('parley-editor:new:'))"
                                  ".forEach(k => localStorage.removeItem(k));")

        def write_and_autosave():
            checks.get("/dashboard/posts/new")
            type_into("#editor-title", TITLE)
            type_into("#editor-subtitle", "With a picture")
            type_into("#editor-body", "The first paragraph, with **bold** words.\n\n")
            checks.status_says("All changes saved.")
            checks.wait.until(lambda d: "/dashboard/posts/" in d.current_url and d.current_url.endswith("/edit"),
                              "the address did not become the post's own")
            state["edit"] = driver.current_url
            checks.wait.until(lambda d: "<strong>bold</strong>" in d.find_element(By.CSS_SELECTOR, ".preview-body").get_attribute("innerHTML"),
                              "the live preview did not render the body")

        def upload_image():
            path = os.path.join(tempfile.mkdtemp(), "picture.png")
            with open(path, "wb") as handle:
                handle.write(tiny_png())
            driver.find_element(By.CSS_SELECTOR, "#editor-image").send_keys(path)
            driver.find_element(By.CSS_SELECTOR, ".image-upload button[type=submit]").click()
            checks.status_says("Image uploaded.")
            body = driver.find_element(By.CSS_SELECTOR, "#editor-body").get_attribute("value")
            assert "](/uploads/" in body, body
            checks.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".preview-body img[src^='/uploads/']"),
                              "the preview does not show the image")
            checks.status_says("All changes saved.")
            checks.shot("editor-with-image")

        def offline_typing_is_kept():
            driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
            try:
                type_into("#editor-body", "Typed while the connection was gone.")
                checks.status_says("Offline")
            finally:
                driver.set_network_conditions(offline=False, latency=0, download_throughput=-1, upload_throughput=-1)
            # Opened again before the browser could resend: the server has the older text, the browser the newer.
            driver.execute_script("window.stop();")
            checks.get(state["edit"].replace(BASE, ""))
            checks.css(".notice")
            assert "Unsaved changes from this browser were put back." in driver.find_element(By.TAG_NAME, "body").text
            body = driver.find_element(By.CSS_SELECTOR, "#editor-body").get_attribute("value")
            assert "Typed while the connection was gone." in body, body
            # A save, and the page is in step with the server again.
            driver.find_element(By.CSS_SELECTOR, "button[value=save]").click()
            checks.css(".notice[role=status]")
            assert "Draft saved." in driver.find_element(By.TAG_NAME, "body").text

        def expired_session_typing_is_kept():
            checks.get(state["edit"].replace(BASE, ""))
            driver.delete_cookie("__Host-parley_session")
            type_into("#editor-body", "\nTyped after the session ended.")
            checks.status_says("You are signed out")
            sign_in()
            checks.get(state["edit"].replace(BASE, ""))
            checks.css(".notice")
            assert "Unsaved changes from this browser were put back." in driver.find_element(By.TAG_NAME, "body").text
            body = driver.find_element(By.CSS_SELECTOR, "#editor-body").get_attribute("value")
            assert "Typed after the session ended." in body, body
            driver.find_element(By.CSS_SELECTOR, "button[value=save]").click()
            checks.css(".notice[role=status]")
            assert "Draft saved." in driver.find_element(By.TAG_NAME, "body").text

        def second_tab_is_warned():
            first = driver.current_window_handle
            driver.switch_to.new_window("tab")
            checks.get(state["edit"].replace(BASE, ""))
            type_into("#editor-subtitle", " (second tab)")
            checks.status_says("All changes saved.")
            driver.close()
            driver.switch_to.window(first)
            type_into("#editor-subtitle", " (first tab)")
            checks.status_says("changed in another tab")
            checks.shot("editor-two-tabs")

        def reader_subscribes():
            # In a second browser profile's stead: signed out in a new tab is enough, the form asks only an address.
            address = f"subscriber-{int(time.time())}@example.com"
            state["subscriber"] = address
            driver.delete_all_cookies()
            checks.get("/")
            checks.css("#subscribe-email").send_keys(address)
            driver.find_element(By.CSS_SELECTOR, ".subscribe-form button[type=submit]").click()
            message = mail_with_subject("", timeout=20, to=address)
            body = message.get_body(preferencelist=("plain",))
            link = re.search(r"https?://\S+?/subscribe/confirm\?token=[A-Za-z0-9_\-]+", body.get_content() if body else "")
            assert link, "the confirmation mail has no link"
            driver.get(link.group(0))
            checks.css("main form button[type=submit]").click()
            checks.wait.until(lambda d: "subscribed" in d.find_element(By.TAG_NAME, "h1").text.lower(), "the confirmation was not taken")
            sign_in()

        def schedule_and_publish():
            checks.get(state["edit"].replace(BASE, ""))
            # The first tab's words, kept in this browser after the warning, are put back: the writer lets them go.
            for discard in driver.find_elements(By.XPATH, "//button[normalize-space()='Discard them']"):
                discard.click()
            when = datetime.datetime.now() + datetime.timedelta(seconds=8)
            field = checks.css("#editor-publish_at")
            driver.execute_script("arguments[0].value = arguments[1];", field, when.strftime("%Y-%m-%dT%H:%M:%S"))
            driver.find_element(By.CSS_SELECTOR, "button[value=schedule]").click()
            checks.css(".notice[role=status]")
            assert "Scheduled." in driver.find_element(By.TAG_NAME, "body").text
            checks.shot("editor-scheduled")
            checks.get("/")
            assert TITLE not in driver.find_element(By.TAG_NAME, "body").text, "shown before its time"
            deadline = time.monotonic() + 40
            while TITLE not in driver.find_element(By.TAG_NAME, "body").text:
                assert time.monotonic() < deadline, "the scheduled post never reached the home page"
                time.sleep(1)
                driver.get(BASE + "/")
            checks.audit()
            driver.get(BASE + "/feed")
            assert TITLE in driver.page_source, "the published post is not in the feed"
            checks.get("/dashboard/posts?state=published")
            deadline = time.monotonic() + 20
            while TITLE not in driver.find_element(By.TAG_NAME, "body").text:
                assert time.monotonic() < deadline, "the scheduler did not move the post to Published"
                time.sleep(1)
                driver.get(BASE + "/dashboard/posts?state=published")

        def mailed_to_subscribers():
            message = mail_with_subject(TITLE, timeout=60, to=state["subscriber"])
            body = message.get_body(preferencelist=("plain",))
            assert "bold" in (body.get_content() if body else ""), "the newsletter lacks the post's words"

        def no_accessibility_violations():
            assert checks.audited > 0, "axe ran on no page"
            print(f"axe: {checks.audited} page loads audited, {len(checks.findings)} serious or critical violation(s)")
            assert not checks.findings, "serious or critical accessibility violations:\n" + "\n".join(checks.findings)

        for name, body in [("sign in as the demo's owner", sign_in),
                           ("the posts list with its tabs", posts_list),
                           ("two tabs writing new posts keep each other's unsaved copies", two_new_posts_keep_their_copies),
                           ("write a new post: autosaved, its own address, live preview", write_and_autosave),
                           ("upload an image into the body", upload_image),
                           ("typing offline is kept in the browser and put back", offline_typing_is_kept),
                           ("typing after the session expired is kept and put back after signing in", expired_session_typing_is_kept),
                           ("a second tab's save makes the first tab warn", second_tab_is_warned),
                           ("a reader subscribes, confirming by the emailed link", reader_subscribes),
                           ("schedule a few seconds ahead: on the home page and in the feed at its time", schedule_and_publish),
                           ("the newsletter reaches a subscriber's mailbox", mailed_to_subscribers),
                           ("no serious or critical accessibility violations on any page", no_accessibility_violations)]:
            checks.run(name, body)
            if name.startswith("sign in") and checks.failed:
                break
    finally:
        try:
            if state.get("edit"):
                driver.get(state["edit"])
                checks.shot("editor-final")
        except Exception:  # noqa: BLE001
            pass
        driver.quit()
    print(f"editor: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
