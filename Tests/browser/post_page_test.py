#!/usr/bin/env python3
"""Real-browser test of the post page: headless Chromium (Debian's) driven by Selenium.

Starts nothing itself: run it with PARLEY_URL pointing at a server started with --demo and
no SMTP server (scripts/test does that), PARLEY_DATA naming that server's data folder (its
mail is written to PARLEY_DATA/mail as .eml files) and PARLEY_SERVER_LOG its log (where each
sign-in link is logged). Opens a demo post, checks the spec's texts, signs in with a password,
comments, replies, likes, reloads and sees it all again, and checks a refused comment keeps
its text; reports a comment, mutes its author, and as the demo's owner opens a post's
discussion settings. Then joins as a new reader through an emailed sign-in link, sees the used link
refused, and uploads an avatar in /settings (and a text file that is refused).
Screenshots go to ARTIFACTS (default ./artifacts).

Every page it visits, signed out and signed in, is checked with axe-core (the accessibility
engine PyPI's axe-selenium-python bundles) in the same browser: after each page load and at
the end of each step. Any serious or critical violation is printed and fails the run.

Prints a closing line "N passed, N failed" and exits non-zero on any failure.
"""
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
import urllib.parse
import zlib

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never go online

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from axe_selenium_python import Axe

BASE = os.environ.get("PARLEY_URL", "http://127.0.0.1:8080").rstrip("/")
ARTIFACTS = os.environ.get("ARTIFACTS", "artifacts")
READER_EMAIL = os.environ.get("PARLEY_DEMO_EMAIL", "reader@parley.example")
READER_PASSWORD = os.environ.get("PARLEY_DEMO_PASSWORD", "parley-demo")
EDITOR_EMAIL = os.environ.get("PARLEY_DEMO_EDITOR", "editor@parley.example")   # the demo's owner
DATA = os.environ.get("PARLEY_DATA", "")               # the server's data folder: mail lands in DATA/mail
SERVER_LOG = os.environ.get("PARLEY_SERVER_LOG", "")   # the server's log: sign-in links are logged there
MAIL_TIMEOUT = 20                                      # seconds for a sign-in mail to be written
FAILING_IMPACTS = ("serious", "critical")              # axe findings that fail the run


