#!/usr/bin/env python3
"""The JSON API's reference page, /api, in a real headless Chromium against `parley serve --demo`.

The page is made by the server from /api/openapi.json: every operation of the document must be
on it, it must load nothing from another origin, and axe-core must find nothing serious or
critical (every page load is audited, as in post_page_test). A screenshot goes to ARTIFACTS.

    PARLEY_URL=http://127.0.0.1:PORT python3 Tests/browser/api_reference_test.py

Prints `ok: NAME` or `FAIL: NAME` per check, then "api-reference: N passed, M failed".
"""
import json
import os
import sys
import urllib.request

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never go online

from selenium.webdriver.common.by import By

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from post_page_test import BASE, Checks, make_driver  # noqa: E402 - the same browser, axe audit and screenshots


def main():
    with urllib.request.urlopen(BASE + "/api/openapi.json", timeout=15) as response:
        document = json.load(response)
    driver = make_driver()
    checks = Checks(driver)
    try:
        def every_operation():
            driver.get(BASE + "/api")
            assert checks.css("article.api-reference h1").text == "API reference"
            for path, item in document["paths"].items():
                for method, operation in item.items():
                    heading = checks.css(f"#op-{operation['operationId'].lower()}")
                    assert f"{method.upper()} /api/v1{path}" in heading.text, heading.text
            checks.shot("api-reference")
        checks.run("/api lists every operation of the document", every_operation)

        def same_origin_only():
            sources = [e.get_attribute("src") for e in driver.find_elements(By.CSS_SELECTOR, "[src]")]
            sources += [e.get_attribute("href") for e in driver.find_elements(By.CSS_SELECTOR, "link[href]")]
            foreign = [s for s in sources if s and not s.startswith(BASE)]
            assert not foreign, foreign
            link = driver.find_element(By.CSS_SELECTOR, "a[href='/api/openapi.json']")
            assert link.text
        checks.run("/api loads nothing from another origin and links the document", same_origin_only)
    finally:
        driver.quit()
    for finding in checks.accessibility.findings:
        print(f"FAIL: accessibility: {finding}")
    failed = checks.failed + len(checks.accessibility.findings)
    print(f"api-reference: {checks.passed} passed, {failed} failed")
    return 1 if failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
