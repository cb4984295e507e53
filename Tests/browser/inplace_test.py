#!/usr/bin/env python3
"""Real-browser test of the discussion in place: headless Chromium (Debian's) driven by Selenium,
against a `parley serve --demo` it starts itself on a data folder of its own.

    python3 Tests/browser/inplace_test.py PATH_TO_PARLEY_BINARY

On the demo's biggest discussion, signed out: "N more comments..." opens the full discussion's
first page in the post page, without a reload and without changing the address, with exactly
the cards the server's own /comments page shows; "N more replies" opens its replies in place,
the same ones its own page shows; a permalink of a card opened in place goes to that comment,
and Back (and a reload) returns to the post page with every slice open again and the reader where
they were.
Signed in as the demo reader: a comment is posted, edited in place (Escape cancels; saving
shows the new text, marked edited, with an @mention linking the member's page, and a reload
shows the same), and a reply to a card opened in place appears under it. Then `parley token add`
(run as a process against the running site) prints the reader a token, alone on standard output,
and refuses an unknown member; /settings lists the token (name, created, never used) and Revoke
ends it, through the page's form.

Every page is checked with axe-core (axe-selenium-python) after each load and each step; a
serious or critical violation fails the run. Screenshots go to ARTIFACTS (default ./artifacts).
Prints "inplace: N passed, N failed" and exits non-zero on any failure.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parley_server import free_port, start, stop  # noqa: E402

READER_EMAIL = "reader@parley.example"
PASSWORD = "parley-demo"
MENTIONED = "Kenji Morimoto"   # a member of the demo's cast


def card_ids(html):
    """The ids of the comment cards in a page's HTML, in order."""
    return [int(n) for n in re.findall(r'data-comment-id="(\d+)"', html)]


