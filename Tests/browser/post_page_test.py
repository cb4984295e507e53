#!/usr/bin/env python3
"""Real-browser test of the post page: headless Chromium (Debian's) driven by Selenium.

Starts nothing itself: run it with PARLEY_URL pointing at a server started with --demo
(scripts/test does that). Opens a demo post, checks the spec's texts, signs in, comments,
replies, likes, reloads and sees it all again, and checks a refused comment keeps its text.
Screenshots go to ARTIFACTS (default ./artifacts).

Prints a closing line "N passed, N failed" and exits non-zero on any failure.
"""
import os
import sys
import time
import traceback

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never go online

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("PARLEY_URL", "http://127.0.0.1:8080").rstrip("/")
ARTIFACTS = os.environ.get("ARTIFACTS", "artifacts")
READER_EMAIL = os.environ.get("PARLEY_DEMO_EMAIL", "reader@parley.example")
READER_PASSWORD = os.environ.get("PARLEY_DEMO_PASSWORD", "parley-demo")


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1100,1600", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Checks:
    def __init__(self, driver):
        self.driver = driver
        self.wait = WebDriverWait(driver, 10)
        self.passed = 0
        self.failed = 0

    def run(self, name, body):
        try:
            body()
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

        def sign_in():
            driver.get(BASE + "/sign-in?next=" + state["post"].replace(BASE, ""))
            checks.css("#sign-in-email").send_keys(READER_EMAIL)
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
            error = checks.css("#composer .field-error")
            assert "too long" in error.text, error.text
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

        for name, body in [("demo post page shows the spec's texts", open_demo_post),
                           ("sign in with the demo reader", sign_in),
                           ("comment without a reload", comment_without_reload),
                           ("refused comment keeps its text", refused_comment_keeps_text),
                           ("reply in place", reply_inline),
                           ("like, reload, still there", like_and_reload),
                           ("full discussion sorts newest first", full_discussion_sorts)]:
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
