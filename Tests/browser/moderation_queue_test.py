#!/usr/bin/env python3
"""Real-browser test of the moderation queue: headless Chromium (Debian's) driven by Selenium.

Run it like post_page_test.py (scripts/test does, after it, against the same `parley serve
--demo`): PARLEY_URL names the server. The demo owner makes the publication hold every
comment in /dashboard/settings/moderation; the demo reader writes three comments, which are
held; the owner makes the reader a moderator in /dashboard/members; the reader, now a
moderator, opens the queue and works it with the keyboard only: j moves to a comment (with a
visible focus), a approves it and r rejects the next, each in place (the item leaves the list,
the tab's count follows, the page does not reload), and a key typed in a field does nothing.
Every staff page it opens is checked with axe-core (no serious or critical violation).
Screenshots go to ARTIFACTS (default ./artifacts): moderation-queue.png among them.

Prints "moderation: N passed, N failed" and exits non-zero on any failure.
"""
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from post_page_test import BASE, Checks, make_driver  # noqa: E402  (shares the driver, the checks and axe)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402

OWNER_EMAIL = os.environ.get("PARLEY_DEMO_OWNER_EMAIL", "editor@parley.example")
READER_EMAIL = os.environ.get("PARLEY_DEMO_EMAIL", "reader@parley.example")
PASSWORD = os.environ.get("PARLEY_DEMO_PASSWORD", "parley-demo")