def main():
    binary = os.path.abspath(sys.argv[1])
    folder = tempfile.mkdtemp(prefix="parley-inplace-browser-")
    port = free_port()
    os.environ["PARLEY_URL"] = f"http://127.0.0.1:{port}"
    # The shared helpers read PARLEY_URL when imported.
    from post_page_test import Checks, By, EC, make_driver  # noqa: E402
    base = os.environ["PARLEY_URL"]
    log = open(os.path.join(folder, "server.log"), "wb")
    server = start(binary, port, ["--demo", "--data", os.path.join(folder, "data"), "--form-min-seconds", "0"], log)
    driver = make_driver()
    checks = Checks(driver)
    state = {}

    def server_page(path):
        with urllib.request.urlopen(base + path, timeout=10) as response:
            return response.read().decode("utf-8")

    def ids_on_page():
        return [int(e.get_attribute("data-comment-id")) for e in driver.find_elements(By.CSS_SELECTOR, "article.comment")]

    def root_ids():
        return [int(e.get_attribute("data-comment-id")) for e in driver.find_elements(By.CSS_SELECTOR, ".comment-list > article.comment")]

    def no_reload_marker():
        driver.execute_script("window.parleyNoReload = true")

    def not_reloaded():
        return driver.execute_script("return window.parleyNoReload") is True

    try:
        def more_comments_in_place():
            driver.get(base + "/")
            counts = [(int(a.text.split()[0]) if a.text.split()[0].isdigit() else 0, a.get_attribute("href"))
                      for a in driver.find_elements(By.CSS_SELECTOR, ".post-meta a")]
            post = max(counts)[1].replace("/comments", "")
            state["post"] = post
            state["path"] = post.replace(base, "")
            driver.get(post)
            before = ids_on_page()
            roots = root_ids()
            link = checks.css("a.more-comments")
            assert link.get_attribute("href") == post + "/comments", link.get_attribute("href")
            no_reload_marker()
            link.click()
            checks.wait.until(lambda d: len(ids_on_page()) > len(before))
            assert not_reloaded(), "the page reloaded"
            assert driver.current_url == post, f"the address changed to {driver.current_url}"
            # Exactly the cards the server's own page shows, the preview's first
            expected = card_ids(server_page(state["path"] + "/comments"))
            shown = ids_on_page()
            assert root_ids()[:len(roots)] == roots, "the preview's comments moved"
            assert sorted(shown) == sorted(expected), f"in place {len(shown)} cards, the page {len(expected)}"
            # The reader goes on from the first card it brought, and the next page is offered in place too
            focused = driver.switch_to.active_element
            first_new = next(i for i in shown if i not in before)
            assert focused.get_attribute("data-comment-id") == str(first_new), "focus is not on the first new card"
            assert driver.find_elements(By.CSS_SELECTOR, ".discussion a.next-page"), "no 'More comments' after the first page"
            assert not driver.find_elements(By.CSS_SELECTOR, "a.more-comments")
            checks.shot("inplace-more-comments")

        def more_replies_in_place():
            link = checks.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".discussion a.more-replies")))
            card = link.find_element(By.XPATH, "ancestor::article[contains(@class,'comment')][1]")
            card_id = card.get_attribute("data-comment-id")
            href = link.get_attribute("href")
            state["replies_of"], state["replies_href"] = card_id, href
            before = set(ids_on_page())
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
            no_reload_marker()
            link.click()
            checks.wait.until(lambda d: len(set(ids_on_page()) - before) > 0)
            assert not_reloaded(), "the page reloaded"
            # The same replies the comment's own page shows under it
            own = server_page(href.replace(base, "").split("#")[0])
            start = own.index(f'id="comment-{card_id}"')
            expected = set(card_ids(own[start:])) - {int(card_id)}
            under = {int(e.get_attribute("data-comment-id"))
                     for e in driver.find_elements(By.CSS_SELECTOR, f"#comment-{card_id} article.comment")}
            missing = expected - under
            assert not missing, f"replies of {card_id} not opened in place: {sorted(missing)}"
            state["opened"] = set(ids_on_page())
            state["scroll"] = driver.execute_script("return window.scrollY")
            checks.shot("inplace-more-replies")

        def permalink_then_back():
            added = sorted(state["opened"] - set(card_ids(server_page(state["path"]))))
            target = driver.find_element(By.ID, f"comment-{added[-1]}")
            permalink = target.find_element(By.CSS_SELECTOR, ":scope > .comment-main > .comment-content a.permalink-link")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", permalink)
            time.sleep(0.5)   # the scroll position is kept a moment after scrolling stops
            state["scroll"] = driver.execute_script("return window.scrollY")
            permalink.click()
            checks.wait.until(lambda d: f"/comment/{added[-1]}" in d.current_url)
            marked = checks.css(f"#comment-{added[-1]}")
            assert "marked" in marked.get_attribute("class")
            checks.accessibility.audit()
            driver.back()
            checks.wait.until(lambda d: d.current_url == state["post"])
            # Every slice opened before is open again, and the reader is where they were
            checks.wait.until(lambda d: state["opened"] <= set(ids_on_page()))
            checks.wait.until(lambda d: abs(d.execute_script("return window.scrollY") - state["scroll"]) < 80)
            checks.shot("inplace-back")
            # A reload is a new page, not one kept by the browser: the script opens the slices itself
            no_reload_marker()
            driver.refresh()
            checks.wait.until(lambda d: not not_reloaded())
            checks.wait.until(lambda d: state["opened"] <= set(ids_on_page()))
            checks.wait.until(lambda d: abs(d.execute_script("return window.scrollY") - state["scroll"]) < 80)

        def sign_in():
            driver.get(base + "/sign-in?next=" + state["path"])
            driver.find_element(By.CSS_SELECTOR, "details.password-sign-in > summary").click()
            checks.css("form.sign-in-form #sign-in-password-email").send_keys(READER_EMAIL)
            driver.find_element(By.CSS_SELECTOR, "#sign-in-password").send_keys(PASSWORD)
            driver.find_element(By.CSS_SELECTOR, ".sign-in-form button[type=submit]").click()
            checks.wait.until(lambda d: "/sign-in" not in d.current_url and d.current_url.startswith(state["post"]))
            checks.css(".composer img.avatar")

        def edit_in_place():
            marker = f"In place {int(time.time())}"
            checks.css("#composer-body").send_keys(marker)
            no_reload_marker()
            driver.find_element(By.CSS_SELECTOR, "#composer button[type=submit]").click()
            card = checks.wait.until(lambda d: d.find_element(
                By.XPATH, f"//div[@class='comment-body'][contains(., '{marker}')]/ancestor::article[1]"))
            comment_id = card.get_attribute("data-comment-id")
            state["mine"] = comment_id

            def open_editor():
                driver.find_element(By.CSS_SELECTOR, f"#comment-{comment_id} details.comment-menu > summary").click()
                driver.find_element(By.CSS_SELECTOR, f"#comment-{comment_id} a.edit-link").click()
                return checks.css(f"#edit-{comment_id} textarea")
            # Escape leaves the comment as it was
            box = open_editor()
            assert box.get_attribute("value") == marker, box.get_attribute("value")
            assert driver.switch_to.active_element == box, "the edit box does not have the focus"
            box.send_keys(" and more")
            box.send_keys("\ue00c")   # Escape
            checks.wait.until(lambda d: not d.find_elements(By.ID, f"edit-{comment_id}"))
            body = driver.find_element(By.CSS_SELECTOR, f"#comment-{comment_id} .comment-body")
            assert body.is_displayed() and body.text == marker
            # Saving shows the new text in the card, marked edited, the mention linked
            box = open_editor()
            box.send_keys(f" thanks to @{MENTIONED}")
            checks.accessibility.audit()
            driver.find_element(By.CSS_SELECTOR, f"#edit-{comment_id} button[type=submit]").click()
            checks.wait.until(lambda d: not d.find_elements(By.ID, f"edit-{comment_id}"))
            assert not_reloaded(), "the page reloaded"
            card = driver.find_element(By.ID, f"comment-{comment_id}")
            body = card.find_element(By.CSS_SELECTOR, ".comment-body")
            assert body.text == f"{marker} thanks to @{MENTIONED}", body.text
            assert "edited" in card.find_element(By.CSS_SELECTOR, ".comment-meta").text
            mention = body.find_element(By.CSS_SELECTOR, "a.mention")
            assert mention.text == f"@{MENTIONED}" and re.search(r"/members/\d+$", mention.get_attribute("href"))
            checks.shot("inplace-edited")
            driver.get(f"{state['post']}/comment/{comment_id}")
            body = checks.css(f"#comment-{comment_id} .comment-body")
            assert body.text == f"{marker} thanks to @{MENTIONED}", body.text
            href = body.find_element(By.CSS_SELECTOR, "a.mention").get_attribute("href")
            driver.get(href)
            assert MENTIONED in checks.css("main h1").text, "the mention does not link the member's page"

        def reply_under_card_opened_in_place():
            driver.get(state["post"])
            no_reload_marker()
            checks.css("a.more-comments").click()
            preview = set(card_ids(server_page(state["path"])))
            checks.wait.until(lambda d: len(set(ids_on_page()) - preview) > 1)
            opened = [i for i in ids_on_page() if i not in preview]
            parent = driver.find_element(By.ID, f"comment-{opened[-1]}")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", parent)
            parent.find_element(By.CSS_SELECTOR, ":scope > .comment-main > .comment-content .reply-link").click()
            checks.css(f"#reply-{opened[-1]} textarea").send_keys("A reply under a card opened in place")
            driver.find_element(By.CSS_SELECTOR, f"#reply-{opened[-1]} button[type=submit]").click()
            reply = checks.wait.until(lambda d: d.find_element(
                By.XPATH, "//div[@class='comment-body'][contains(., 'A reply under a card opened in place')]/ancestor::article[1]"))
            attached = reply.find_element(By.XPATH, "ancestor::article[contains(@class,'comment')][1]").get_attribute("id")
            assert attached == f"comment-{opened[-1]}", f"the reply went under {attached}"
            assert not_reloaded(), "the page reloaded"
            checks.shot("inplace-reply")

        def token_cli_and_settings():
            data = os.path.join(folder, "data")
            made = subprocess.run([binary, "token", "add", "--email", READER_EMAIL, "--name", "Browser test bot", "--data", data],
                                  capture_output=True, text=True, timeout=60)
            assert made.returncode == 0, made.stderr
            token = made.stdout.strip()
            assert re.fullmatch(r"parley_[A-Za-z0-9_-]{43}", token), f"stdout is not the token alone: {made.stdout!r}"
            assert "shown only this once" in made.stderr, made.stderr
            refused = subprocess.run([binary, "token", "add", "--email", "nobody@example.com", "--data", data],
                                     capture_output=True, text=True, timeout=60)
            assert refused.returncode != 0 and "--email names no member" in refused.stderr, refused.stderr
            driver.get(base + "/settings")
            item = checks.wait.until(lambda d: d.find_element(
                By.XPATH, "//li[contains(@class,'api-token')][.//strong[text()='Browser test bot']]"))
            assert "Created " in item.text and "Never used" in item.text, item.text
            assert token not in driver.page_source, "the token itself is on the page"
            checks.shot("inplace-tokens")
            item.find_element(By.CSS_SELECTOR, ".revoke-token-form button").click()
            checks.wait.until(lambda d: "saved=tokens" in d.current_url)
            assert "Token revoked" in checks.css("#tokens-heading ~ .notice, section[aria-labelledby=tokens-heading] .notice").text
            item = driver.find_element(By.XPATH, "//li[contains(@class,'api-token')][.//strong[text()='Browser test bot']]")
            assert "Revoked " in item.text and not item.find_elements(By.CSS_SELECTOR, "form"), item.text

        def no_accessibility_violations():
            assert checks.accessibility.audited > 0, "no page was audited"
            assert not checks.accessibility.findings, "\n".join(checks.accessibility.findings)

        for name, body in [("N more comments... opens the first page in place", more_comments_in_place),
                           ("N more replies opens its replies in place", more_replies_in_place),
                           ("a permalink, then Back: slices open again, same place", permalink_then_back),
                           ("sign in as the demo reader", sign_in),
                           ("Edit edits in place; Escape cancels; the mention links", edit_in_place),
                           ("a reply under a card opened in place appears under it", reply_under_card_opened_in_place),
                           ("parley token add, then /settings lists and revokes it", token_cli_and_settings),
                           ("no serious or critical accessibility violations", no_accessibility_violations)]:
            checks.run(name, body)
    finally:
        driver.quit()
        stop(server)
        log.close()
        if not checks.failed:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"inplace: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
