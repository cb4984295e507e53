#!/usr/bin/env python3
"""`parley backup` and `parley restore` as an operator runs them, with writes in flight.

A real `parley serve` takes subscriptions through the JSON API from a writer thread (each
answered 202 is an acknowledged write, durable by the spec); meanwhile `parley backup` copies
the database. The backup is restored into a new data folder with `parley restore`, and then:
the restored site starts and answers, passes SQLite's integrity check, holds every write
acknowledged before the backup began, and holds a gapless prefix of the writes (one moment,
nothing half-done). Also `parley export` of the running restored site, imported with `parley
import parley` into a new folder and exported again to standard output: the same bytes. And the refusals: a
database in use, a folder holding a site without --force (and with it, the old one kept), an
existing backup file, a file that is not a backup, a PostgreSQL site.

usage: backup_restore_test.py PATH/TO/parley
Prints `ok: NAME` or `FAIL: NAME`, then "backup: N passed, M failed"; exits 1 on any failure.
Standard library only; every wait is bounded; every process started is killed.
"""
import glob
import http.client
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback

CLI_TIMEOUT = 120        # seconds for one command (a backup of a small site takes well under one)
HEALTH_TIMEOUT = 60      # seconds for a server to answer /healthz
WRITE_LIMIT = 4000       # writes at most, whatever happens
WRITE_SECONDS = 90       # and for at most this long


def clean_env():
    return {key: value for key, value in os.environ.items() if not key.startswith("PARLEY_")}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


