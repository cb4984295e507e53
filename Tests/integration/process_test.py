#!/usr/bin/env python3
"""Process-level integration test of the real `parley` executable.

Runs the binary as separate processes on 127.0.0.1: the command line (help, `user add`,
`post add`), environment twins of the flags, the command line working while a server runs on
the same data folder, durability of an acknowledged comment, like and subscription across a
`kill -9`, and refusals of bad server flags.

    python3 Tests/integration/process_test.py PATH_TO_PARLEY_BINARY

Prints `ok: NAME` or `FAIL: NAME` with the reason for every check, then exactly one line
`integration: N passed, M failed`; exits 1 when anything failed. Standard library only. Every
wait is bounded, every server it starts is killed and every temporary folder removed.
"""

import http.client
import glob
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse

CLI_TIMEOUT = 60          # seconds for any one command-line invocation
HEALTH_TIMEOUT = 20       # seconds a server may take to answer /healthz
STOP_TIMEOUT = 10         # seconds a server may take to exit after SIGTERM
HTTP_TIMEOUT = 15         # seconds for any one HTTP request

OWNER_EMAIL = "owner@example.com"
OWNER_PASSWORD = "a long password"
SUBSCRIBER_EMAIL = "x@example.com"

results = []              # (name, passed, reason)


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def check(name, function):
    """Runs one check, records and prints its outcome; returns what the check returned."""
    try:
        value = function()
    except CheckFailed as error:
        results.append((name, False, str(error)))
        print(f"FAIL: {name}: {error}", flush=True)
        return None
    except Exception as error:  # noqa: BLE001 - every unexpected error is a failure of the check
        detail = "".join(traceback.format_exception_only(type(error), error)).strip()
        results.append((name, False, detail))
        print(f"FAIL: {name}: unexpected {detail}", flush=True)
        return None
    results.append((name, True, ""))
    print(f"ok: {name}", flush=True)
    return value


def short(text, limit=600):
    text = text if isinstance(text, str) else repr(text)
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "..."


# ---------------------------------------------------------------- processes

def clean_env(**extra):
    """The environment of a child: this one without PARLEY_* variables, plus `extra`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PARLEY_")}
    env.update({key: str(value) for key, value in extra.items()})
    return env


def run_cli(binary, args, stdin_text=None, env=None, cwd=None):
    return subprocess.run([binary] + list(args), input=stdin_text, capture_output=True, text=True,
                          timeout=CLI_TIMEOUT, env=env if env is not None else clean_env(), cwd=cwd)


def describe(completed):
    return (f"exit {completed.returncode}; stdout: {short(completed.stdout, 300)!r}; "
            f"stderr: {short(completed.stderr, 300)!r}")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One `parley serve` process, its log in a file, stopped for sure by `kill()`."""

    def __init__(self, binary, port, args, env, cwd, log_dir, label):
        self.port = port
        self.log_path = os.path.join(log_dir, f"server-{label}-{time.monotonic_ns()}.log")
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen([binary, "serve"] + list(args), stdout=self.log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, env=env, cwd=cwd)

    def log_tail(self, limit=800):
        try:
            self.log.flush()
            with open(self.log_path, "rb") as handle:
                return short(handle.read().decode("utf-8", "replace")[-limit:], limit)
        except OSError:
            return ""

    def wait_healthy(self):
        deadline = time.monotonic() + HEALTH_TIMEOUT
        last = "no answer"
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise CheckFailed(f"the server exited with {code} before answering /healthz; log: {self.log_tail()!r}")
            try:
                status, _, _ = request(self.port, "GET", "/healthz", timeout=2)
                if status == 200:
                    return
                last = f"status {status}"
            except OSError as error:
                last = str(error)
            time.sleep(0.1)
        raise CheckFailed(f"/healthz did not answer 200 within {HEALTH_TIMEOUT} s ({last}); log: {self.log_tail()!r}")

    def kill9(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT)

    def kill(self):
        """Stops the process whatever state it is in; safe to call twice."""
        try:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGKILL)
                self.process.wait(timeout=STOP_TIMEOUT)
        except Exception:  # noqa: BLE001 - best effort in cleanup
            pass
        finally:
            try:
                self.log.close()
            except OSError:
                pass


servers = []              # every server started, killed at the end whatever happened


def start_server(binary, port, data, log_dir, label, extra_args=(), env=None, cwd=None):
    args = ["--port", str(port), "--data", data] + list(extra_args) if data is not None else list(extra_args)
    server = Server(binary, port, args, env if env is not None else clean_env(), cwd or log_dir, log_dir, label)
    servers.append(server)
    server.wait_healthy()
    return server


