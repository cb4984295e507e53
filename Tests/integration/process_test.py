#!/usr/bin/env python3
"""Process-level integration test of the real `parley` executable.

Runs the binary as separate processes on 127.0.0.1: the command line (help, `user add`,
`post add`), environment twins of the flags, the command line working while a server runs on
the same data folder, durability of an acknowledged comment, like and subscription across a
`kill -9`, and refusals of bad server flags. Then mail through a real SMTP server
(Tests/MailTests/support/smtp_sink.py, aiosmtpd, run as a process of its own): sign-in by
link for a new member, the durable outbox across `kill -9`, retries after a 451, double
opt-in, a newsletter with RFC 8058 one-click unsubscribe, and mail written to files when no
SMTP server is configured.

    python3 Tests/integration/process_test.py PATH_TO_PARLEY_BINARY

Prints `ok: NAME` or `FAIL: NAME` with the reason for every check, then exactly one line
`integration: N passed, M failed`; exits 1 when anything failed. Standard library only. Every
wait is bounded, every server it starts is killed and every temporary folder removed.
"""

import email
import email.policy
import glob
import html
import http.client
import json
import os
import random
import re
import select
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
SINK_TIMEOUT = 15         # seconds the SMTP sink may take to print READY
MAIL_TIMEOUT = 20         # seconds for mail that leaves at once (a sign-in link) to reach the sink
RETRY_TIMEOUT = 75        # seconds for mail whose first attempt failed: back-off 15-30 s, a 5 s poll, slack
NEWSLETTER_TIMEOUT = 40   # seconds for a post to reach subscribers: batches every 10 s, then the outbox
SETTLE = 5                # seconds to wait after an arrival before saying "exactly one copy"

SINK_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "MailTests", "support", "smtp_sink.py")

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
        # This script posts forms the moment it has them: the minimum fill time of the subscribe
        # and sign-in forms (a trap for scripts) is turned off, unless a check sets it.
        env = {"PARLEY_FORM_MIN_SECONDS": "0", **env}
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


# ---------------------------------------------------------------- mail

