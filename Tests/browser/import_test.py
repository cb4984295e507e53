#!/usr/bin/env python3
"""Real-browser test of the dashboard's import page: headless Chromium (Debian's) driven by
Selenium, against a `parley serve --demo` it starts itself on a data folder of its own.

    python3 Tests/browser/import_test.py PATH_TO_PARLEY_BINARY

Signed in as the demo's owner: the import page is reached from the dashboard's links; the form
sent without a file is refused next to the file field, with the kind chosen kept; a Substack
export (a ZIP written here: posts.csv, two posts' HTML, an image in the archive, an email list)
is uploaded; the run's page follows the run (its script asks the server, or the Refresh link
does) and ends with the summary: posts, a draft, the image, subscribers, and the note that
Substack's export holds no comments; the imported post answers at its old address, with the
image served from this site; the list of runs links to it.

Every page is checked with axe-core (axe-selenium-python) after each load and each step; a
serious or critical violation fails the run. Prints "import-browser: N passed, N failed" and
exits non-zero on any failure.
"""
import io
import os
import shutil
import sys
import tempfile
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parley_server import free_port, start, stop  # noqa: E402

OWNER_EMAIL = "editor@parley.example"
PASSWORD = "parley-demo"
RUN_TIMEOUT = 60  # seconds for the import to finish


