#!/usr/bin/env python3
"""Real-browser test of the webhooks page: headless Chromium (Debian's) driven by Selenium,
against a `parley serve --demo --webhooks-allow-private` it starts itself on a data folder of its
own, with a real HTTP receiver of its own on 127.0.0.1.

    python3 Tests/browser/webhooks_test.py PATH_TO_PARLEY_BINARY

Signed in as the demo's owner: the webhooks page is reached from the dashboard's links; a
loopback address without an event is refused next to the field with what was typed kept; an
endpoint is added, its secret shown once (not after a reload); "Send a test" reaches the
receiver signed with that secret (HMAC-SHA256 over TIMESTAMP.BODY, checked here with Python's
hmac); the page then logs the delivery and its 200; the endpoint is removed.

Every page is checked with axe-core (axe-selenium-python) after each load and each step; a
serious or critical violation fails the run. Prints "webhooks: N passed, N failed" and exits
non-zero on any failure.
"""
import hashlib
import hmac
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parley_server import free_port, start, stop  # noqa: E402

DELIVERY_TIMEOUT = 30  # seconds for a delivery to arrive (the worker polls every 5)
OWNER_EMAIL = "editor@parley.example"
PASSWORD = "parley-demo"


class Receiver(http.server.ThreadingHTTPServer):
    """Keeps every POST it is sent (headers and body) and answers 200."""
    daemon_threads = True

    def __init__(self):
        self.received = []
        handler = type("Handler", (http.server.BaseHTTPRequestHandler,), {
            "do_POST": Receiver._post, "log_message": lambda *args: None})
        super().__init__(("127.0.0.1", 0), handler)

    @staticmethod
    def _post(request):
        length = min(int(request.headers.get("Content-Length", "0")), 1_000_000)
        body = request.rfile.read(length)
        request.server.received.append((dict(request.headers.items()), body))
        request.send_response(200)
        request.send_header("Content-Length", "2")
        request.end_headers()
        request.wfile.write(b"ok")


def main():
    binary = os.path.abspath(sys.argv[1])
    folder = tempfile.mkdtemp(prefix="parley-webhooks-browser-")
    port = free_port()
    os.environ["PARLEY_URL"] = f"http://127.0.0.1:{port}"
    # The shared helpers read PARLEY_URL when imported.
    from post_page_test import Checks, By, make_driver  # noqa: E402
    base = os.environ["PARLEY_URL"]
    receiver = Receiver()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
    log = open(os.path.join(folder, "server.log"), "wb")
    server = start(binary, port, ["--demo", "--data", os.path.join(folder, "data"), "--form-min-seconds", "0", "--webhooks-allow-private"], log)
    driver = make_driver()
    checks = Checks(driver)
    state = {}
    try:
        def sign_in_as_owner():
            driver.get(base + "/sign-in?next=/dashboard/settings")
            driver.find_element(By.CSS_SELECTOR, "details.password-sign-in > summary").click()
            checks.css("form.sign-in-form #sign-in-password-email").send_keys(OWNER_EMAIL)
            driver.find_element(By.CSS_SELECTOR, "#sign-in-password").send_keys(PASSWORD)
            driver.find_element(By.CSS_SELECTOR, ".sign-in-form button[type=submit]").click()
            checks.wait.until(lambda d: d.current_url.startswith(base + "/dashboard/settings"))
            driver.find_element(By.CSS_SELECTOR, ".dashboard-nav a[href='/dashboard/settings/webhooks']").click()
            checks.wait.until(lambda d: d.current_url == base + "/dashboard/settings/webhooks")
            assert "No webhooks yet." in checks.text_of_page()

        def refused_next_to_the_field():
            checks.css("#webhook-url").send_keys(hook)
            driver.find_element(By.CSS_SELECTOR, "form[action='/dashboard/settings/webhooks'] button[type=submit]").click()
            error = checks.css("#webhook-events-error")
            assert "Choose at least one event." in error.text, error.text
            assert checks.css("#webhook-url").get_attribute("value") == hook, "the typed address was not kept"
            checks.shot("webhooks-refused")

        def add_and_see_the_secret_once():
            for event in ("comment.posted", "member.joined"):
                driver.find_element(By.ID, f"webhook-event-{event}").click()
            driver.find_element(By.CSS_SELECTOR, "form[action='/dashboard/settings/webhooks'] button[type=submit]").click()
            secret = checks.css("#webhook-secret").text
            assert secret.startswith("whsec_") and len(secret) == 70, secret
            state["secret"] = secret
            checks.shot("webhooks-added")
            driver.refresh()
            checks.css("h1")
            assert secret not in driver.page_source, "the secret was shown twice"
            assert hook in checks.text_of_page()

        def test_delivery_is_signed():
            driver.find_element(By.CSS_SELECTOR, "form[action$='/test'] button[type=submit]").click()
            checks.wait.until(lambda d: "done=test" in d.current_url)
            deadline = time.monotonic() + DELIVERY_TIMEOUT
            while not receiver.received and time.monotonic() < deadline:
                time.sleep(0.2)
            assert receiver.received, "nothing reached the receiver"
            headers, body = receiver.received[0]
            headers = {k.lower(): v for k, v in headers.items()}
            assert headers["parley-webhook-event"] == "webhook.ping", headers
            timestamp = headers["parley-webhook-timestamp"]
            assert abs(time.time() - int(timestamp)) < 300, timestamp
            expected = "v1=" + hmac.new(state["secret"].encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
            assert hmac.compare_digest(headers["parley-webhook-signature"], expected), "the signature does not verify"
            assert json.loads(body)["type"] == "webhook.ping"

        def the_log_shows_it():
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                driver.get(base + "/dashboard/settings/webhooks")
                if "Delivered" in checks.text_of_page():
                    break
                time.sleep(0.5)
            page = checks.text_of_page()
            assert "Delivered" in page and "200 in " in page, page
            checks.shot("webhooks-log")

        def remove():
            driver.find_element(By.CSS_SELECTOR, "form[action$='/remove'] button[type=submit]").click()
            checks.wait.until(lambda d: "done=removed" in d.current_url)
            assert "No webhooks yet." in checks.text_of_page()

        def no_accessibility_violations():
            assert checks.accessibility.audited > 0, "no page was audited"
            assert not checks.accessibility.findings, "\n".join(checks.accessibility.findings)

        for name, body in [("sign in as the owner and open the webhooks page", sign_in_as_owner),
                           ("a form without an event is refused next to the field", refused_next_to_the_field),
                           ("an endpoint is added and its secret shown once", add_and_see_the_secret_once),
                           ("Send a test reaches the receiver, signed with the secret", test_delivery_is_signed),
                           ("the page logs the delivery and its answer", the_log_shows_it),
                           ("the endpoint is removed", remove),
                           ("no serious or critical accessibility violations", no_accessibility_violations)]:
            checks.run(name, body)
    finally:
        driver.quit()
        receiver.shutdown()
        stop(server)
        log.close()
        if not checks.failed:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"webhooks: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