class Sink:
    """The SMTP sink (aiosmtpd) as a process of its own on a free port: one NNNNNN.json and
    NNNNNN.eml per message accepted. It stops when its standard input closes, so a crashed
    test leaves nothing behind."""

    def __init__(self, directory, log_dir, extra_args=()):
        self.directory = directory
        self.log_path = os.path.join(log_dir, f"sink-{time.monotonic_ns()}.log")
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen([sys.executable, SINK_SCRIPT, "--dir", directory, "--port", "0", "--watch-stdin"]
                                        + list(extra_args), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log)
        self.port = None
        deadline = time.monotonic() + SINK_TIMEOUT
        line = b""
        while time.monotonic() < deadline and not line.endswith(b"\n"):
            ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            chunk = os.read(self.process.stdout.fileno(), 1)
            if not chunk:
                break
            line += chunk
        match = re.match(rb"READY (\d+)", line)
        if not match:
            self.stop()
            raise CheckFailed(f"the SMTP sink did not print READY within {SINK_TIMEOUT} s (got {line!r}); "
                              f"its log: {self.log_tail()!r}")
        self.port = int(match.group(1))

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def log_tail(self, limit=600):
        try:
            with open(self.log_path, "rb") as handle:
                return short(handle.read().decode("utf-8", "replace")[-limit:], limit)
        except OSError:
            return ""

    def messages(self):
        """Every message received so far, in order, as the sink described it (plus "file")."""
        found = []
        for path in sorted(glob.glob(os.path.join(self.directory, "[0-9]*.json"))):
            with open(path, "r", encoding="utf-8") as handle:
                message = json.load(handle)
            message["file"] = path
            found.append(message)
        return found

    def to(self, address):
        """The messages whose envelope names `address` as a recipient."""
        return [m for m in self.messages() if address.lower() in [r.lower() for r in m.get("rcpt_tos", [])]]

    def wait_for(self, address, timeout, what, matching=lambda message: True):
        """Waits up to `timeout` s for a message to `address` that `matching` accepts; returns them all."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.to(address) if matching(m)]
            if found:
                return found
            if time.monotonic() >= deadline:
                everyone = [(m.get("rcpt_tos"), m.get("subject")) for m in self.messages()]
                raise CheckFailed(f"no {what} reached the SMTP sink for {address} within {timeout} s "
                                  f"(the sink holds {short(repr(everyone), 400)}; its log: {self.log_tail()!r})")
            time.sleep(0.25)

    def stop(self):
        """Closes its standard input (it stops), kills it if it does not; safe to call twice."""
        try:
            if self.process.stdin and not self.process.stdin.closed:
                self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT)
        except Exception:  # noqa: BLE001 - best effort in cleanup
            pass
        finally:
            for stream in (self.process.stdout, self.log):
                try:
                    stream.close()
                except (OSError, AttributeError):
                    pass


sinks = []                # every SMTP sink started, stopped at the end whatever happened


def start_sink(work, logs, label, extra_args=()):
    directory = tempfile.mkdtemp(prefix=f"sink-{label}-", dir=work)
    sink = Sink(directory, logs, extra_args)
    sinks.append(sink)
    return sink


def mail_header(message, name):
    """Every value of header `name` of a message the sink described."""
    return [value for key, value in message.get("headers", []) if key.lower() == name.lower()]


def find_link(text, prefix):
    """The first URL in `text` that starts with `prefix` (a query value of base64url characters after it)."""
    match = re.search(re.escape(prefix) + r"[A-Za-z0-9_\-]+", text or "")
    return match.group(0) if match else None


def local_path(url):
    """The path and query of `url`, to request from the server on 127.0.0.1."""
    parts = urllib.parse.urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def title_of(page):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    return html.unescape(match.group(1)).strip() if match else None


def read_database(data, sql, args=()):
    """Rows of `sql` from DATA/parley.sqlite, opened read-only beside the running server."""
    path = os.path.join(data, "parley.sqlite")
    database = sqlite3.connect(f"file:{urllib.parse.quote(path)}?mode=ro", uri=True, timeout=10)
    try:
        return database.execute(sql, args).fetchall()
    finally:
        database.close()


def outbox_rows(data, recipient):
    """(id, status, attempts, last_error) of the outbox rows for `recipient`."""
    return read_database(data, "SELECT id, status, attempts, last_error FROM outbox WHERE lower(recipient) = ? ORDER BY id",
                         (recipient.lower(),))


def subscriber_row(data, address):
    """(id, status) of the subscriber with `address`, or None."""
    rows = read_database(data, "SELECT id, status FROM subscribers WHERE lower(email) = ?", (address.lower(),))
    return rows[0] if rows else None


def wait_until(condition, timeout, what, interval=0.25):
    """Calls `condition` until it returns something true (returned) or `timeout` s pass (CheckFailed)."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = condition()
        if last:
            return last
        if time.monotonic() >= deadline:
            raise CheckFailed(f"{what} (not within {timeout} s; last seen: {short(repr(last), 300)})")
        time.sleep(interval)


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
        for sink in sinks:
            sink.stop()
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
    def no_site_refused():
        # A mistyped --data names a folder that holds no site: refused, naming it, and nothing made.
        typo = os.path.join(work, "sitte")
        commands = [
            ["user", "add", "--data", typo, "--email", "typo@example.com", "--name", "Typo"],
            ["post", "add", "--data", typo, "--title", "Typo", "--author", OWNER_EMAIL, "--body-file", body_file],
            ["migrate-data", "--data", typo, "--to", "postgres://u:secret@127.0.0.1:1/x"],
        ]
        for args in commands:
            completed = run_cli(binary, args, cwd=work)
            expect(completed.returncode != 0, f"`parley {args[0]}` accepted a folder without a site: {describe(completed)}")
            expect(typo in completed.stderr and "no Parley site" in completed.stderr,
                   f"`parley {args[0]}` does not say which folder holds no site: {describe(completed)}")
            expect(len(completed.stderr.strip().splitlines()) == 1, f"more than one line: {describe(completed)}")
            expect("names no member" not in completed.stderr, describe(completed))
            expect(not os.path.exists(typo), f"`parley {args[0]}` created {typo}")

    def serve_creates_site():
        port = free_port()
        server = start_server(binary, port, data, logs, "create")
        try:
            server.process.send_signal(signal.SIGTERM)
            server.process.wait(timeout=STOP_TIMEOUT)
        finally:
            server.kill()
        expect(os.path.exists(os.path.join(data, "parley.sqlite")), "serve made no parley.sqlite in the data folder")

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

    def post_needs_body():
        completed = run_cli(binary, ["post", "add", "--data", data, "--title", "Nothing to say", "--author", OWNER_EMAIL])
        expect(completed.returncode != 0, f"published a post without --body-file: {describe(completed)}")
        expect("--body-file" in completed.stderr, f"the message does not name --body-file: {describe(completed)}")
        empty = os.path.join(work, "empty.md")
        with open(empty, "w", encoding="utf-8") as handle:
            handle.write("  \n")
        completed = run_cli(binary, ["post", "add", "--data", data, "--title", "Nothing to say", "--author", OWNER_EMAIL,
                                     "--body-file", empty])
        expect(completed.returncode != 0 and "empty" in completed.stderr, f"published an empty body file: {describe(completed)}")
        (count,) = read_database(data, "SELECT count(*) FROM posts WHERE title = ?", ("Nothing to say",))[0]
        expect(count == 0, f"{count} posts titled 'Nothing to say' were stored")
        completed = run_cli(binary, ["post", "add", "--data", data, "--title", "Just an idea", "--author", OWNER_EMAIL, "--draft"])
        expect(completed.returncode == 0 and "Saved draft" in completed.stdout, f"a draft without a body was refused: {describe(completed)}")

    def bidi_name():
        completed = run_cli(binary, ["user", "add", "--data", data, "--email", "eve@example.com", "--name", "Eve\u202egnp.exe\u2066"])
        expect(completed.returncode == 0, describe(completed))
        (name,) = read_database(data, "SELECT display_name FROM members WHERE email = ?", ("eve@example.com",))[0]
        expect(name == "Evegnp.exe", f"the stored name is {name!r}, with its bidirectional controls")

    def bad_slug():
        completed = run_cli(binary, ["post", "add", "--data", data, "--title", "Slugged", "--author", OWNER_EMAIL,
                                     "--slug", "Bad Slug", "--body-file", body_file])
        expect(completed.returncode != 0, f"accepted --slug 'Bad Slug': {describe(completed)}")
        expect("slug" in completed.stderr.lower(), f"the message does not name the slug: {describe(completed)}")

    check("cli: user add, post add and migrate-data refuse a folder without a site, naming it, creating nothing", no_site_refused)
    check("serve: creates the site in a new data folder", serve_creates_site)
    check("cli: user add owner with --password-stdin", add_owner)
    check("cli: user add refuses a taken email in another case", duplicate_email)
    check("cli: user add refuses --role wizard", unknown_role)
    check("cli: user add refuses a short password", short_password)
    check("cli: post add prints /p/hello-there", add_post)
    check("cli: post add refuses an unknown author", unknown_author)
    check("cli: post add refuses --slug 'Bad Slug'", bad_slug)
    check("cli: post add refuses to publish without a body (or with an empty one); a --draft needs none", post_needs_body)
    check("cli: user add strips bidirectional controls from the name", bidi_name)

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

    def sqlite_database_url():
        path = os.path.join(work, "other.sqlite")
        completed = run_cli(binary, ["serve", "--port", str(free_port()), "--data", os.path.join(work, "unused-4"),
                                     "--database", f"sqlite://{path}"], cwd=work)
        expect(completed.returncode != 0, f"accepted --database sqlite://: {describe(completed)}")
        expect("postgres://" in completed.stderr and "--database" in completed.stderr, f"unclear message: {describe(completed)}")
        expect(not os.path.exists(path) and not os.path.exists(os.path.join(work, "unused-4")), "something was created")

    def unreachable_postgres():
        # Nothing listens on a fresh port; a .invalid name never resolves (RFC 6761).
        for url, words in ((f"postgres://u:secret@127.0.0.1:{free_port()}/x", "refused"),
                           ("postgresql://u:secret@no-such-host.invalid:5432/x", "does not resolve")):
            for args in (["user", "add", "--database", url, "--email", "pg@example.com", "--name", "Pat"],
                         ["serve", "--port", str(free_port()), "--database", url]):
                started = time.monotonic()
                completed = run_cli(binary, args, cwd=work)
                took = time.monotonic() - started
                output = completed.stdout + completed.stderr
                expect(completed.returncode != 0, f"`parley {args[0]}` accepted {url}: {describe(completed)}")
                expect(took < 10, f"`parley {args[0]}` took {took:.1f} s to give up on {url}")
                expect(words in completed.stderr, f"`parley {args[0]}` does not say {words!r}: {describe(completed)}")
                expect("PSQLError" not in output, f"raw PSQLError lines: {describe(completed)}")
                expect(len(completed.stderr.strip().splitlines()) == 1, f"more than one line on stderr: {describe(completed)}")
                expect("secret" not in output, f"the password was repeated: {describe(completed)}")

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
    check("serve: --database sqlite://... is refused, not ignored", sqlite_database_url)
    check("cli and serve: an unreachable PostgreSQL (refused, unresolvable) fails at once with one clear line", unreachable_postgres)

    mail_checks(binary, work, data, logs, body_file)
    postgres_checks(binary, work, data, logs, body_file)