def substack_export(png):
    """A Substack export as its ZIP holds it, written for this test."""
    posts = (
        "post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,subtitle,podcast_url\r\n"
        "9001.the-move,2024-05-06T07:30:00.000Z,true,2024-05-06T07:30:00.000Z,,newsletter,everyone,"
        "The move,\"Why we left, and how\",\r\n"
        "9002.members-only,2024-06-01T07:30:00.000Z,true,,,newsletter,only_paid,Members only,,\r\n"
        "9003.unfinished,2024-07-01T07:30:00.000Z,false,,,newsletter,everyone,Unfinished,,\r\n")
    emails = (
        "email,active_subscription,expiry,plan,email_disabled,title,comp,gift,created_at,first_payment_at\r\n"
        "moving.reader@example.com,true,,other,false,,false,false,2023-09-01T00:00:00.000Z,\r\n"
        "left.long.ago@example.com,false,,other,false,,false,false,2022-09-01T00:00:00.000Z,\r\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("posts.csv", posts)
        archive.writestr("posts/9001.the-move.html",
                         "<p>We packed the <strong>whole</strong> newsletter.</p>"
                         "<figure><img src=\"images/boxes.png\" alt=\"Boxes in a hall\"></figure>"
                         "<p><img src=\"https://substackcdn.com/image/fetch/w_600/van.jpg\" alt=\"The van\"></p>")
        archive.writestr("posts/images/boxes.png", png)
        archive.writestr("posts/9002.members-only.html", "<p>For subscribers.</p>")
        archive.writestr("posts/9003.unfinished.html", "<p>Not yet.</p>")
        archive.writestr("email_list.moving.csv", emails)
    return buffer.getvalue()


def main():
    binary = os.path.abspath(sys.argv[1])
    folder = tempfile.mkdtemp(prefix="parley-import-browser-")
    port = free_port()
    os.environ["PARLEY_URL"] = f"http://127.0.0.1:{port}"
    # The shared helpers read PARLEY_URL when imported.
    from post_page_test import Checks, By, make_driver, tiny_png  # noqa: E402
    base = os.environ["PARLEY_URL"]
    export = os.path.join(folder, "kitchen-export.zip")
    with open(export, "wb") as handle:
        handle.write(substack_export(tiny_png(40, 30)))
    log = open(os.path.join(folder, "server.log"), "wb")
    server = start(binary, port, ["--demo", "--data", os.path.join(folder, "data"), "--form-min-seconds", "0"], log)
    driver = make_driver()
    checks = Checks(driver)
    state = {}
    try:
        def sign_in_and_open_the_import_page():
            driver.get(base + "/sign-in?next=/dashboard")
            driver.find_element(By.CSS_SELECTOR, "details.password-sign-in > summary").click()
            checks.css("form.sign-in-form #sign-in-password-email").send_keys(OWNER_EMAIL)
            driver.find_element(By.CSS_SELECTOR, "#sign-in-password").send_keys(PASSWORD)
            driver.find_element(By.CSS_SELECTOR, ".sign-in-form button[type=submit]").click()
            checks.wait.until(lambda d: d.current_url.startswith(base + "/dashboard"))
            driver.find_element(By.CSS_SELECTOR, ".dashboard-nav a[href='/dashboard/import']").click()
            checks.wait.until(lambda d: d.current_url == base + "/dashboard/import")
            assert "No imports since this server started." in checks.text_of_page()
            checks.shot("import-page")

        def refused_without_a_file():
            driver.find_element(By.CSS_SELECTOR, "#site-import-kind option[value='wordpress']").click()
            driver.find_element(By.CSS_SELECTOR, "form[action='/dashboard/import'] button[type=submit]").click()
            error = checks.css("#site-import-file-error")
            assert "Choose the file to import." in error.text, error.text
            assert checks.css("#site-import-file").get_attribute("aria-invalid") == "true"
            selected = driver.find_element(By.CSS_SELECTOR, "#site-import-kind option:checked").get_attribute("value")
            assert selected == "wordpress", selected
            checks.shot("import-refused")

        def upload_a_substack_export():
            driver.find_element(By.CSS_SELECTOR, "#site-import-kind option[value='substack']").click()
            driver.find_element(By.CSS_SELECTOR, "#site-import-file").send_keys(export)
            driver.find_element(By.CSS_SELECTOR, "form[action='/dashboard/import'] button[type=submit]").click()
            checks.wait.until(lambda d: "/dashboard/import/" in d.current_url)
            state["run"] = driver.current_url
            assert "Import of kitchen-export.zip" in checks.css("h1").text

        def the_run_ends_with_the_summary():
            deadline = time.monotonic() + RUN_TIMEOUT
            # The page's script reloads it when the run ends; the Refresh link is the way
            # without it, and is followed here if the script has not done it in a while.
            while time.monotonic() < deadline:
                status = driver.find_elements(By.CSS_SELECTOR, "#site-import-status")
                if status and status[0].get_attribute("data-state") != "running":
                    break
                time.sleep(0.5)
            status = checks.css("#site-import-status")
            assert status.get_attribute("data-state") == "finished", status.text
            page = checks.text_of_page()
            for words in ("Imported", "posts", "drafts", "images uploaded from the archive",
                          "images left as links", "subscribers (active, confirmed on Substack)",
                          "subscribers kept as unsubscribed", "holds no comments"):
                assert words in page, f"{words!r} is not on the run's page"
            checks.shot("import-summary")

        def the_post_answers_at_its_old_address():
            driver.get(base + "/p/the-move")
            page = checks.text_of_page()
            assert "The move" in page and "Why we left, and how" in page, page[:400]
            assert "whole" in page and "<strong>" not in page
            van = driver.find_element(By.CSS_SELECTOR, "article a[href='https://substackcdn.com/image/fetch/w_600/van.jpg']")
            assert van.text == "The van", van.text
            images = driver.find_elements(By.CSS_SELECTOR, "article img[src*='/uploads/']")
            assert len(images) == 1, f"{len(images)} uploaded images on the post"
            assert images[0].get_attribute("alt") == "Boxes in a hall"
            for image in images:
                assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) == 40
            for image in driver.find_elements(By.CSS_SELECTOR, "article img"):
                assert image.get_attribute("src").startswith(base), "an image is loaded from another origin"
            checks.shot("import-post")

        def the_list_links_to_the_run():
            driver.get(base + "/dashboard/import")
            link = driver.find_element(By.CSS_SELECTOR, f".site-import a[href='{state['run'].replace(base, '')}']")
            assert "kitchen-export.zip" in link.text
            assert "Finished" in checks.text_of_page()

        def the_audit_log_names_the_subscribers_added():
            driver.get(base + "/dashboard/audit")
            page = checks.text_of_page()
            assert "import subscribers (confirmed elsewhere, attested)" in page, page[:600]
            assert "From a Substack export" in page and "moving.reader@example.com" in page, page[:1200]
            checks.shot("import-audit")

        def no_accessibility_violations():
            assert checks.accessibility.audited > 0, "no page was audited"
            assert not checks.accessibility.findings, "\n".join(checks.accessibility.findings)

        for name, body in [("sign in as the owner and open the import page", sign_in_and_open_the_import_page),
                           ("the form without a file is refused next to the field", refused_without_a_file),
                           ("a Substack export is uploaded", upload_a_substack_export),
                           ("the run's page ends with the summary", the_run_ends_with_the_summary),
                           ("the imported post answers at its old address", the_post_answers_at_its_old_address),
                           ("the list of imports links to the run", the_list_links_to_the_run),
                           ("the audit log names the subscribers it added", the_audit_log_names_the_subscribers_added),
                           ("no serious or critical accessibility violations", no_accessibility_violations)]:
            checks.run(name, body)
    finally:
        driver.quit()
        stop(server)
        log.close()
        if not checks.failed:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"import-browser: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