class Server:
    def __init__(self, binary, data, work, label, extra=()):
        self.port = free_port()
        self.log = open(os.path.join(work, f"server-{label}.log"), "wb")
        self.process = subprocess.Popen(
            [binary, "serve", "--data", data, "--port", str(self.port), "--trusted-proxies", "127.0.0.1"] + list(extra),
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=clean_env())
        deadline = time.monotonic() + HEALTH_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server exited with {self.process.returncode} before answering /healthz")
            try:
                if request(self.port, "GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError("the server did not answer /healthz in time")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


class Writer(threading.Thread):
    """Subscribes w0@, w1@, ... one after another; keeps the acknowledged ones in order. Each
    request comes from another address (X-Forwarded-For, the server trusts 127.0.0.1), so the
    per-address limit of the subscribe form does not stop it."""

    def __init__(self, port, token):
        super().__init__(daemon=True)
        self.port, self.token = port, token
        self.acknowledged = []
        self.refused = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def run(self):
        deadline = time.monotonic() + WRITE_SECONDS
        for number in range(WRITE_LIMIT):
            if self.stop.is_set() or time.monotonic() > deadline:
                return
            address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
            try:
                status, body = request(self.port, "POST", "/api/v1/subscriptions",
                                       body=json.dumps({"email": f"w{number}@example.com"}),
                                       headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json",
                                                "X-Forwarded-For": address})
            except OSError as error:
                self.refused.append((number, str(error)))
                return
            with self.lock:
                if status == 202:
                    self.acknowledged.append(number)
                else:
                    self.refused.append((number, f"{status} {body[:200]}"))
                    return

    def count(self):
        with self.lock:
            return len(self.acknowledged)

    def snapshot(self):
        with self.lock:
            return list(self.acknowledged)


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="parley-backup-")
    live, restored = os.path.join(work, "live"), os.path.join(work, "restored")
    backup = os.path.join(work, "site.backup")
    passed = failed = 0
    servers = []
    state = {}

    def cli(*args):
        return subprocess.run([binary] + list(args), capture_output=True, text=True, timeout=CLI_TIMEOUT, env=clean_env())

    def check(name, body):
        nonlocal passed, failed
        try:
            body()
            passed += 1
            print(f"ok: {name}", flush=True)
        except Exception as error:  # noqa: BLE001 - every error is a failed check
            failed += 1
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            print(f"FAIL: {name}: {detail}", flush=True)

    def restored_writes(database):
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            emails = [row[0] for row in connection.execute("SELECT email FROM subscribers WHERE email LIKE 'w%@example.com'")]
        finally:
            connection.close()
        return sorted(int(email[1:].split("@")[0]) for email in emails)

    def backup_while_writing():
        server = Server(binary, live, work, "live")
        servers.append(server)
        added = cli("user", "add", "--email", "owner@example.com", "--name", "Owner", "--role", "owner", "--data", live)
        assert added.returncode == 0, added.stderr
        token = cli("token", "add", "--email", "owner@example.com", "--data", live)
        assert token.returncode == 0, token.stderr
        writer = Writer(server.port, token.stdout.strip().splitlines()[-1].strip())
        writer.start()
        deadline = time.monotonic() + 30
        while writer.count() < 50 and time.monotonic() < deadline and writer.is_alive():
            time.sleep(0.05)
        assert writer.count() >= 50, f"only {writer.count()} writes acknowledged before the backup: {writer.refused[:3]}"
        before = writer.snapshot()
        started = time.monotonic()
        taken = cli("backup", backup, "--data", live)
        state["backup_seconds"] = time.monotonic() - started
        during = writer.count() - len(before)
        time.sleep(0.5)
        writer.stop.set()
        writer.join(timeout=30)
        assert taken.returncode == 0, f"backup failed: {taken.stderr}"
        assert "Backed up to" in taken.stdout, taken.stdout
        mode = os.stat(backup).st_mode & 0o777
        assert mode == 0o600, f"the backup holds password hashes and secrets, yet its mode is {oct(mode)}"
        assert during > 0, "no write was acknowledged while the backup ran: the test proves nothing"
        state.update(before=before, all=writer.snapshot(), during=during, server=server)
        print(f"  {len(before)} writes acknowledged before the backup, {during} during it "
              f"({state['backup_seconds']:.2f} s), {len(writer.snapshot())} in all; backup: {taken.stdout.strip()}")

    def restore_into_new_folder():
        done = cli("restore", backup, "--data", restored)
        assert done.returncode == 0, done.stderr
        assert "Restored" in done.stdout, done.stdout
        database = os.path.join(restored, "parley.sqlite")
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            connection.close()
        writes = restored_writes(database)
        missing = sorted(set(state["before"]) - set(writes))
        assert not missing, f"acknowledged before the backup but not restored: {missing[:10]}"
        assert writes == list(range(len(writes))), "the restored writes are not one gapless prefix"
        assert len(writes) <= len(state["all"]) + 1, "the backup holds more writes than were made"
        print(f"  restored {len(writes)} writes: every one of the {len(state['before'])} acknowledged before the backup")

    def restored_site_runs():
        server = Server(binary, restored, work, "restored")
        servers.append(server)
        state["restored_server"] = server
        assert request(server.port, "GET", "/")[0] == 200
        exported = os.path.join(work, "restored.jsonl")
        done = cli("export", "--out", exported, "--data", restored)
        assert done.returncode == 0, done.stderr
        mode = os.stat(exported).st_mode & 0o777
        assert mode == 0o600, f"the export holds password hashes and secrets, yet its mode is {oct(mode)}"
        with open(exported, encoding="utf-8") as handle:
            lines = [json.loads(line) for line in handle]
        assert lines[0] == {"type": "header", "format": "parley-export", "version": 1}, lines[0]
        assert lines[-1] == {"type": "end", "records": len(lines) - 2}, lines[-1]
        emails = {line["email"] for line in lines if line["type"] == "subscriber"}
        assert all(f"w{number}@example.com" in emails for number in state["before"])
        assert any(line["type"] == "member" and line["email"] == "owner@example.com" for line in lines)

    def export_import_export_is_identical():
        first = os.path.join(work, "first.jsonl")
        done = cli("export", "--out", first, "--data", restored)
        assert done.returncode == 0, done.stderr
        if "<kind>" not in cli("import", "--help").stdout:
            print("  skip: parley import is not built in this tree yet")
            return
        imported = cli("import", "parley", first, "--data", os.path.join(work, "imported"))
        assert imported.returncode == 0, imported.stdout + imported.stderr
        again = cli("export", "--data", os.path.join(work, "imported"))
        assert again.returncode == 0, again.stderr
        with open(first, encoding="utf-8") as handle:
            assert handle.read() == again.stdout, "the export of the imported site differs from the export imported"
        refused = cli("import", "parley", first, "--data", os.path.join(work, "imported"))
        assert refused.returncode != 0 and "not empty" in refused.stderr, refused.stdout + refused.stderr

    def demo_site_round_trip():
        if "<kind>" not in cli("import", "--help").stdout:
            print("  skip: parley import is not built in this tree yet")
            return
        demo = os.path.join(work, "demo")
        server = Server(binary, demo, work, "demo", extra=["--demo"])
        servers.append(server)
        first = os.path.join(work, "demo.jsonl")
        done = cli("export", "--out", first, "--data", demo)
        server.stop()
        servers.remove(server)
        assert done.returncode == 0, done.stderr
        copy = os.path.join(work, "demo-copy")
        imported = cli("import", "parley", first, "--data", copy)
        assert imported.returncode == 0, imported.stdout + imported.stderr
        again = cli("export", "--data", copy)
        assert again.returncode == 0, again.stderr
        with open(first, encoding="utf-8") as handle:
            text = handle.read()
        assert text == again.stdout, "the demo site's export changed on its way through an import"
        types = {json.loads(line)["type"] for line in text.splitlines()}
        assert {"publication", "member", "post", "comment", "like"} <= types, sorted(types)

    def refuses_a_database_in_use():
        other = os.path.join(work, "other.backup")
        shutil.copy(backup, other)
        done = cli("restore", other, "--data", restored, "--force")
        assert done.returncode == 1 and "open in another process" in done.stderr, done.stdout + done.stderr
        state["restored_server"].stop()
        servers.remove(state["restored_server"])

    def refuses_a_site_without_force_and_keeps_it_with_force():
        done = cli("restore", backup, "--data", restored)
        assert done.returncode == 1 and "--force" in done.stderr, done.stdout + done.stderr
        forced = cli("restore", backup, "--data", restored, "--force")
        assert forced.returncode == 0, forced.stderr
        kept = glob.glob(os.path.join(restored, "parley.sqlite.replaced-*"))
        assert len(kept) == 1 and "kept as" in forced.stdout, (kept, forced.stdout)

    def other_refusals():
        again = cli("backup", backup, "--data", live)
        assert again.returncode == 1 and "exists already" in again.stderr, again.stderr
        junk = os.path.join(work, "junk.backup")
        with open(junk, "w") as handle:
            handle.write("not a database\n" * 100)
        bad = cli("restore", junk, "--data", os.path.join(work, "junk-site"))
        assert bad.returncode == 1 and "error:" in bad.stderr, bad.stderr
        assert not os.path.exists(os.path.join(work, "junk-site", "parley.sqlite")), "a bad backup left a database"
        postgres = cli("backup", os.path.join(work, "pg.backup"), "--database", "postgres://u:secret@127.0.0.1:1/db")
        assert postgres.returncode == 1 and "pg_dump" in postgres.stderr and "secret" not in postgres.stderr, postgres.stderr

    try:
        for name, body in [
            ("a backup taken while the server writes succeeds", backup_while_writing),
            ("the restored database is whole and holds every write acknowledged before the backup, as one moment",
             restore_into_new_folder),
            ("the restored site serves, and exports while it runs", restored_site_runs),
            ("an export imported into a new folder exports the same bytes (standard output), and a second import is refused",
             export_import_export_is_identical),
            ("the demo site's export, imported into a new folder, exports the same bytes", demo_site_round_trip),
            ("restore refuses a database another process has open", refuses_a_database_in_use),
            ("restore refuses a folder holding a site unless --force, and then keeps the old database",
             refuses_a_site_without_force_and_keeps_it_with_force),
            ("backup refuses an existing file and PostgreSQL; restore refuses a file that is not a backup", other_refusals),
        ]:
            if name != "a backup taken while the server writes succeeds" and "before" not in state:
                failed += 1
                print(f"FAIL: {name}: skipped, no backup was taken", flush=True)
                continue
            check(name, body)
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"backup: {passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