def mail_checks(binary, work, data, logs, body_file):
    """Mail through a real SMTP server, on the shared data folder (its owner writes the posts)."""
    mail_from = "Parley Tests <news@example.com>"
    if not os.path.exists(SINK_SCRIPT):
        check("mail: the SMTP sink script exists", lambda: expect(False, f"{SINK_SCRIPT} is missing"))
        return

    # 7. sign-in by link through SMTP ---------------------------------------------------
    port = free_port()
    newcomer = f"newcomer-{random.randrange(10**9)}@example.com"
    state = {"browser": Browser(port)}

    def link_mail_arrives():
        state["sink"] = sink = start_sink(work, logs, "sign-in")
        state["server"] = start_server(binary, port, data, logs, "mail-sign-in",
                                       ["--smtp-url", sink.url, "--mail-from", mail_from])
        browser = state["browser"]
        status, _, _ = browser.get("/sign-in?next=/p/hello-there")
        expect(status == 200, f"GET /sign-in answered {status}")
        status, _, page = browser.post("/sign-in", {"email": newcomer, "next": "/p/hello-there"})
        expect(status == 200, f"POST /sign-in (link request) answered {status}: {short(page, 300)!r}")
        expect(title_of(page) == "Check your email", f"the answer page is titled {title_of(page)!r}, not 'Check your email'")
        state["answer_page"] = page
        message = sink.wait_for(newcomer, MAIL_TIMEOUT, "sign-in mail")[0]
        expect((message.get("to") or {}).get("address", "").lower() == newcomer,
               f"the To header is {message.get('to')!r}, not {newcomer}")
        expect((message.get("from") or {}).get("address") == "news@example.com",
               f"the From header is {message.get('from')!r}, not the --mail-from address")
        expect(re.search(r"sign[ -]?in|signing in", message.get("subject", ""), re.I),
               f"the subject {message.get('subject')!r} does not mention signing in")
        expect(not mail_header(message, "List-Unsubscribe"), "a sign-in mail carries List-Unsubscribe")
        # --public-url not given: links point at http://HOST:PORT.
        link = find_link(message.get("text"), f"http://127.0.0.1:{port}/sign-in/link?token=")
        expect(link, f"no http://127.0.0.1:{port}/sign-in/link?token=... in the text: {short(message.get('text') or '', 400)!r}")
        expect(message.get("html") is not None, "the sign-in mail has no HTML part")
        expect(link in html.unescape(message["html"]), "the HTML body does not carry the same link")
        state["link"] = local_path(link)
        state["token"] = link.split("token=", 1)[1]
        expect(state["token"] not in state["server"].log_tail(100_000),
               "with SMTP configured the sign-in link still reached the server log")

    def name_form():
        expect(state.get("link"), "no sign-in link")
        browser = state["browser"]
        for attempt in (1, 2):                     # opening the link twice uses nothing
            status, _, page = browser.get(state["link"])
            expect(status == 200, f"GET of the link (time {attempt}) answered {status}: {short(page, 300)!r}")
            expect('class="sign-in-link-use"' in page and 'name="name"' in page, "the link page has no name field")
            expect("Your name" in page and "Join and sign in" in page, "the link page lacks 'Your name' / 'Join and sign in'")
            expect(f'name="token" value="{state["token"]}"' in page, "the form does not carry the token")
        status, headers, page = browser.post("/sign-in/link", {"token": state["token"], "name": "   "})
        expect(status == 422, f"an empty name answered {status} (expected 422): {short(page, 300)!r}")
        expect('id="new-member-name-error"' in page, "no error next to the name field")
        expect(not browser.cookies.get("__Host-parley_session"), "an empty name still signed in")
        status, _, page = browser.get(state["link"])
        expect(status == 200 and 'name="name"' in page, f"after the refused name the link is no longer usable ({status})")

    def use_link():
        expect(state.get("link"), "no sign-in link")
        browser = state["browser"]
        status, headers, page = browser.post("/sign-in/link", {"token": state["token"], "name": "Nina Newcomer"})
        expect(status == 303, f"POST /sign-in/link answered {status} (expected 303): {short(page, 300)!r}")
        location = headers.get("Location") or ""
        expect(urllib.parse.urlsplit(location).path == "/p/hello-there", f"redirected to {location!r}, not the next path /p/hello-there")
        expect(browser.cookies.get("__Host-parley_session"), f"no session cookie; Set-Cookie: {headers.get_all('Set-Cookie')}")
        status, _, page = browser.get("/settings")
        expect(status == 200, f"GET /settings answered {status}")
        expect("Nina Newcomer" in page, "/settings does not show the new member's name")
        expect(newcomer in page, "/settings does not show the new member's address")
        rows = read_database(data, "SELECT display_name FROM members WHERE lower(email) = ?", (newcomer,))
        expect(rows == [("Nina Newcomer",)], f"members rows for {newcomer}: {rows!r}")

    def used_and_unknown():
        expect(state.get("link"), "no sign-in link")
        fresh = Browser(port)
        fresh.get("/sign-in")
        status, _, page = fresh.post("/sign-in/link", {"token": state["token"], "name": "Someone Else"})
        expect(status == 410, f"using the link again answered {status} (expected 410): {short(page, 300)!r}")
        expect(title_of(page) == "This sign-in link was already used", f"the page is titled {title_of(page)!r}")
        expect(not fresh.cookies.get("__Host-parley_session"), "a used link signed in again")
        status, _, page = fresh.get(state["link"])
        expect(status == 410 and title_of(page) == "This sign-in link was already used",
               f"GET of the used link answered {status}, {title_of(page)!r}")
        unknown = "A" * 43
        status, _, page = fresh.get(f"/sign-in/link?token={unknown}")
        expect(status == 404, f"GET of an unknown token answered {status} (expected 404)")
        expect(title_of(page) == "This sign-in link is not valid", f"the page is titled {title_of(page)!r}")
        status, _, page = fresh.post("/sign-in/link", {"token": unknown, "name": "Mallory"})
        expect(status == 404, f"POST of an unknown token answered {status} (expected 404)")
        expect(not fresh.cookies.get("__Host-parley_session"), "an unknown token signed in")

    def no_disclosure():
        expect(state.get("answer_page"), "no answer page for the new address")
        browser = Browser(port)
        browser.get("/sign-in")
        unknown = f"nobody-{random.randrange(10**9)}@example.com"
        answers = []
        for address in (unknown, OWNER_EMAIL):
            status, _, page = browser.post("/sign-in", {"email": address, "next": "/"})
            answers.append((status, page.replace(address, "ADDRESS")))
        expect(answers[0][0] == answers[1][0] == 200, f"statuses {answers[0][0]} and {answers[1][0]} (expected 200 twice)")
        expect(answers[0][1] == answers[1][1], "the pages for an unknown and a known address differ beyond the address: "
               f"{short(answers[0][1], 300)!r} vs {short(answers[1][1], 300)!r}")
        # The known member's link asks nothing: one button.
        message = state["sink"].wait_for(OWNER_EMAIL, MAIL_TIMEOUT, "sign-in mail")[-1]
        link = find_link(message.get("text"), f"http://127.0.0.1:{port}/sign-in/link?token=")
        expect(link, "no link in the owner's sign-in mail")
        status, _, page = browser.get(local_path(link))
        expect(status == 200 and f"Continue as {OWNER_EMAIL}" in page and 'name="name"' not in page,
               f"the owner's link page answered {status} without a lone 'Continue as {OWNER_EMAIL}' button")

    try:
        check("mail: a sign-in link for a new address arrives through SMTP (To, From, subject, link, no List-Unsubscribe)",
              link_mail_arrives)
        check("mail: opening the link uses nothing; it asks a new member's name; an empty name is 422, link kept", name_form)
        check("mail: using the link signs in (303 to next, session); /settings shows the name", use_link)
        check("mail: the used link answers 410 'already used', an unknown token 404", used_and_unknown)
        check("mail: the link request answers the same for an unknown and a known address", no_disclosure)
    finally:
        if state.get("server"):
            state["server"].kill()
        if state.get("sink"):
            state["sink"].stop()

    # 8. no SMTP: mail goes to DATA/mail, the link to the log ---------------------------
    def mail_to_files():
        port = free_port()
        address = f"filed-{random.randrange(10**9)}@example.com"
        server = start_server(binary, port, data, logs, "mail-files")
        try:
            browser = Browser(port)
            browser.get("/sign-in")
            status, _, page = browser.post("/sign-in", {"email": address, "next": "/"})
            expect(status == 200, f"POST /sign-in answered {status}: {short(page, 300)!r}")
            pattern = re.compile(r"Sign-in link for " + re.escape(address) + r".*?(https?://\S+?/sign-in/link\?token=[A-Za-z0-9_\-]+)")

            def logged():
                match = pattern.search(server.log_tail(200_000))
                return match.group(1) if match else None
            link = wait_until(logged, MAIL_TIMEOUT, f"no line 'Sign-in link for {address} ... URL' in the server log")

            def written():
                for path in sorted(glob.glob(os.path.join(data, "mail", "*.eml"))):
                    with open(path, "rb") as handle:
                        message = email.message_from_bytes(handle.read(), policy=email.policy.default)
                    if address in str(message.get("To", "")):
                        return message
                return None
            message = wait_until(written, MAIL_TIMEOUT, f"no .eml to {address} under DATA/mail")
            body = message.get_body(preferencelist=("plain",))
            text = body.get_content() if body is not None else ""
            expect(link in text, f"the .eml does not carry the logged link {link!r}: {short(text, 300)!r}")
            status, _, page = browser.get(local_path(link))
            expect(status == 200 and 'name="name"' in page, f"the logged link's page answered {status} without the name form")
            status, headers, page = browser.post("/sign-in/link", {"token": link.split("token=", 1)[1], "name": "Filed Fiona"})
            expect(status == 303 and browser.cookies.get("__Host-parley_session"),
                   f"using the logged link answered {status}: {short(page, 300)!r}")
            status, _, page = browser.get("/settings")
            expect(status == 200 and "Filed Fiona" in page, f"/settings after the logged link answered {status} without the name")
        finally:
            server.kill()

    check("mail: without --smtp-url a link request writes DATA/mail/*.eml and logs a link that works", mail_to_files)

    # 9. the outbox across kill -9 --------------------------------------------------------
    def outbox_survives_kill():
        port = free_port()
        closed = free_port()                       # nothing listens there: every attempt is refused
        address = f"outbox-{random.randrange(10**9)}@example.com"
        server = start_server(binary, port, data, logs, "outbox-1", ["--smtp-url", f"smtp://127.0.0.1:{closed}"])
        browser = Browser(port)
        browser.get("/sign-in")
        status, _, page = browser.post("/sign-in", {"email": address, "next": "/"})
        expect(status == 200, f"POST /sign-in answered {status}: {short(page, 300)!r}")
        rows = outbox_rows(data, address)
        expect(len(rows) == 1 and rows[0][1] == "pending", f"outbox rows right after the answer: {rows!r} (expected one pending)")
        # Let the refused attempt be recorded (its claim released, a retry planned), then kill:
        # a kill inside the claim would hide the job for the whole 10-minute lease.
        rows = wait_until(lambda: [r for r in outbox_rows(data, address) if r[2] >= 1 and r[3]], MAIL_TIMEOUT,
                          "the refused first attempt was not recorded in the outbox")
        expect(rows[0][1] == "pending", f"after a refused connection the row is {rows[0]!r} (expected pending, to retry)")
        server.kill9()
        sink = start_sink(work, logs, "outbox")
        try:
            server = start_server(binary, port, data, logs, "outbox-2", ["--smtp-url", sink.url])
            try:
                sink.wait_for(address, RETRY_TIMEOUT, "sign-in mail after the restart")
                time.sleep(SETTLE)
                copies = sink.to(address)
                expect(len(copies) == 1, f"{len(copies)} copies arrived (expected exactly 1)")
                rows = outbox_rows(data, address)
                expect(len(rows) == 1 and rows[0][1] == "sent", f"outbox rows after delivery: {rows!r} (expected one sent)")
                link = find_link(copies[0].get("text"), f"http://127.0.0.1:{port}/sign-in/link?token=")
                expect(link, "the delivered mail has no sign-in link")
                status, _, _ = request(port, "GET", local_path(link))
                expect(status == 200, f"the delivered link's page answered {status}")
            finally:
                server.kill()
        finally:
            sink.stop()

    check("mail: a committed sign-in mail survives kill -9 before it could be sent; sent once after restart",
          outbox_survives_kill)

    # 10. a temporary SMTP failure is retried ------------------------------------------
    def retried_after_451():
        # A data folder of its own: the sink fails the first message it gets, whichever it is,
        # so no older mail may be waiting in the outbox.
        site = os.path.join(work, "mail-retry")
        port = free_port()
        address = f"retry-{random.randrange(10**9)}@example.com"
        sink = start_sink(work, logs, "retry", ["--fail-data", "1:451"])
        try:
            server = start_server(binary, port, site, logs, "retry", ["--smtp-url", sink.url])
            try:
                browser = Browser(port)
                browser.get("/sign-in")
                status, _, page = browser.post("/sign-in", {"email": address, "next": "/"})
                expect(status == 200, f"POST /sign-in answered {status}: {short(page, 300)!r}")
                rows = wait_until(lambda: [r for r in outbox_rows(site, address) if r[2] >= 1 and r[3]], MAIL_TIMEOUT,
                                  "the first (451) attempt was not recorded in the outbox")
                expect(rows[0][1] == "pending" and "451" in rows[0][3], f"after the 451 the row is {rows[0]!r} (expected pending, last_error naming 451)")
                expect(not sink.to(address), "the sink kept a message it refused")
                sink.wait_for(address, RETRY_TIMEOUT, "retried sign-in mail")
                time.sleep(SETTLE)
                copies = sink.to(address)
                expect(len(copies) == 1, f"{len(copies)} copies arrived (expected exactly 1)")
                rows = outbox_rows(site, address)
                expect(len(rows) == 1 and rows[0][1] == "sent" and rows[0][2] >= 2,
                       f"outbox rows after delivery: {rows!r} (expected one sent after 2 or more attempts)")
            finally:
                server.kill()
        finally:
            sink.stop()

    check("mail: a 451 at the end of DATA is retried; the mail arrives once (attempts >= 2, sent)", retried_after_451)

    # 11. double opt-in, newsletter, one-click unsubscribe --------------------------------
    port = free_port()
    public = f"http://localhost:{port}"           # PARLEY_PUBLIC_URL, so links are told from the default
    leaving = f"leaving-{random.randrange(10**9)}@example.com"
    staying = f"staying-{random.randrange(10**9)}@example.com"
    news = {}

    def subscribe_pending():
        news["sink"] = sink = start_sink(work, logs, "newsletter")
        news["server"] = start_server(binary, port, data, logs, "newsletter", ["--smtp-url", sink.url],
                                      env=clean_env(PARLEY_PUBLIC_URL=public + "/", PARLEY_MAIL_FROM=mail_from))
        browser = Browser(port)
        browser.get("/")
        for address in (leaving, staying):
            status, _, page = browser.post("/subscribe", {"email": address})
            expect(status == 200, f"POST /subscribe {address} answered {status}: {short(page, 300)!r}")
            expect(title_of(page) == "Check your email to confirm", f"the answer is titled {title_of(page)!r}")
            row = subscriber_row(data, address)
            expect(row and row[1] == "pending", f"the subscriber row of {address} is {row!r} (expected pending)")
        for address in (leaving, staying):
            message = sink.wait_for(address, MAIL_TIMEOUT, "confirmation mail")[0]
            link = find_link(message.get("text"), f"{public}/subscribe/confirm?token=")
            expect(link, f"no {public}/subscribe/confirm?token=... in the confirmation text: {short(message.get('text') or '', 300)!r}")
            news[address] = local_path(link)

    def confirm():
        # Opening the link (as a mail scanner does) shows one button and confirms nothing;
        # the button (POST /subscribe/confirm with the token) confirms.
        expect(news.get(leaving) and news.get(staying), "no confirmation links")
        browser = Browser(port)
        for address in (leaving, staying):
            path = news[address]
            token = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["token"][0]
            status, _, page = browser.get(path)
            expect(status == 200, f"GET of the confirmation link answered {status}: {short(page, 300)!r}")
            expect(title_of(page) == "Confirm your subscription", f"the link's page is titled {title_of(page)!r}")
            expect('class="confirm-subscription-form"' in page and f'name="token" value="{token}"' in page,
                   "the link's page has no confirmation form carrying the token")
            row = subscriber_row(data, address)
            expect(row and row[1] == "pending", f"opening the link changed the subscriber row to {row!r} (expected pending)")
            status, _, page = browser.post("/subscribe/confirm", {"token": token})
            expect(status == 200, f"POST /subscribe/confirm answered {status}: {short(page, 300)!r}")
            expect(title_of(page) == "You're subscribed", f"the confirmation page is titled {title_of(page)!r}")
            row = subscriber_row(data, address)
            expect(row and row[1] == "active", f"after confirming, the subscriber row is {row!r} (expected active)")
        token = urllib.parse.parse_qs(urllib.parse.urlsplit(news[leaving]).query)["token"][0]
        status, _, page = browser.post("/subscribe/confirm", {"token": token})
        expect(status == 410, f"the confirmation link a second time answered {status} (expected 410)")
        expect(title_of(page) == "This confirmation link does not work", f"the page is titled {title_of(page)!r}")

    def post_add(title):
        completed = run_cli(binary, ["post", "add", "--data", data, "--title", title, "--author", OWNER_EMAIL, "--body-file", body_file])
        expect(completed.returncode == 0, f"post add {title!r}: {describe(completed)}")

    def about(title):
        return lambda message: title in message.get("subject", "") or title in (message.get("text") or "")

    def newsletter_arrives():
        expect(subscriber_row(data, leaving) and subscriber_row(data, leaving)[1] == "active", "the subscriber is not active")
        title = f"Letter one {random.randrange(10**9)}"
        post_add(title)
        sink = news["sink"]
        message = sink.wait_for(leaving, NEWSLETTER_TIMEOUT, f"newsletter {title!r}", about(title))[0]
        sink.wait_for(staying, NEWSLETTER_TIMEOUT, f"newsletter {title!r}", about(title))
        unsubscribe = mail_header(message, "List-Unsubscribe")
        expect(len(unsubscribe) == 1, f"List-Unsubscribe headers: {unsubscribe!r} (expected one)")
        match = re.search(r"<(https?://[^>]+)>", unsubscribe[0])
        expect(match, f"List-Unsubscribe holds no <https?://...>: {unsubscribe[0]!r}")
        url = match.group(1)
        expect(url.startswith(f"{public}/unsubscribe?"), f"the unsubscribe URL {url!r} is not under PARLEY_PUBLIC_URL {public}")
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        subscriber_id = subscriber_row(data, leaving)[0]
        expect(query.get("topics") == [f"n{subscriber_id}"] and query.get("sig"),
               f"the unsubscribe URL {url!r} does not name topics=n{subscriber_id} with a sig")
        post = mail_header(message, "List-Unsubscribe-Post")
        expect(post == ["List-Unsubscribe=One-Click"], f"List-Unsubscribe-Post headers: {post!r}")
        visible = (message.get("text") or "") + html.unescape(message.get("html") or "")
        expect(url in visible, "the unsubscribe link is not visible in the mail's body")
        news["unsubscribe"] = local_path(url)

    def unsubscribe_page_changes_nothing():
        expect(news.get("unsubscribe"), "no unsubscribe link")
        path = news["unsubscribe"]
        status, _, page = request(port, "GET", path, headers={"Accept": "text/html"})
        expect(status == 200, f"GET of the unsubscribe link answered {status}: {short(page, 300)!r}")
        action = html.escape(path, quote=True)
        expect(page.count('<form method="post" action="/unsubscribe?') == 1 and (action in page or path in page),
               f"the page has not exactly one form posting to {path}: {short(page, 600)!r}")
        expect("New posts by email" in page, "the page does not say it stops the newsletter")
        expect(subscriber_row(data, leaving)[1] == "active", "opening the unsubscribe link unsubscribed")
        parts = urllib.parse.urlsplit(path)
        query = urllib.parse.parse_qs(parts.query)
        sig = query["sig"][0]
        forged = sig[:-1] + ("A" if sig[-1] != "A" else "B")
        tampered = parts.path + "?" + urllib.parse.urlencode({"topics": query["topics"][0], "sig": forged})
        status, _, _ = request(port, "GET", tampered, headers={"Accept": "text/html"})
        expect(status == 404, f"GET with a tampered sig answered {status} (expected 404)")
        status, _, body = request(port, "POST", tampered, body=b"List-Unsubscribe=One-Click",
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
        expect(status == 404, f"one-click POST with a tampered sig answered {status} (expected 404): {short(body, 200)!r}")
        expect(subscriber_row(data, leaving)[1] == "active", "a tampered link unsubscribed")

    def one_click():
        expect(news.get("unsubscribe"), "no unsubscribe link")
        status, headers, body = request(port, "POST", news["unsubscribe"], body=b"List-Unsubscribe=One-Click",
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        expect(status == 200, f"one-click POST answered {status}: {short(body, 300)!r}")
        try:
            answer = json.loads(body)
        except ValueError:
            raise CheckFailed(f"the answer is not JSON (Content-Type {headers.get('Content-Type')!r}): {short(body, 300)!r}")
        expect(answer == {"unsubscribed": True}, f"the answer is {answer!r}")
        expect(subscriber_row(data, leaving)[1] == "unsubscribed", f"the subscriber row is {subscriber_row(data, leaving)!r}")
        expect(subscriber_row(data, staying)[1] == "active", "the other subscriber was unsubscribed too")

    def next_post_skips():
        expect(subscriber_row(data, leaving)[1] == "unsubscribed", "the reader is not unsubscribed")
        title = f"Letter two {random.randrange(10**9)}"
        post_add(title)
        sink = news["sink"]
        # The other subscriber's copy shows the batch went; the unsubscribed reader was in none.
        sink.wait_for(staying, NEWSLETTER_TIMEOUT, f"newsletter {title!r}", about(title))
        time.sleep(SETTLE)
        got = [m for m in sink.to(leaving) if about(title)(m)]
        expect(not got, f"the unsubscribed reader got {len(got)} copies of {title!r}")

    try:
        check("newsletter: subscribing mails a confirmation link; the subscriber is pending", subscribe_pending)
        check("newsletter: the link's page confirms nothing; its button makes the subscriber active; a second use is 410", confirm)
        check("newsletter: a post added while serving reaches confirmed subscribers with RFC 8058 headers", newsletter_arrives)
        check("newsletter: opening the unsubscribe link changes nothing; a tampered sig is 404", unsubscribe_page_changes_nothing)
        check("newsletter: a one-click POST (no cookie, no CSRF) unsubscribes and answers JSON", one_click)
        check("newsletter: the next post is not mailed to the unsubscribed reader", next_post_skips)
    finally:
        if news.get("server"):
            news["server"].kill()
        if news.get("sink"):
            news["sink"].stop()


def postgres_database(base_url, name):
    """Creates database `name` on the test server of `base_url`; returns its URL."""
    psql = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]
    completed = subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", base_url, "-c", f'CREATE DATABASE "{name}"'],
                               capture_output=True, text=True, timeout=CLI_TIMEOUT)
    expect(completed.returncode == 0, f"could not create database {name}: {completed.stderr}")
    parts = urllib.parse.urlsplit(base_url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def postgres_checks(binary, work, data, logs, body_file):
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
        completed = run_cli(binary, ["post", "add", "--database", state["url"], "--title", "Straight into PostgreSQL", "--author", OWNER_EMAIL,
                                     "--body-file", body_file], cwd=work)
        expect(completed.returncode == 0 and "/p/straight-into-postgresql" in completed.stdout, f"post add --database failed: {describe(completed)}")

    check("postgres: migrate-data copies the SQLite site, refuses a second copy, --force replaces it", migrate_data)
    check("postgres: two instances share comments, sessions and likes (one via PARLEY_DATABASE)", instances_share_everything)
    def empty_database_refused():
        url = postgres_database(base_url, f"integration_empty_{random.randrange(10**9)}")
        completed = run_cli(binary, ["user", "add", "--database", url, "--email", "pg-none@example.com", "--name", "Nobody"], cwd=work)
        expect(completed.returncode != 0 and "no Parley site" in completed.stderr, f"an empty database was taken for a site: {describe(completed)}")
        expect(len(completed.stderr.strip().splitlines()) == 1, f"more than one line on stderr: {describe(completed)}")
        # It names the server and the database, as the SQLite refusal names the file; never the password.
        parts = urllib.parse.urlsplit(url)
        where = f"{parts.hostname}:{parts.port or 5432}{parts.path}"
        expect(where in completed.stderr, f"the refusal does not name {where}: {describe(completed)}")
        expect(f":{parts.password}@" not in completed.stderr and parts.netloc not in completed.stderr,
               f"the refusal repeats the URL's credentials: {describe(completed)}")

    check("postgres: user add and post add work with --database", cli_on_postgres)
    check("postgres: user add refuses a database that holds no site, naming host:port/database", empty_database_refused)


if __name__ == "__main__":
    sys.exit(main())
