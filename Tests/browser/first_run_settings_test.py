#!/usr/bin/env python3
"""Real-browser test of the first run and the publication settings: headless Chromium (Debian's)
driven by Selenium, against a `parley serve` it starts itself on an empty data folder.

    python3 Tests/browser/first_run_settings_test.py PATH_TO_PARLEY_BINARY

A browser on the server's own machine opens the home page of a site with no owner: it is the
usual page ("No posts") with the setup form. The owner is created and the publication named;
the settings page opens with a welcome. A bad accent colour is refused next to its field with
what was typed kept; then the settings are saved (accent colour, footer, about page, sender
name, reply-to, embed origins) and a logo uploaded. The home page then wears the accent (the
subscribe button's colour), the footer line and the about link; /about shows the Markdown.

Every page is checked with axe-core (axe-selenium-python) after each load and each step; a
serious or critical violation fails the run. Screenshots go to ARTIFACTS (default ./artifacts).
Prints a closing line "N passed, N failed" and exits non-zero on any failure.
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parley_server import free_port, start, stop  # noqa: E402


def main():
    binary = os.path.abspath(sys.argv[1])
    folder = tempfile.mkdtemp(prefix="parley-first-run-browser-")
    port = free_port()
    os.environ["PARLEY_URL"] = f"http://127.0.0.1:{port}"
    # The shared helpers read PARLEY_URL when imported.
    from post_page_test import Checks, By, make_driver, tiny_png  # noqa: E402
    base = os.environ["PARLEY_URL"]
    log = open(os.path.join(folder, "server.log"), "wb")
    server = start(binary, port, ["--data", os.path.join(folder, "data"), "--form-min-seconds", "0"], log)
    driver = make_driver()
    checks = Checks(driver)
    try:
        def first_run_form():
            driver.get(base + "/")
            body = checks.text_of_page()
            assert "No posts" in body, "the home page is not the usual page"
            assert "Set up your publication" in body, "no setup form for a browser on this machine"
            checks.shot("first-run-home")
            checks.css("#setup-publication").send_keys("The Kitchen Table")
            driver.find_element(By.CSS_SELECTOR, "#setup-name").send_keys("Wren Writer")
            driver.find_element(By.CSS_SELECTOR, "#setup-email").send_keys("writer@example.com")
            driver.find_element(By.CSS_SELECTOR, "#setup-password").send_keys("a long password")
            driver.find_element(By.CSS_SELECTOR, ".setup-form button[type=submit]").click()
            checks.wait.until(lambda d: "/dashboard/settings" in d.current_url)
            assert "Welcome!" in checks.text_of_page()
            assert driver.find_element(By.CSS_SELECTOR, ".site-header .viewer-name").text == "Wren Writer"
            assert driver.find_element(By.CSS_SELECTOR, "#pubset-name").get_attribute("value") == "The Kitchen Table"
            checks.shot("settings-welcome")

        def refused_colour_kept():
            # A colour input always holds a colour; a script (or an old browser) can send anything.
            driver.execute_script("const c = document.querySelector('#pubset-accent_colour'); c.type = 'text'; c.value = 'tomato';")
            footer = driver.find_element(By.CSS_SELECTOR, "#pubset-footer")
            footer.send_keys("Typed and kept")
            driver.find_element(By.CSS_SELECTOR, ".publication-settings form[action='/dashboard/settings'] button[type=submit]").click()
            error = checks.css("#pubset-accent_colour-error")
            assert "#c2410c" in error.text, error.text
            assert driver.find_element(By.CSS_SELECTOR, "#pubset-footer").get_attribute("value") == "Typed and kept"
            assert driver.find_element(By.CSS_SELECTOR, "#pubset-accent_colour").get_attribute("aria-invalid") == "true"
            checks.shot("settings-refused")

        def save_settings():
            driver.get(base + "/dashboard/settings")
            driver.execute_script("document.querySelector('#pubset-accent_colour').value = '#1d4ed8';")
            for selector, text in (("#pubset-description", "Notes from the kitchen."),
                                   ("#pubset-footer", "The Kitchen Table, 1 Main Street"),
                                   ("#pubset-about", "We write about **bread** and the people who bake it."),
                                   ("#pubset-sender_name", "The Kitchen"),
                                   ("#pubset-reply_to", "letters@kitchen.example"),
                                   ("#pubset-embed_origins", "https://blog.example")):
                field = driver.find_element(By.CSS_SELECTOR, selector)
                field.clear()
                field.send_keys(text)
            driver.find_element(By.CSS_SELECTOR, ".publication-settings form[action='/dashboard/settings'] button[type=submit]").click()
            checks.wait.until(lambda d: "saved=1" in d.current_url)
            assert "Saved." in checks.text_of_page()
            assert driver.find_element(By.CSS_SELECTOR, "#pubset-accent_colour").get_attribute("value") == "#1d4ed8"

        def upload_logo():
            path = os.path.join(folder, "logo.png")
            with open(path, "wb") as handle:
                handle.write(tiny_png(48, 48, (29, 78, 216)))
            checks.css("#pubset-logo").send_keys(path)
            driver.find_element(By.CSS_SELECTOR, "form[action='/dashboard/settings/logo'] button[type=submit]").click()
            checks.wait.until(lambda d: "saved=logo" in d.current_url)
            preview = checks.css(".logo-preview")
            assert preview.get_attribute("src").split("/uploads/")[1], "no logo preview"
            checks.shot("settings-saved")

        def pages_wear_the_settings():
            driver.get(base + "/")
            button = checks.css(".subscribe-form button")
            colour = driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", button)
            assert colour == "rgb(29, 78, 216)", colour
            assert driver.find_elements(By.CSS_SELECTOR, ".site-header img.site-logo"), "no logo in the masthead"
            footer = driver.find_element(By.CSS_SELECTOR, ".subscribe-footer .site-footer").text
            assert "The Kitchen Table, 1 Main Street" in footer and "About" in footer, footer
            checks.shot("home-with-settings")
            driver.find_element(By.CSS_SELECTOR, ".site-footer-links a").click()
            checks.wait.until(lambda d: d.current_url.endswith("/about"))
            assert driver.find_element(By.CSS_SELECTOR, ".about-page strong").text == "bread"
            checks.shot("about-page")

        def setup_gone():
            driver.get(base + "/")
            assert "Set up your publication" not in checks.text_of_page()

        for name, step in (("first run: a browser on this machine creates the owner and names the publication", first_run_form),
                           ("settings: a refused colour is shown next to its field, the rest kept", refused_colour_kept),
                           ("settings: every field is saved", save_settings),
                           ("settings: a logo is uploaded", upload_logo),
                           ("pages: accent, logo, footer line and about page", pages_wear_the_settings),
                           ("first run: the form is gone once there is an owner", setup_gone)):
            checks.run(name, step)
            if name.startswith("first run: a browser") and checks.failed:
                break
    finally:
        driver.quit()
        stop(server, timeout=10)
        log.close()
        if checks.failed:
            with open(os.path.join(folder, "server.log"), "r", encoding="utf-8", errors="replace") as handle:
                print(handle.read()[-2000:])
        shutil.rmtree(folder, ignore_errors=True)
    findings = checks.accessibility.findings
    failed = checks.failed + (1 if findings else 0)
    print(f"axe: {checks.accessibility.audited} pages audited, {len(findings)} serious or critical findings")
    print(f"first-run-browser: {checks.passed} passed, {failed} failed")
    return 1 if failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
