#!/usr/bin/env python3
"""Real-browser test of the writer's audience pages: headless Chromium (Debian's) driven by Selenium.

Run it like post_page_test.py (scripts/test does, after it, against the same `parley serve
--demo`): PARLEY_URL names the server. The demo owner opens the dashboard's home, the
imports pasted addresses "confirmed elsewhere" (refused at the attestation checkbox until it
is ticked, keeping what was typed), finds them in the subscriber list by search, source and
status, opens one imported
subscriber and removes it, sees the demo reader's subscription on the reader's page, and opens
the figures, whose four charts are SVG drawn by the server, each beside its table. Every page
is checked with axe-core (no serious or critical violation). Screenshots go to ARTIFACTS
(default ./artifacts): dashboard-home.png, subscribers.png, subscriber-import-refused.png and
figures.png (the whole page) among them.

Prints "audience: N passed, N failed" and exits non-zero on any failure.
"""
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from post_page_test import BASE, Checks, make_driver  # noqa: E402  (shares the driver, the checks and axe)

from selenium.webdriver.common.by import By  # noqa: E402

OWNER_EMAIL = os.environ.get("PARLEY_DEMO_OWNER_EMAIL", "editor@parley.example")
READER_EMAIL = os.environ.get("PARLEY_DEMO_EMAIL", "reader@parley.example")
PASSWORD = os.environ.get("PARLEY_DEMO_PASSWORD", "parley-demo")


def main():
    driver = make_driver()
    checks = Checks(driver)
    stamp = int(time.time())
    imported = [f"imported-{stamp}-{n}@example.com" for n in (1, 2)]

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

    try:
        def home_at_a_glance():
            sign_in(OWNER_EMAIL, "/dashboard")
            cards = driver.find_elements(By.CSS_SELECTOR, ".glance-card")
            assert len(cards) == 3, f"{len(cards)} cards"
            text = checks.text_of_page()
            assert "published" in text and "active subscriber" in text and "in the last 7 days" in text, text
            checks.shot("dashboard-home")

        def subscriber_list_filters():
            driver.get(BASE + "/dashboard/subscribers")
            rows = driver.find_elements(By.CSS_SELECTOR, ".subscribers-table tbody tr")
            assert len(rows) >= 2, "the imported addresses are not on the list"
            checks.shot("subscribers")
            driver.find_element(By.CSS_SELECTOR, "#subscribers-source option[value=import-confirmed]").click()
            checks.css("#subscribers-q").send_keys(f"imported-{stamp}")
            driver.find_element(By.CSS_SELECTOR, ".filter-form button[type=submit]").click()
            checks.wait.until(lambda d: "source=import-confirmed" in d.current_url)
            emails = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".subscribers-table tbody tr a")]
            assert sorted(emails) == sorted(imported), emails
            driver.find_element(By.CSS_SELECTOR, "#subscribers-status option[value=pending]").click()
            driver.find_element(By.CSS_SELECTOR, ".filter-form button[type=submit]").click()
            checks.wait.until(lambda d: "status=pending" in d.current_url)
            assert "No subscribers match." in checks.text_of_page()

        def import_needs_the_attestation():
            driver.get(BASE + "/dashboard/subscribers/import")
            checks.css("#import-addresses").send_keys("\n".join(imported))
            driver.find_element(By.CSS_SELECTOR, "#import-mode-confirmed").click()
            driver.find_element(By.CSS_SELECTOR, "#import-note").send_keys("From the browser test")
            driver.find_element(By.CSS_SELECTOR, ".import-form button[type=submit]").click()
            error = checks.css("#import-attest-error")
            assert "required" in error.text, error.text
            assert checks.css("#import-addresses").get_attribute("value").strip() == "\n".join(imported)
            assert driver.find_element(By.CSS_SELECTOR, "#import-mode-confirmed").is_selected()
            checks.shot("subscriber-import-refused")
            driver.find_element(By.CSS_SELECTOR, "#import-attest").click()
            driver.find_element(By.CSS_SELECTOR, ".import-form button[type=submit]").click()
            notice = checks.css(".subscribers .notice")
            assert "the new addresses are active subscribers" in notice.text, notice.text

        def imported_subscriber_removed():
            driver.get(BASE + "/dashboard/subscribers?q=" + urllib.parse.quote(imported[0]))
            checks.css(".subscribers-table tbody tr a").click()
            checks.wait.until(lambda d: "/dashboard/subscribers/" in d.current_url)
            facts = checks.css(".subscriber-facts").text
            assert "Import (confirmed elsewhere)" in facts and "Active" in facts, facts
            driver.find_element(By.CSS_SELECTOR, ".danger-zone button[type=submit]").click()
            notice = checks.css(".subscribers .notice")
            assert "The subscriber was taken off the list" in notice.text, notice.text
            driver.get(BASE + "/dashboard/audit?action=remove_subscriber")
            assert imported[0] in checks.text_of_page()

        def reader_subscription_on_member_page():
            driver.get(BASE + "/dashboard/members?q=" + urllib.parse.quote(READER_EMAIL))
            checks.css(".members-admin tbody tr a").click()
            section = checks.css(".staff-subscription")
            assert "Newsletter" in section.text, section.text

        def figures_are_svg_with_tables():
            driver.get(BASE + "/dashboard/figures?period=30d")
            charts = driver.find_elements(By.CSS_SELECTOR, ".figure svg.chart")
            assert len(charts) == 4, f"{len(charts)} charts"
            for chart in charts:
                size = chart.size
                assert size["width"] > 200 and size["height"] > 40, size
                assert chart.get_attribute("role") == "img"
            tables = driver.find_elements(By.CSS_SELECTOR, ".figure .figure-table table")
            assert len(tables) == 4, f"{len(tables)} tables"
            assert len(driver.find_elements(By.CSS_SELECTOR, ".line-chart circle")) == 30
            driver.set_window_size(1100, 3000)
            checks.shot("figures")
            driver.set_window_size(1100, 1600)
            driver.set_window_size(390, 1600)   # a phone: the table goes under the chart
            checks.shot("figures-phone")
            driver.set_window_size(1100, 1600)

        def no_accessibility_violations():
            found = checks.accessibility.findings
            assert checks.accessibility.audited > 0, "axe ran on no page"
            print(f"axe: {checks.accessibility.audited} page loads audited, {len(found)} serious or critical violation(s)")
            assert not found, "serious or critical accessibility violations:\n" + "\n".join(found)

        for name, body in [("the owner sees the dashboard's home", home_at_a_glance),
                           ("an import confirmed elsewhere needs the attestation", import_needs_the_attestation),
                           ("the subscriber list searches and filters", subscriber_list_filters),
                           ("an imported subscriber is removed", imported_subscriber_removed),
                           ("staff see the reader's subscription on the reader's page", reader_subscription_on_member_page),
                           ("the figures are SVG charts with tables", figures_are_svg_with_tables),
                           ("no serious or critical accessibility violations on the audience pages", no_accessibility_violations)]:
            checks.run(name, body)
            if checks.failed:
                break
    finally:
        driver.quit()
    print(f"audience: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
