#!/usr/bin/env python3
"""Measures "N more comments..." opened in place against opening the same slice as a page, in
headless Chromium, on a running site:

    PARLEY_URL=http://127.0.0.1:8080 python3 scripts/measure-inplace.py [/p/SLUG] [RUNS]

In place: from the click to the fetched cards being in the page (a MutationObserver). As a page:
the navigation's start to its load event. Prints both medians and every run; asserts nothing.
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "browser"))
from post_page_test import BASE, make_driver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

CLICK_TO_CARDS = """
  const done = arguments[arguments.length - 1];
  const before = document.querySelectorAll('article.comment').length;
  const start = performance.now();
  const watch = new MutationObserver(() => {
    if (document.querySelectorAll('article.comment').length > before) { watch.disconnect(); done(performance.now() - start); }
  });
  watch.observe(document.querySelector('.discussion'), {childList: true, subtree: true});
  document.querySelector('a.more-comments').click();
"""


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/p/software-for-one"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    driver = make_driver()
    driver.set_script_timeout(20)
    in_place, as_page = [], []
    try:
        for _ in range(max(1, min(runs, 50))):
            driver.get(BASE + path)
            assert driver.find_elements(By.CSS_SELECTOR, "a.more-comments"), f"{path} has no 'N more comments...'"
            in_place.append(driver.execute_async_script(CLICK_TO_CARDS))
            driver.get(BASE + path + "/comments")
            as_page.append(driver.execute_script(
                "const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime"))
    finally:
        driver.quit()
    print(f"in place, click to cards: median {statistics.median(in_place):.0f} ms, runs {[round(x) for x in in_place]}")
    print(f"as a page, navigation to load: median {statistics.median(as_page):.0f} ms, runs {[round(x) for x in as_page]}")


if __name__ == "__main__":
    main()