def main():
    driver = make_driver()
    checks = Checks(driver)
    state = {}

    def sign_in(email, next_path):
        driver.delete_all_cookies()
        driver.get(BASE + "/sign-in?next=" + urllib.parse.quote(next_path, safe=""))
        driver.find_element(By.CSS_SELECTOR, "details.password-sign-in > summary").click()
        checks.css("form.sign-in-form #sign-in-password-email").send_keys(email)
        driver.find_element(By.CSS_SELECTOR, "#sign-in-password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, ".sign-in-form button[type=submit]").click()
        # "/" is a prefix of the sign-in page itself: wait until it is gone.
        checks.wait.until(lambda d: "/sign-in" not in d.current_url
                          and d.current_url.startswith(BASE + next_path.split("?")[0]))

    def press(key):
        ActionChains(driver).send_keys(key).perform()

    def items():
        return driver.find_elements(By.CSS_SELECTOR, ".queue-item")

    def held_count():
        return int(driver.find_element(By.CSS_SELECTOR, '.queue-tabs a[aria-current="page"] .count').text)

    try:
        def owner_holds_every_comment():
            sign_in(OWNER_EMAIL, "/dashboard/settings/moderation")
            checks.css("#modset-policy-every").click()
            driver.find_element(By.CSS_SELECTOR, ".moderation-settings button[type=submit]").click()
            assert "Saved." in checks.css(".moderation-settings .notice").text
            for path in ("/dashboard/moderation", "/dashboard/audit", "/dashboard/members"):
                driver.get(BASE + path)   # audited on load
            row = [r for r in driver.find_elements(By.CSS_SELECTOR, ".members-admin tbody tr") if READER_EMAIL in r.text]
            assert row, "the demo reader is not on the members page"
            state["reader_id"] = row[0].find_element(By.CSS_SELECTOR, "a").get_attribute("href").rsplit("/", 1)[-1]
            driver.get(BASE + f"/dashboard/members/{state['reader_id']}/ban")
            assert checks.css("#ban-reason").get_attribute("required") is not None

        def reader_comments_are_held():
            sign_in(READER_EMAIL, "/")
            href = driver.find_element(By.CSS_SELECTOR, ".post-list a.post-link").get_attribute("href")
            state["post"] = href
            driver.get(href)
            action = checks.css("#composer").get_attribute("action")
            stamp = int(time.time())
            state["texts"] = [f"Held for the queue {stamp} number {n}" for n in (1, 2, 3)]
            for text in state["texts"]:
                status = driver.execute_async_script(
                    """const [action, text, done] = arguments;
                    const token = document.querySelector('meta[name="csrf-token"]').content;
                    fetch(action, {method: "POST", body: new URLSearchParams({body: text, _csrf: token}),
                                   headers: {"Accept": "application/json", "X-CSRF-Token": token}})
                      .then(r => done(r.status), () => done(0));""", action, text)
                assert status == 201, f"posting a comment answered {status}"

        def owner_makes_the_reader_a_moderator():
            sign_in(OWNER_EMAIL, "/dashboard/members?q=reader")
            select = checks.css(f"#role-{state['reader_id']}")
            select.find_element(By.CSS_SELECTOR, "option[value=moderator]").click()
            select.find_element(By.XPATH, "./ancestor::form//button").click()
            assert "Role saved." in checks.css(".members-admin .notice").text

        def moderator_works_the_queue_with_the_keyboard():
            sign_in(READER_EMAIL, "/dashboard/moderation?tab=held")
            checks.css(".queue-item")
            driver.execute_script("window.queueNoReload = true")
            texts = [item.text for item in items()]
            for text in state["texts"]:
                assert any(text in t for t in texts), f"{text!r} is not in the held tab"
            help_line = checks.css(".keyboard-help").text
            assert "j next" in help_line and "a approve" in help_line and "r reject" in help_line, help_line
            before_items, before_count = len(items()), held_count()
            checks.shot("moderation-queue")

            press("j")
            first = driver.switch_to.active_element
            assert "queue-item" in first.get_attribute("class"), "j did not move to a comment"
            outline = driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", first)
            assert outline not in ("none", ""), f"the current comment has no visible focus ({outline})"
            approved_id = first.get_attribute("data-comment-id")
            press("j")
            press("k")
            assert driver.switch_to.active_element.get_attribute("data-comment-id") == approved_id, "k did not go back"

            press("a")
            checks.wait.until(lambda d: not d.find_elements(By.ID, "q-" + approved_id))
            checks.wait.until(lambda d: "Approved." in d.find_element(By.CSS_SELECTOR, ".queue-status").text)
            assert held_count() == before_count - 1

            # A key typed in a field is text, not a command.
            current = driver.switch_to.active_element
            rejected_id = current.get_attribute("data-comment-id")
            assert rejected_id, "the focus did not move to the next comment"
            field = driver.find_element(By.ID, f"reason-reject-{rejected_id}")
            field.send_keys("ar")
            time.sleep(0.5)
            assert len(items()) == before_items - 1, "a key typed in a field acted"
            assert field.get_attribute("value") == "ar"
            field.clear()

            driver.execute_script("arguments[0].focus()", driver.find_element(By.ID, "q-" + rejected_id))
            press("r")
            checks.wait.until(lambda d: not d.find_elements(By.ID, "q-" + rejected_id))
            checks.wait.until(lambda d: "Rejected." in d.find_element(By.CSS_SELECTOR, ".queue-status").text)
            assert held_count() == before_count - 2
            assert driver.execute_script("return window.queueNoReload") is True, "the page reloaded"
            checks.shot("moderation-queue-worked")

            driver.get(BASE + "/dashboard/moderation?tab=approved")
            assert checks.css("#q-" + approved_id)
            driver.get(BASE + "/dashboard/moderation?tab=removed")
            assert checks.css("#q-" + rejected_id)
            driver.get(BASE + "/dashboard/moderation?tab=held")
            driver.get(BASE + "/dashboard/moderation?tab=reported")

        def moderator_bans_and_unbans_a_member():
            driver.get(state["post"])
            links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".comment a.comment-author, .comment a[href*='/members/']")]
            others = [href for href in links if href and not href.endswith("/" + state["reader_id"]) and "/avatar" not in href]
            assert others, "no other member's comment on the post"
            member_id = others[0].rstrip("/").rsplit("/", 1)[-1]
            driver.get(BASE + f"/members/{member_id}")
            checks.css(".staff-ban a.button").click()
            checks.css("#ban-reason").send_keys("Testing the ban form")
            driver.find_element(By.CSS_SELECTOR, "#ban-duration-1d").click()
            driver.find_element(By.CSS_SELECTOR, ".ban-page button[type=submit]").click()
            section = checks.css(".staff-ban")
            assert "Banned until" in section.text and "Testing the ban form" in section.text, section.text
            checks.accessibility.audit()
            section.find_element(By.CSS_SELECTOR, "form button").click()
            checks.wait.until(lambda d: "The ban was lifted." in d.find_element(By.CSS_SELECTOR, ".staff-ban").text)

        def no_accessibility_violations():
            found = checks.accessibility.findings
            assert checks.accessibility.audited > 0, "axe ran on no page"
            print(f"axe: {checks.accessibility.audited} page loads audited, {len(found)} serious or critical violation(s)")
            assert not found, "serious or critical accessibility violations:\n" + "\n".join(found)

        for name, body in [("the owner holds every comment", owner_holds_every_comment),
                           ("the reader's comments are held", reader_comments_are_held),
                           ("the owner makes the reader a moderator", owner_makes_the_reader_a_moderator),
                           ("a moderator works the queue with the keyboard", moderator_works_the_queue_with_the_keyboard),
                           ("a moderator bans a member for a day, then lifts it", moderator_bans_and_unbans_a_member),
                           ("no serious or critical accessibility violations on the staff pages", no_accessibility_violations)]:
            checks.run(name, body)
            if checks.failed:
                break
    finally:
        driver.quit()
    print(f"moderation: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
