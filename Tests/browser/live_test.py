#!/usr/bin/env python3
"""Real-browser test of live updates on the post page (live.js, docs/LIVE.md).

Usage: live_test.py PATH-TO-parley
Starts its own `parley serve --demo` on a fresh data folder on loopback, opens a demo post in
headless Chromium (signed out), and changes the discussion from another client signed in as
the demo reader, over HTTP, as a second browser would: a new comment waits behind a
"1 new comment" button without moving the page, and appears when the button is pressed; a like
count, an edit and a deletion change the page in place. The page with the button is checked
with axe-core (serious or critical findings fail). Every wait is bounded; the server is stopped
at the end. Prints "N passed, N failed" and exits non-zero on any failure.
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never go online

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from axe_selenium_python import Axe

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parley_server import stop  # noqa: E402

ARTIFACTS = os.environ.get("ARTIFACTS", "artifacts")
FAILING_IMPACTS = ("serious", "critical")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """The other reader: cookies kept by hand (they are Secure, and this is loopback http)."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def send(self, path, fields=None, json_reply=False):
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        request = urllib.request.Request(self.base + path, data=data, method="POST" if data is not None else "GET")
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if data is not None:
            request.add_header("Origin", self.base)
        if json_reply:
            request.add_header("Accept", "application/json")
            request.add_header("X-CSRF-Token", self.cookies.get("__Host-parley_csrf", ""))
        try:
            response = urllib.request.build_opener(NoRedirect).open(request, timeout=10)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        body = response.read().decode()
        return response.status, (json.loads(body) if json_reply and body else body)

    def sign_in(self, email, password):
        _, page = self.send("/sign-in")
        form = page[page.index('class="sign-in-form"'):]
        form = form[:form.index("</form>")]
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        fields.update(email=email, password=password)
        status, _ = self.send("/sign-in", fields)
        assert status == 303, f"sign-in answered {status}"


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1100,1600", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    binary = sys.argv[1]
    os.makedirs(ARTIFACTS, exist_ok=True)
    data = tempfile.mkdtemp(prefix="parley-live-browser-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(ARTIFACTS, "live-server.log"), "w")
    server = subprocess.Popen([binary, "serve", "--demo", "--data", data, "--port", str(port), "--form-min-seconds", "0"],
                              stdout=log, stderr=log)
    passed = failed = 0
    driver = None

    def check(name, condition):
        nonlocal passed, failed
        if condition:
            passed += 1
            print(f"ok: {name}")
        else:
            failed += 1
            print(f"FAIL: {name}")
            if driver:
                driver.save_screenshot(os.path.join(ARTIFACTS, f"live-fail-{failed}.png"))

    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                assert server.poll() is None, "the server exited"
                time.sleep(0.2)
        other = Client(base)
        _, home = other.send("/")
        slug = re.search(r'href="/p/([^"/#?]+)"', home).group(1)
        other.sign_in("reader@parley.example", "parley-demo")

        driver = make_driver()
        wait = WebDriverWait(driver, 10, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException])
        driver.get(f"{base}/p/{slug}")
        section = driver.find_element(By.CSS_SELECTOR, ".discussion[data-live-url]")
        check("the post page's discussion names its live stream", section.get_attribute("data-live-url").startswith("/live/"))
        first = driver.find_element(By.CSS_SELECTOR, ".comment-list > article.comment")
        first_id = first.get_attribute("data-comment-id")
        # Give the page's EventSource a moment to connect before the discussion changes.
        time.sleep(1.5)
        driver.execute_script("window.scrollTo(0, 400)")
        before = driver.execute_script("return window.scrollY")

        status, created = other.send(f"/p/{slug}/comments", {"body": "Arrived while you were reading"}, json_reply=True)
        check("the other reader's comment is posted", status == 201)
        new_id = str(created["id"])
        button = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "button.live-new"))
        check("a button says one new comment waits", wait.until(lambda d: button.text == "1 new comment"))
        check("the page did not move, and the comment is not inserted yet",
              driver.execute_script("return window.scrollY") == before and not driver.find_elements(By.ID, f"comment-{new_id}"))
        axe = Axe(driver)
        axe.inject()
        serious = [v for v in axe.run()["violations"] if v.get("impact") in FAILING_IMPACTS]
        for violation in serious:
            print(f"axe: {violation['id']}: {violation['help']}")
        check("axe finds nothing serious with the button shown", not serious)

        button.click()
        card = wait.until(lambda d: d.find_element(By.ID, f"comment-{new_id}"))
        check("pressing the button inserts the comment's card", "Arrived while you were reading" in card.text)
        check("the button is gone once the comments are shown", not driver.find_elements(By.CSS_SELECTOR, "button.live-new"))
        check("the keyboard is at the new comment", driver.switch_to.active_element.get_attribute("id") == f"comment-{new_id}")

        status, liked = other.send(f"/p/{slug}/comment/{first_id}/like", {}, json_reply=True)
        count = str(liked.get("count")) if isinstance(liked, dict) else "?"
        check("a like from elsewhere changes the count in place", wait.until(
            lambda d: d.find_element(By.CSS_SELECTOR, f"#comment-{first_id} > .comment-main .like-count").text == count))

        status, _ = other.send(f"/p/{slug}/comment/{new_id}/edit", {"body": "Arrived, and *edited*"}, json_reply=True)
        check("an edit changes the text in place", wait.until(
            lambda d: "Arrived, and edited" in d.find_element(By.CSS_SELECTOR, f"#comment-{new_id} .comment-body").text))

        status, _ = other.send(f"/p/{slug}/comment/{new_id}/delete", {}, json_reply=True)
        check("a deletion takes the card away", wait.until(lambda d: not d.find_elements(By.ID, f"comment-{new_id}")))
        driver.save_screenshot(os.path.join(ARTIFACTS, "live.png"))
    except Exception:
        traceback.print_exc()
        failed += 1
    finally:
        if driver:
            driver.quit()
        stop(server)
        subprocess.run(["rm", "-rf", data])
    print(f"live-browser: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