def tiny_png(width=12, height=12, rgb=(210, 70, 40)):
    """A valid PNG of one colour, made with zlib and struct."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def sign_in_link_for(address):
    """The sign-in link mailed to `address`: from the newest .eml to it under DATA/mail, checked
    against the line the server logged. Waits up to MAIL_TIMEOUT seconds."""
    assert DATA and SERVER_LOG, "set PARLEY_DATA and PARLEY_SERVER_LOG to the server's data folder and log (scripts/test does)"
    deadline = time.monotonic() + MAIL_TIMEOUT
    while True:
        for path in sorted(glob.glob(os.path.join(DATA, "mail", "*.eml")), reverse=True):
            with open(path, "rb") as handle:
                message = email.message_from_bytes(handle.read(), policy=email.policy.default)
            if address not in str(message.get("To", "")):
                continue
            body = message.get_body(preferencelist=("plain",))
            match = re.search(r"https?://\S+?/sign-in/link\?token=[A-Za-z0-9_\-]+", body.get_content() if body else "")
            assert match, f"{path} has no sign-in link"
            link = match.group(0)
            with open(SERVER_LOG, "r", encoding="utf-8", errors="replace") as handle:
                log = handle.read()
            assert f"Sign-in link for {address}" in log and link in log, f"the server log does not hold the link to {address}"
            return link
        assert time.monotonic() < deadline, f"no .eml to {address} under {DATA}/mail within {MAIL_TIMEOUT} s"
        time.sleep(0.25)


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1100,1600", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Accessibility:
    """Runs axe-core on the page the browser shows and keeps its serious and critical findings."""

    def __init__(self, driver):
        self.driver = driver
        self.audited = 0
        self.findings = []   # one line per violation and page, with the offending elements

    def audit(self):
        url = self.driver.current_url
        if not url.startswith(BASE):
            return
        signed_in = bool(self.driver.find_elements(By.CSS_SELECTOR, ".site-header .viewer"))
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        self.audited += 1
        where = f"{url.replace(BASE, '') or '/'} ({'signed in' if signed_in else 'signed out'})"
        for violation in results["violations"]:
            if violation.get("impact") not in FAILING_IMPACTS:
                continue
            targets = "; ".join(f"{' '.join(node['target'])}: {node['html'][:120]}" for node in violation["nodes"][:5])
            finding = f"{where}: {violation['impact']} {violation['id']}: {violation['help']} -- {targets}"
            if finding not in self.findings:
                self.findings.append(finding)
                print(f"axe: {finding}")


class Checks:
    def __init__(self, driver):
        self.driver = driver
        # An element read while its page is being replaced goes stale: read it again.
        self.wait = WebDriverWait(driver, 10, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException])
        self.passed = 0
        self.failed = 0
        self.accessibility = Accessibility(driver)
        # Every page load is audited: wrap the driver's own get.
        load = driver.get

        def get_and_audit(url):
            load(url)
            self.accessibility.audit()
        driver.get = get_and_audit

    def run(self, name, body):
        try:
            body()
            # Pages reached by a click or a form are audited where the step ends.
            self.accessibility.audit()
            self.passed += 1
            print(f"ok: {name}")
        except Exception:  # noqa: BLE001 - every failure is reported, then the next check runs
            self.failed += 1
            print(f"FAIL: {name}")
            traceback.print_exc()
            self.shot("failure-" + name.replace(" ", "-")[:40])

    def shot(self, name):
        os.makedirs(ARTIFACTS, exist_ok=True)
        self.driver.save_screenshot(os.path.join(ARTIFACTS, name + ".png"))

    def css(self, selector):
        return self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, selector)))

    def text_of_page(self):
        return self.driver.find_element(By.TAG_NAME, "body").text


def main():
    driver = make_driver()
    checks = Checks(driver)
    state = {}
    try:
        def open_demo_post():
            driver.get(BASE + "/")
            posts = driver.find_elements(By.CSS_SELECTOR, ".post-list a.post-link")
            assert posts, "the home page lists no posts"
            # The post with the biggest discussion shows the preview and "N more comments...".
            counts = [(int(a.text.split()[0]) if a.text.split()[0].isdigit() else 0, a.get_attribute("href"))
                      for a in driver.find_elements(By.CSS_SELECTOR, ".post-meta a")]
            href = max(counts)[1].replace("/comments", "")
            state["post"] = href
            driver.get(href)
            checks.css(".discussion")
            body = checks.text_of_page()
            for text in ("Discussion about this post", "More from", "Ready for more?"):
                assert text in body, f"missing {text!r}"
            assert "more comments..." in body, "no 'N more comments...' link on a big discussion"
            avatars = driver.find_elements(By.CSS_SELECTOR, ".comment img.avatar")
            assert avatars and all(a.get_attribute("alt").endswith("'s avatar") for a in avatars)
            assert driver.find_elements(By.CSS_SELECTOR, ".comment time[datetime]")
            assert driver.find_elements(By.CSS_SELECTOR, "footer.subscribe-footer input[type=email]")
            checks.shot("post-page")

        def sign_in(address=READER_EMAIL):
            driver.get(BASE + "/sign-in?next=" + state["post"].replace(BASE, ""))
            # The password form is folded under "Or sign in with a password"; the link form comes first.
            checks.css("form.sign-in-link-form #sign-in-email")
            assert not driver.find_element(By.CSS_SELECTOR, "#sign-in-password").is_displayed(), "the password form is not folded"
            summary = driver.find_element(By.CSS_SELECTOR, "details.password-sign-in > summary")
            assert summary.text.strip() == "Or sign in with a password", summary.text
            summary.click()
            checks.css("form.sign-in-form #sign-in-password-email").send_keys(address)
            driver.find_element(By.CSS_SELECTOR, "#sign-in-password").send_keys(READER_PASSWORD)
            driver.find_element(By.CSS_SELECTOR, ".sign-in-form button[type=submit]").click()
            checks.wait.until(lambda d: d.current_url.startswith(state["post"]))
            viewer = checks.css(".composer img.avatar")
            assert viewer.get_attribute("alt") == "User's avatar"

        def comment_without_reload():
            marker = f"Browser comment {int(time.time())}"
            state["comment"] = marker
            box = checks.css("#composer-body")
            box.send_keys(marker)
            driver.execute_script("window.parleyNoReload = true")
            driver.find_element(By.CSS_SELECTOR, "#composer button[type=submit]").click()
            checks.wait.until(lambda d: marker in d.find_element(By.CSS_SELECTOR, ".comment-list").text)
            assert driver.execute_script("return window.parleyNoReload") is True, "the page reloaded"

        def refused_comment_keeps_text():
            box = checks.css("#composer-body")
            box.clear()
            box.send_keys("   ")
            driver.find_element(By.CSS_SELECTOR, "#composer button[type=submit]").click()
            # The browser's own required-field check or the server's message: either way nothing is lost.
            long_text = "x" * 5001
            driver.execute_script("document.querySelector('#composer-body').removeAttribute('maxlength');"
                                  "document.querySelector('#composer-body').value = arguments[0];", long_text)
            driver.find_element(By.CSS_SELECTOR, "#composer button[type=submit]").click()
            # The message of the blank try may still show: wait for the one about the length.
            checks.wait.until(lambda d: "too long" in " ".join(e.text for e in d.find_elements(By.CSS_SELECTOR, "#composer .field-error")))
            assert driver.find_element(By.CSS_SELECTOR, "#composer-body").get_attribute("value") == long_text
            driver.execute_script("document.querySelector('#composer-body').value = ''")

        def reply_inline():
            card = driver.find_element(By.XPATH, f"//article[contains(@class,'comment')][.//p[contains(., '{state['comment']}')]]")
            state["comment_id"] = card.get_attribute("data-comment-id")
            card.find_element(By.CSS_SELECTOR, ".reply-link").click()
            box = checks.css(f"#reply-{state['comment_id']} textarea")
            box.send_keys("A reply from the browser")
            driver.find_element(By.CSS_SELECTOR, f"#reply-{state['comment_id']} button[type=submit]").click()
            checks.wait.until(lambda d: "A reply from the browser" in d.find_element(By.ID, f"comment-{state['comment_id']}").text)

        def like_and_reload():
            card = driver.find_element(By.ID, f"comment-{state['comment_id']}")
            button = card.find_element(By.CSS_SELECTOR, ":scope > .comment-main > .comment-content .like-button")
            button.click()
            checks.wait.until(lambda d: button.get_attribute("aria-pressed") == "true")
            assert button.find_element(By.CSS_SELECTOR, ".like-count").text == "1"
            driver.get(BASE + f"/p/{state['post'].rsplit('/', 1)[1]}/comment/{state['comment_id']}")
            card = checks.css(f"#comment-{state['comment_id']}")
            assert state["comment"] in card.text and "A reply from the browser" in card.text
            pressed = card.find_element(By.CSS_SELECTOR, ":scope > .comment-main > .comment-content .like-button")
            assert pressed.get_attribute("aria-pressed") == "true"
            assert "marked" in card.get_attribute("class")
            checks.shot("after-reload")

        def full_discussion_sorts():
            driver.get(state["post"] + "/comments?sort=new")
            checks.css(".sort-switch")
            first = driver.find_element(By.CSS_SELECTOR, ".comment-list > article.comment")
            assert state["comment"] in first.text, "the newest comment is not first under Newest"
            assert driver.find_elements(By.CSS_SELECTOR, "a.next-page"), "no next page on a big discussion"

        def report_and_mute():
            # Another member's comment on the post: Report opens its form (no JavaScript needed).
            driver.get(state["post"])
            # In the card's menu (a closed <details>): present, not shown until the menu opens.
            link = checks.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".comment .report-link")))
            card = driver.find_element(By.XPATH, "//article[contains(@class,'comment')][.//a[contains(@class,'report-link')]]")
            author_href = card.find_element(By.CSS_SELECTOR, ".comment-author").get_attribute("href")
            driver.get(link.get_attribute("href"))                 # audited on load
            assert checks.css("h1").text == "Report a comment"
            driver.find_element(By.CSS_SELECTOR, "input[name=reason][value=other]").click()
            driver.find_element(By.CSS_SELECTOR, ".report-form button[type=submit]").click()
            # "Something else" needs words: the server says so, with the choice kept
            assert checks.css("#report-text-error").text == "This field is required."
            assert driver.find_element(By.CSS_SELECTOR, "input[name=reason][value=other]").is_selected()
            checks.accessibility.audit()
            driver.find_element(By.CSS_SELECTOR, "input[name=reason][value=spam]").click()
            driver.find_element(By.CSS_SELECTOR, ".report-form button[type=submit]").click()
            checks.wait.until(lambda d: "we received your report" in d.find_element(By.TAG_NAME, "main").text)
            checks.accessibility.audit()
            # Mute the author from their page: their comments fold for this reader
            driver.get(author_href)
            checks.css(".mute-form button").click()
            checks.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".mute-form button").text == "Unmute")
            driver.get(state["post"])
            summary = checks.css("details.muted-comment > summary")
            assert summary.text == "Comment by a muted member", summary.text
            checks.shot("muted")
            driver.get(author_href)
            checks.css(".mute-form button").click()
            checks.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".mute-form button").text == "Mute")

        def staff_pages():
            driver.delete_all_cookies()
            sign_in(EDITOR_EMAIL)
            post_path = urllib.parse.urlsplit(state["post"]).path
            driver.get(state["post"])
            assert driver.find_elements(By.CSS_SELECTOR, ".comment .moderation-form"), "no staff buttons on the cards"
            checks.css(".discussion-settings-link a").click()
            checks.wait.until(lambda d: urllib.parse.urlsplit(d.current_url).path == post_path + "/discussion")
            assert checks.css("h1").text == "Who can join this discussion"
            checks.accessibility.audit()
            driver.find_element(By.CSS_SELECTOR, "#auto-close-days").send_keys("0")
            driver.execute_script("document.querySelector('#auto-close-days').removeAttribute('min')")
            driver.find_element(By.CSS_SELECTOR, ".discussion-settings button[type=submit]").click()
            checks.css("#auto-close-error")
            checks.accessibility.audit()
            checks.shot("discussion-settings")

        def header_avatar():
            return driver.find_element(By.CSS_SELECTOR, ".site-header .viewer img.avatar")

        def sign_in_by_link():
            driver.delete_all_cookies()                      # a reader who never signed in here
            address = f"new-reader-{int(time.time())}@example.com"
            name = "Nova Newreader"
            post_path = urllib.parse.urlsplit(state["post"]).path
            driver.get(BASE + "/sign-in?next=" + post_path)
            checks.css("form.sign-in-link-form #sign-in-email").send_keys(address)
            driver.find_element(By.CSS_SELECTOR, "form.sign-in-link-form button[type=submit]").click()
            checks.wait.until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Check your email")
            assert address in checks.text_of_page(), "the answer does not name the address"
            link = sign_in_link_for(address)
            assert link.startswith(BASE + "/sign-in/link?token="), f"the link {link!r} does not point at {BASE}"
            state["link"] = link
            driver.get(link)
            checks.css("#new-member-name").send_keys(name)
            button = driver.find_element(By.CSS_SELECTOR, "form.sign-in-link-use button[type=submit]")
            assert button.text.strip() == "Join and sign in", button.text
            button.click()
            checks.wait.until(lambda d: urllib.parse.urlsplit(d.current_url).path == post_path)
            viewer = checks.css(".site-header .viewer-name")
            assert viewer.text == name, f"the header shows {viewer.text!r}"
            state["new_reader"] = (address, name)
            checks.shot("sign-in-by-link")

        def used_link_refused():
            assert state.get("link"), "no sign-in link"
            driver.get(state["link"])
            heading = checks.css("h1")
            assert heading.text == "This sign-in link was already used", heading.text
            checks.shot("sign-in-link-used")

        def settings_avatar():
            assert state.get("new_reader"), "the new reader did not sign in"
            address, name = state["new_reader"]
            driver.get(BASE + "/settings")
            assert checks.css("h1").text == "Settings"
            assert driver.find_element(By.CSS_SELECTOR, "#settings-name").get_attribute("value") == name
            before = header_avatar().get_attribute("src")
            assert before.endswith("/avatar.svg"), f"a new reader's avatar is {before!r}, not the generated one"
            folder = tempfile.mkdtemp(prefix="parley-browser-")
            picture = os.path.join(folder, "me.png")
            with open(picture, "wb") as handle:
                handle.write(tiny_png())
            driver.find_element(By.CSS_SELECTOR, "input#settings-avatar").send_keys(picture)
            driver.find_element(By.CSS_SELECTOR, "form[action='/settings/avatar'] button[type=submit]").click()
            uploaded = re.compile(r"/members/(\d+)/avatar/[^/?#]+$")

            def new_avatar(d):
                # The page is replaced under us by the upload's redirect: an element read from the
                # old page may be gone by the time its attribute is asked for; look again.
                try:
                    src = header_avatar().get_attribute("src")
                except WebDriverException:
                    return None
                return src if uploaded.search(src or "") else None
            after = checks.wait.until(new_avatar)
            assert after != before
            member_id = uploaded.search(after).group(1)
            assert before.endswith(f"/members/{member_id}/avatar.svg"), f"{before!r} and {after!r} name different members"
            checks.wait.until(lambda d: d.execute_script(
                "const i = document.querySelector('.site-header .viewer img.avatar'); return i.complete && i.naturalWidth > 0"))
            assert "Saved." in checks.text_of_page(), "no 'Saved.' after the upload"
            # A text file named .png: the type comes from the bytes.
            fake = os.path.join(folder, "not-a-picture.png")
            with open(fake, "w", encoding="utf-8") as handle:
                handle.write("This is plain text, not a PNG.\n")
            driver.find_element(By.CSS_SELECTOR, "input#settings-avatar").send_keys(fake)
            driver.find_element(By.CSS_SELECTOR, "form[action='/settings/avatar'] button[type=submit]").click()
            error = checks.css("#settings-avatar-error")
            assert error.text == "Upload a PNG, JPEG, WebP or GIF image.", error.text
            assert header_avatar().get_attribute("src") == after, "a refused upload changed the avatar"
            checks.shot("settings")
            driver.get(BASE + f"/members/{member_id}")
            assert name in checks.css("main").text, "the member page does not show the new reader's name"

        def reader_pages(signed_in):
            slug_path = urllib.parse.urlsplit(state["post"]).path
            pages = ["/", slug_path, slug_path + "/comments", "/subscribe", "/no-such-page"]
            pages += ["/settings"] if signed_in else ["/sign-in"]
            for path in pages:
                driver.get(BASE + path)      # audited on load
            header = driver.find_elements(By.CSS_SELECTOR, ".site-header .viewer")
            assert bool(header) == signed_in, f"expected to be signed {'in' if signed_in else 'out'}"

        def pages_signed_out():
            reader_pages(signed_in=False)

        def pages_signed_in():
            assert state.get("new_reader"), "the new reader did not sign in"
            reader_pages(signed_in=True)

        def no_accessibility_violations():
            found = checks.accessibility.findings
            assert checks.accessibility.audited > 0, "axe ran on no page"
            print(f"axe: {checks.accessibility.audited} page loads audited, {len(found)} serious or critical violation(s)")
            assert not found, "serious or critical accessibility violations:\n" + "\n".join(found)

        for name, body in [("demo post page shows the spec's texts", open_demo_post),
                           ("the reader's pages, signed out", pages_signed_out),
                           ("sign in with the demo reader", sign_in),
                           ("comment without a reload", comment_without_reload),
                           ("refused comment keeps its text", refused_comment_keeps_text),
                           ("reply in place", reply_inline),
                           ("like, reload, still there", like_and_reload),
                           ("full discussion sorts newest first", full_discussion_sorts),
                           ("report a comment, mute and unmute its author", report_and_mute),
                           ("staff: buttons on cards and the discussion settings page", staff_pages),
                           ("sign in by an emailed link as a new reader", sign_in_by_link),
                           ("a used sign-in link is refused", used_link_refused),
                           ("settings: upload an avatar, refuse a text file", settings_avatar),
                           ("the reader's pages, signed in", pages_signed_in),
                           ("no serious or critical accessibility violations on any page", no_accessibility_violations)]:
            checks.run(name, body)
            if name.startswith("demo post") and checks.failed:
                break
    finally:
        try:
            driver.get(state.get("post", BASE + "/"))
            checks.shot("post-page-final")
        except Exception:  # noqa: BLE001
            pass
        driver.quit()
    print(f"browser: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
