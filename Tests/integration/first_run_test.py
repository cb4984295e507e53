#!/usr/bin/env python3
"""Process-level test of the first run and of `parley user list|set-role|remove`.

Starts the real `parley serve` on an empty data folder, reads the one-time setup link from its
log, and checks that the home page invites only the link's holder (a request naming another
host, as through a proxy, sees no form without it); sets the site up through the link (owner,
publication name, signed in, sent to the publication settings) and sees the link refused
afterwards. Then, while the server runs, drives `parley user list|set-role|remove` and checks
the dashboard's rules: the last owner can neither be demoted nor removed.

    python3 Tests/integration/first_run_test.py PATH_TO_PARLEY_BINARY

Prints `ok: NAME` or `FAIL: NAME` per check and one line `first-run: N passed, M failed`; exits 1
on any failure. Standard library only; every wait is bounded, the server is killed and the
temporary folder removed.
"""

import html
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

CLI_TIMEOUT = 60
HEALTH_TIMEOUT = 20
HTTP_TIMEOUT = 15
results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(f"{'ok' if condition else 'FAIL'}: {name}{'' if condition else ': ' + detail}", flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def env():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    clean["PARLEY_FORM_MIN_SECONDS"] = "0"
    return clean


def cli(binary, data, *args):
    return subprocess.run([binary, *args, "--data", data], capture_output=True, text=True, timeout=CLI_TIMEOUT, env=env())


def request(port, method, path, host, body=None, cookies=None):
    headers = {"Host": host}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode(body)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for line in response.msg.get_all("Set-Cookie") or []:
            name, _, value = line.split(";", 1)[0].partition("=")
            if cookies is not None:
                if value and "max-age=0" not in line.lower():
                    cookies[name.strip()] = value.strip()
                else:
                    cookies.pop(name.strip(), None)
        return response.status, response.msg, text
    finally:
        connection.close()


def main():
    binary = os.path.abspath(sys.argv[1])
    folder = tempfile.mkdtemp(prefix="parley-first-run-")
    data = os.path.join(folder, "data")
    port = free_port()
    log_path = os.path.join(folder, "server.log")
    log = open(log_path, "wb")
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--data", data], stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, env=env())
    try:
        deadline = time.monotonic() + HEALTH_TIMEOUT
        link = None
        while time.monotonic() < deadline and link is None:
            if server.poll() is not None:
                break
            with open(log_path, "r", encoding="utf-8", errors="replace") as handle:
                found = re.search(r"one-time setup link: (http://\S+/\?setup=[A-Za-z0-9_\-]+)", handle.read())
            link = found.group(1) if found else None
            time.sleep(0.1)
        check("the log prints a one-time setup link on a site without an owner", link is not None,
              open(log_path, encoding="utf-8", errors="replace").read()[-600:])
        if link is None:
            return
        path = link[link.index("/?setup="):]
        token = path.split("=", 1)[1]
        remote = "news.example.com"   # a Host a proxy serving the public name would send

        status, _, page = request(port, "GET", "/", remote)
        check("without the link the home page shows No posts and no setup form", status == 200 and "No posts" in page
              and 'action="/setup"' not in page, f"status {status}")
        status, _, page = request(port, "GET", "/", f"127.0.0.1:{port}")
        check("a browser on this machine is invited without the link", 'action="/setup"' in page)

        cookies = {}
        status, _, page = request(port, "GET", path, remote, cookies=cookies)
        check("the link's holder sees the setup form", 'action="/setup"' in page and token in page)
        csrf = html.unescape(re.search(r'name="_csrf" value="([^"]+)"', page).group(1))
        form = {"_csrf": csrf, "setup": token, "publication": "The Kitchen Table", "name": "Wren Writer",
                "email": "writer@example.com", "password": "a long password"}
        status, headers, _ = request(port, "POST", "/setup", remote, body=form, cookies=cookies)
        check("setting up signs the owner in and opens the publication settings",
              status == 303 and headers.get("Location") == "/dashboard/settings?welcome=1"
              and "__Host-parley_session" in cookies, f"status {status}, {headers.get('Location')}, {list(cookies)}")
        status, _, page = request(port, "GET", "/dashboard/settings?welcome=1", remote, cookies=cookies)
        check("the new owner reaches the settings", status == 200 and "The Kitchen Table" in page, f"status {status}")

        again = {}
        status, _, page = request(port, "GET", path, remote, cookies=again)
        check("after setup the link shows no form", 'action="/setup"' not in page)
        csrf = html.unescape(re.search(r'name="csrf-token" content="([^"]+)"', page).group(1))
        status, _, _ = request(port, "POST", "/setup", remote, cookies=again,
                               body={**form, "_csrf": csrf, "email": "intruder@example.com"})
        check("after setup the link is refused", status == 409, f"status {status}")

        listed = cli(binary, data, "user", "list")
        check("user list, while the server runs, shows the owner",
              listed.returncode == 0 and re.search(r"^1\towner\twriter@example\.com\tWren Writer$", listed.stdout, re.M),
              listed.stdout + listed.stderr)
        added = cli(binary, data, "user", "add", "--email", "ada@example.com", "--name", "Ada")
        promoted = cli(binary, data, "user", "set-role", "--email", "ada@example.com", "--role", "admin")
        check("user set-role gives a role", added.returncode == 0 and promoted.returncode == 0
              and "is now admin" in promoted.stdout, promoted.stdout + promoted.stderr)
        admins = cli(binary, data, "user", "list", "--role", "admin")
        check("user list --role filters", admins.stdout.strip().endswith("admin\tada@example.com\tAda")
              and "writer@" not in admins.stdout, admins.stdout)
        demoted = cli(binary, data, "user", "set-role", "--email", "writer@example.com", "--role", "member")
        check("the last owner cannot be demoted", demoted.returncode == 1 and "last owner" in demoted.stderr, demoted.stderr)
        gone = cli(binary, data, "user", "remove", "--email", "writer@example.com")
        check("the last owner cannot be removed", gone.returncode == 1 and "last owner" in gone.stderr, gone.stderr)
        bad = cli(binary, data, "user", "set-role", "--email", "ada@example.com", "--role", "king")
        check("a role that does not exist is refused", bad.returncode == 1 and "--role" in bad.stderr, bad.stderr)
        removed = cli(binary, data, "user", "remove", "--email", "ada@example.com")
        unknown = cli(binary, data, "user", "remove", "--email", "ada@example.com")
        check("user remove deletes an account, and then knows no such member",
              removed.returncode == 0 and unknown.returncode == 1 and "names no member" in unknown.stderr,
              removed.stdout + removed.stderr + unknown.stderr)
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)
    passed = sum(results)
    print(f"first-run: {passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