# ---------------------------------------------------------------- HTTP

def request(port, method, path, body=None, headers=None, timeout=HTTP_TIMEOUT):
    """One HTTP request without following redirects: (status, headers message, body text)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return response.status, response.msg, data.decode("utf-8", "replace")
    finally:
        connection.close()


class Browser:
    """Keeps cookies by hand: Parley's cookies are Secure, which http.cookiejar would not send
    over plain http, while real browsers do on 127.0.0.1."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def absorb(self, headers):
        for line in headers.get_all("Set-Cookie") or []:
            pair = line.split(";", 1)[0]
            if "=" not in pair:
                continue
            name, value = pair.split("=", 1)
            name, value = name.strip(), value.strip()
            attributes = [part.strip().lower() for part in line.split(";")[1:]]
            if value == "" or "max-age=0" in attributes:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def send(self, method, path, form=None, headers=None):
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode("utf-8")
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, response_headers, text = request(self.port, method, path, body=body, headers=all_headers)
        self.absorb(response_headers)
        return status, response_headers, text

    def get(self, path, headers=None):
        return self.send("GET", path, headers=headers)

    def post(self, path, form, headers=None):
        fields = dict(form)
        fields.setdefault("_csrf", self.cookies.get("__Host-parley_csrf", ""))
        return self.send("POST", path, form=fields, headers=headers)


# ---------------------------------------------------------------- checks

def main():
    if len(sys.argv) != 2:
        print("usage: process_test.py PATH_TO_PARLEY_BINARY", file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    if not os.access(binary, os.X_OK):
        print(f"FAIL: binary: {binary} is not an executable file", flush=True)
        print("integration: 0 passed, 1 failed")
        return 1

    work = tempfile.mkdtemp(prefix="parley-integration-")
    try:
        run_checks(binary, work)
    finally:
        for server in servers:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)

    passed = sum(1 for _, ok, _ in results if ok)
    failed = len(results) - passed
    print(f"integration: {passed} passed, {failed} failed")
    return 1 if failed else 0


def run_checks(binary, work):
    data = os.path.join(work, "site")          # the data folder every check shares
    logs = os.path.join(work, "logs")
    os.makedirs(logs)
    body_file = os.path.join(work, "hello.md")
    with open(body_file, "w", encoding="utf-8") as handle:
        handle.write("# Hello\n\nThe **first** post of this publication.\n")

    # 1. help texts --------------------------------------------------------------------
    def help_mentions(args, words):
        def run():
            completed = run_cli(binary, args)
            expect(completed.returncode == 0, f"`parley {' '.join(args)}` {describe(completed)}")
            text = completed.stdout + completed.stderr
            missing = [word for word in words if word not in text]
            expect(not missing, f"`parley {' '.join(args)}` does not mention {missing}: {short(text)!r}")
        return run

    check("help: parley --help names serve, user, post", help_mentions(["--help"], ["serve", "user", "post"]))
    check("help: serve --help names its flags",
          help_mentions(["serve", "--help"], ["--host", "--port", "--data", "--database", "--demo"]))
    check("help: user add --help names its flags",
          help_mentions(["user", "add", "--help"], ["--email", "--name", "--role", "--password-stdin", "--data", "--database"]))
    check("help: post add --help names its flags",
          help_mentions(["post", "add", "--help"], ["--title", "--author", "--slug", "--subtitle", "--body-file", "--draft"]))

    # 2. the command line on a fresh data folder ---------------------------------------
    def add_owner():
        completed = run_cli(binary, ["user", "add", "--data", data, "--email", OWNER_EMAIL, "--name", "Olive Owner",
                                     "--role", "owner", "--password-stdin"], stdin_text=OWNER_PASSWORD + "\n")
        expect(completed.returncode == 0, describe(completed))
        expect(os.path.exists(os.path.join(data, "parley.sqlite")), "no parley.sqlite in the data folder")

    def duplicate_email():
        completed = run_cli(binary, ["user", "add", "--data", data, "--email", "Owner@Example.COM", "--name", "Someone Else",
                                     "--password-stdin"], stdin_text="another long password\n")
        expect(completed.returncode != 0, f"accepted a taken address in another case: {describe(completed)}")
        expect("already taken" in completed.stderr, f"stderr does not say 'already taken': {describe(completed)}")

    def unknown_role():
        completed = run_cli(binary, ["user", "add", "--data", data, "--email", "wizard@example.com", "--name", "Wiz",
                                     "--role", "wizard", "--password-stdin"], stdin_text="a long password\n")
        expect(completed.returncode != 0, f"accepted --role wizard: {describe(completed)}")
        message = completed.stderr.lower()
        expect("role" in message and ("owner" in message or "wizard" in message),
               f"no clear message about the role: {describe(completed)}")
        expect("Traceback" not in completed.stderr and "Fatal error" not in completed.stderr, describe(completed))

    def short_password():
        completed = run_cli(binary, ["user", "add", "--data", data, "--email", "shorty@example.com", "--name", "Shorty",
                                     "--password-stdin"], stdin_text="short\n")
        expect(completed.returncode != 0, f"accepted a 5-character password: {describe(completed)}")
        expect("password" in completed.stderr.lower(), f"the message does not name the password: {describe(completed)}")

    def add_post():
        completed = run_cli(binary, ["post", "add", "--data", data, "--title", "Hello there", "--author", OWNER_EMAIL,
                                     "--body-file", body_file])
        expect(completed.returncode == 0, describe(completed))
        expect("/p/hello-there" in completed.stdout, f"stdout does not show /p/hello-there: {describe(completed)}")

    def unknown_author():
        completed = run_cli(binary, ["post", "add", "--data", data, "--title", "Ghost post", "--author", "nobody@example.com",
                                     "--body-file", body_file])
        expect(completed.returncode != 0, f"accepted an unknown author: {describe(completed)}")
        expect(completed.stderr.strip() != "", f"no message on stderr: {describe(completed)}")

    def bad_slug():
        completed = run_cli(binary, ["post", "add", "--data", data, "--title", "Slugged", "--author", OWNER_EMAIL,
                                     "--slug", "Bad Slug", "--body-file", body_file])
        expect(completed.returncode != 0, f"accepted --slug 'Bad Slug': {describe(completed)}")
        expect("slug" in completed.stderr.lower(), f"the message does not name the slug: {describe(completed)}")

    check("cli: user add owner with --password-stdin", add_owner)
    check("cli: user add refuses a taken email in another case", duplicate_email)
    check("cli: user add refuses --role wizard", unknown_role)
    check("cli: user add refuses a short password", short_password)
    check("cli: post add prints /p/hello-there", add_post)
    check("cli: post add refuses an unknown author", unknown_author)
    check("cli: post add refuses --slug 'Bad Slug'", bad_slug)

    # 3. environment twins and graceful shutdown ---------------------------------------
    def env_twins():
        port = free_port()
        cwd = tempfile.mkdtemp(prefix="cwd-", dir=work)
        server = start_server(binary, port, None, logs, "env", env=clean_env(PARLEY_PORT=port, PARLEY_DATA=data), cwd=cwd)
        try:
            status, _, _ = request(port, "GET", "/healthz")
            expect(status == 200, f"/healthz answered {status}")
            status, _, page = request(port, "GET", "/")
            expect(status == 200, f"GET / answered {status}")
            expect("Hello there" in page, "GET / does not show 'Hello there': PARLEY_DATA was not used")
            expect(not os.path.exists(os.path.join(cwd, "parley-data")), "a ./parley-data folder appeared in the working directory")
            server.process.send_signal(signal.SIGTERM)
            try:
                code = server.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                raise CheckFailed(f"still running {STOP_TIMEOUT} s after SIGTERM; log: {server.log_tail()!r}")
            expect(code == 0, f"exited with {code} after SIGTERM (expected 0); log: {server.log_tail()!r}")
        finally:
            server.kill()

    check("env: PARLEY_PORT and PARLEY_DATA serve the site; SIGTERM exits 0 within 10 s", env_twins)

    # 4. the command line while a server runs on the same folder -----------------------
    def cli_while_serving():
        port = free_port()
        server = start_server(binary, port, data, logs, "cli-while-serving")
        try:
            completed = run_cli(binary, ["post", "add", "--data", data, "--title", "Written while serving",
                                         "--author", OWNER_EMAIL, "--body-file", body_file])
            expect(completed.returncode == 0, f"post add while serving: {describe(completed)}")
            expect("/p/written-while-serving" in completed.stdout, f"unexpected slug: {describe(completed)}")
            status, _, page = request(port, "GET", "/")
            expect(status == 200, f"GET / answered {status}")
            expect("Written while serving" in page, "the running server's / does not show the new post")
            status, _, page = request(port, "GET", "/p/written-while-serving")
            expect(status == 200, f"GET /p/written-while-serving answered {status}")
        finally:
            server.kill()

    check("cli: post add while a server runs on the same data folder", cli_while_serving)

    # 5. durability across kill -9 ------------------------------------------------------
    port = free_port()
    state = {"server": None, "browser": Browser(port)}

    def restart(label):
        state["server"].kill9()
        state["server"] = start_server(binary, port, data, logs, label)

    def sign_in():
        state["server"] = start_server(binary, port, data, logs, "durability-1")
        browser = state["browser"]
        status, _, _ = browser.get("/sign-in")
        expect(status == 200, f"GET /sign-in answered {status}")
        expect("__Host-parley_csrf" in browser.cookies, "GET /sign-in set no __Host-parley_csrf cookie")
        status, headers, text = browser.post("/sign-in", {"email": OWNER_EMAIL, "password": OWNER_PASSWORD, "next": "/"})
        expect(status == 303, f"POST /sign-in answered {status} (expected 303): {short(text, 300)!r}")
        expect(browser.cookies.get("__Host-parley_session"), f"no __Host-parley_session cookie; Set-Cookie: {headers.get_all('Set-Cookie')}")
        status, _, page = browser.get("/p/hello-there")
        expect(status == 200, f"GET /p/hello-there answered {status}")
        expect("Olive Owner" in page, "the post page does not show the signed-in member")

    def comment_survives():
        expect(state["server"] is not None and state["browser"].cookies.get("__Host-parley_session"), "not signed in")
        browser = state["browser"]
        text = f"Survives kill -9 {random.randrange(10**9)}"
        status, headers, body = browser.post("/p/hello-there/comments", {"body": text})
        location = headers.get("Location") or ""
        state["server"].kill9()                       # the moment after the acknowledgement
        expect(status == 303, f"POST comment answered {status} (expected 303): {short(body, 300)!r}")
        expect("#comment-" in location, f"Location {location!r} has no #comment-")
        path, _, fragment = location.partition("#")
        state["comment_path"] = urllib.parse.urlsplit(path).path
        state["comment_id"] = fragment[len("comment-"):]
        state["server"] = start_server(binary, port, data, logs, "durability-2")
        status, _, page = browser.get(state["comment_path"])
        expect(status == 200, f"GET {state['comment_path']} after kill -9 answered {status}")
        expect(text in page, f"the comment {text!r} is gone after kill -9")

    def like_survives():
        expect(state.get("comment_id"), "no comment to like")
        browser = state["browser"]
        status, _, body = browser.post(f"/p/hello-there/comment/{state['comment_id']}/like", {},
                                       headers={"Accept": "application/json"})
        state["server"].kill9()                       # the moment after the acknowledgement
        expect(status == 200, f"POST like answered {status}: {short(body, 300)!r}")
        compact = body.replace(" ", "")
        expect('"liked":true' in compact and '"count":1' in compact, f"unexpected answer {body!r}")
        state["server"] = start_server(binary, port, data, logs, "durability-3")
        status, _, page = browser.get(state["comment_path"])
        expect(status == 200, f"GET {state['comment_path']} after kill -9 answered {status}")
        expect('aria-pressed="true"' in page, "after kill -9 the like button is not pressed (session or like lost)")
        expect('<span class="like-count">1</span>' in page, "after kill -9 the like count is not 1")

    def subscription_survives():
        expect(state["server"] is not None and state["server"].process.poll() is None, "no running server")
        browser = state["browser"]
        status, _, body = browser.post("/subscribe", {"email": SUBSCRIBER_EMAIL})
        state["server"].kill9()                       # the moment after the acknowledgement
        expect(status == 200, f"POST /subscribe answered {status}: {short(body, 300)!r}")
        state["server"] = start_server(binary, port, data, logs, "durability-4")
        status, _, body = browser.post("/subscribe", {"email": SUBSCRIBER_EMAIL})
        expect(status == 200, f"POST /subscribe of the same address answered {status}: {short(body, 300)!r}")
        state["server"].process.send_signal(signal.SIGTERM)
        try:
            state["server"].process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise CheckFailed("the server did not stop within 10 s of SIGTERM")
        finally:
            state["server"].kill()
        database = sqlite3.connect(os.path.join(data, "parley.sqlite"), timeout=10)
        try:
            (count,) = database.execute("SELECT count(*) FROM subscribers WHERE email = ?", (SUBSCRIBER_EMAIL,)).fetchone()
        finally:
            database.close()
        expect(count == 1, f"{count} subscriber rows for {SUBSCRIBER_EMAIL} (expected 1)")

    try:
        check("durability: sign in through HTTP like a browser", sign_in)
        check("durability: an acknowledged comment survives kill -9", comment_survives)
        check("durability: an acknowledged like (and the session) survives kill -9", like_survives)
        check("durability: an acknowledged subscription survives kill -9, once", subscription_survives)
    finally:
        if state["server"] is not None:
            state["server"].kill()

    # 6. bad server flags ----------------------------------------------------------------
    def bad_port():
        completed = run_cli(binary, ["serve", "--port", "70000", "--data", os.path.join(work, "unused-1")], cwd=work)
        expect(completed.returncode != 0, f"accepted --port 70000: {describe(completed)}")
        expect("--port" in completed.stderr, f"the message does not mention --port: {describe(completed)}")

    def database_url():
        completed = run_cli(binary, ["serve", "--port", str(free_port()), "--database", "mysql://u:secret@127.0.0.1:1/x"], cwd=work)
        expect(completed.returncode != 0, f"accepted a mysql:// URL: {describe(completed)}")
        expect("postgres://" in completed.stderr, f"the message does not say what is expected: {describe(completed)}")
        expect("secret" not in completed.stderr, f"the message repeats the password of the URL: {describe(completed)}")

    def bad_port_variable():
        env = clean_env()
        env["PARLEY_PORT"] = "abc"
        env["PARLEY_DATA"] = os.path.join(work, "unused-2")
        completed = run_cli(binary, ["serve"], env=env, cwd=work)
        expect(completed.returncode != 0, f"accepted PARLEY_PORT=abc: {describe(completed)}")
        expect("PARLEY_PORT" in completed.stderr, f"the message does not name PARLEY_PORT: {describe(completed)}")

    def port_in_use():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen(1)
            port = taken.getsockname()[1]
            completed = run_cli(binary, ["serve", "--port", str(port), "--data", os.path.join(work, "unused-3")], cwd=work)
        expect(completed.returncode != 0, f"started on a taken port: {describe(completed)}")
        expect(f"127.0.0.1:{port} is already in use" in completed.stderr, f"unclear message: {describe(completed)}")

    def binary_alone():
        # "One binary": copied on its own into an empty folder, it still serves every page and asset.
        alone = os.path.join(work, "alone")
        os.makedirs(alone, exist_ok=True)
        copy = os.path.join(alone, "parley")
        shutil.copy2(binary, copy)
        port = free_port()
        start_server(copy, port, os.path.join(alone, "data"), logs, "alone", ["--demo"], cwd=alone)
        for path in ("/static/parley.js", "/static/parley.css", "/"):
            status, _, text = request(port, "GET", path)
            expect(status == 200 and len(text) > 100, f"GET {path} from the lone binary answered {status}")

    def mail_settings():
        bad = run_cli(binary, ["serve", "--port", str(free_port()), "--data", os.path.join(work, "mail-1"),
                               "--smtp-url", "ftp://user:secret@127.0.0.1:2525"], cwd=work)
        expect(bad.returncode != 0 and "--smtp-url" in bad.stderr, f"a bad --smtp-url was not refused clearly: {describe(bad)}")
        expect("secret" not in bad.stderr + bad.stdout, f"the password of --smtp-url was repeated: {describe(bad)}")
        sender = run_cli(binary, ["serve", "--port", str(free_port()), "--data", os.path.join(work, "mail-2"),
                                  "--mail-from", "not an address"], cwd=work)
        expect(sender.returncode != 0 and "--mail-from" in sender.stderr, f"a bad --mail-from was not refused clearly: {describe(sender)}")
        port = free_port()
        env = clean_env()
        env["PARLEY_SMTP_URL"] = "smtp://user:secret@127.0.0.1:2525"
        server = start_server(binary, port, os.path.join(work, "mail-3"), logs, "mail", ["--mail-from", "News <news@example.com>"], env=env)
        status, _, _ = request(port, "GET", "/healthz")
        expect(status == 200, f"a server with SMTP configured answered {status}")
        expect("secret" not in server.log_tail(4000), "the SMTP password reached the log")

    check("serve: the binary alone, copied elsewhere, serves pages and assets", binary_alone)
    check("serve: --smtp-url and --mail-from are checked; the password never printed", mail_settings)
    check("serve: --port 70000 is refused naming --port", bad_port)
    check("serve: PARLEY_PORT=abc is refused naming PARLEY_PORT", bad_port_variable)
    check("serve: a port in use is refused with the address", port_in_use)
    check("serve: --database of another kind is refused clearly", database_url)

    postgres_checks(binary, work, data, logs)


def postgres_database(base_url, name):
    """Creates database `name` on the test server of `base_url`; returns its URL."""
    psql = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]
    completed = subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", base_url, "-c", f'CREATE DATABASE "{name}"'],
                               capture_output=True, text=True, timeout=CLI_TIMEOUT)
    expect(completed.returncode == 0, f"could not create database {name}: {completed.stderr}")
    parts = urllib.parse.urlsplit(base_url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def postgres_checks(binary, work, data, logs):
    """With TEST_POSTGRES_URL: migrate-data, two instances on one database, env twin."""
    base_url = os.environ.get("TEST_POSTGRES_URL", "")
    if not base_url:
        print("skip: PostgreSQL checks (TEST_POSTGRES_URL is not set)")
        return
    state = {}

    def migrate_data():
        url = postgres_database(base_url, f"integration_{random.randrange(10**9)}")
        state["url"] = url
        completed = run_cli(binary, ["migrate-data", "--data", data, "--to", url], cwd=work)
        expect(completed.returncode == 0, f"migrate-data failed: {describe(completed)}")
        expect("compared equal" in completed.stdout, f"no comparison reported: {describe(completed)}")
        expect("comments" in completed.stdout and "posts" in completed.stdout, f"no counts printed: {describe(completed)}")
        again = run_cli(binary, ["migrate-data", "--data", data, "--to", url], cwd=work)
        expect(again.returncode != 0 and "--force" in again.stderr, f"a second copy was not refused: {describe(again)}")
        forced = run_cli(binary, ["migrate-data", "--data", data, "--to", url, "--force"], cwd=work)
        expect(forced.returncode == 0, f"--force failed: {describe(forced)}")

    def instances_share_everything():
        expect(state.get("url"), "no migrated database")
        url = state["url"]
        port_a, port_b = free_port(), free_port()
        start_server(binary, port_a, None, logs, "pg-a", ["--port", str(port_a), "--database", url])
        env = clean_env()
        env["PARLEY_DATABASE"] = url
        env["PARLEY_PORT"] = str(port_b)
        start_server(binary, port_b, None, logs, "pg-b", [], env=env)
        a = Browser(port_a)
        a.get("/sign-in")
        status, _, text = a.post("/sign-in", {"email": OWNER_EMAIL, "password": OWNER_PASSWORD, "next": "/"})
        expect(status == 303, f"sign-in on instance A answered {status}: {short(text, 200)!r}")
        marker = f"Written on A {random.randrange(10**9)}"
        status, headers, text = a.post("/p/hello-there/comments", {"body": marker})
        expect(status == 303, f"comment on A answered {status}: {short(text, 200)!r}")
        path = urllib.parse.urlsplit((headers.get("Location") or "").partition("#")[0]).path
        b = Browser(port_b)
        b.cookies = dict(a.cookies)              # the same browser, balanced to the other instance
        status, _, page = b.get(path)
        expect(status == 200 and marker in page, f"instance B does not show the comment written on A (status {status})")
        expect("Olive Owner" in page and "Sign out" in page, "the session made on A is not known to B")
        status, _, liked = b.post(path + "/like", {}, headers={"Accept": "application/json"})
        expect(status == 200 and '"count":1' in liked, f"like through B answered {status}: {liked!r}")
        status, _, page = a.get(path)
        expect('<span class="like-count">1</span>' in page, "instance A does not show the like made through B")

    def cli_on_postgres():
        expect(state.get("url"), "no migrated database")
        completed = run_cli(binary, ["user", "add", "--database", state["url"], "--email", "pg-user@example.com", "--name", "Pat Gres"], cwd=work)
        expect(completed.returncode == 0, f"user add --database failed: {describe(completed)}")
        completed = run_cli(binary, ["post", "add", "--database", state["url"], "--title", "Straight into PostgreSQL", "--author", OWNER_EMAIL], cwd=work)
        expect(completed.returncode == 0 and "/p/straight-into-postgresql" in completed.stdout, f"post add --database failed: {describe(completed)}")

    check("postgres: migrate-data copies the SQLite site, refuses a second copy, --force replaces it", migrate_data)
    check("postgres: two instances share comments, sessions and likes (one via PARLEY_DATABASE)", instances_share_everything)
    check("postgres: user add and post add work with --database", cli_on_postgres)


if __name__ == "__main__":
    sys.exit(main())
