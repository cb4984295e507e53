#!/usr/bin/env python3
"""Live-updates benchmark: how many idle SSE readers one instance holds, and with how much memory.

Starts `parley serve --demo` on a fresh SQLite site on loopback, opens N readers of one post's
stream (`GET /live/{post}`, each waits for its `ready` event), and reads the server's resident
memory (VmRSS) before and after; then signs in as the demo reader, likes a comment, and times
how long the `likes` event takes to reach every reader. Everything is bounded: each step has a
deadline, and the server is stopped at the end. Prints one line per reader count.

Usage: scripts/bench-live.py [--bin PATH] [--readers 100,500,990]
  --bin      the parley executable (default: a release build, made first; a debug build at
             .build/debug/parley works too and says so in the output)
  --readers  the reader counts to measure, each in a fresh run of the server

One instance accepts at most ConnectionLimits.defaultMaxConnections connections (1,000, or half
the file-descriptor limit): readers are connections, so that is also its reader ceiling.
"""

import argparse
import asyncio
import html
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.error
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Keeps a redirect's own answer, so its cookies are read."""

    def redirect_request(self, *args, **kwargs):
        return None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Site:
    """A browser-like client of the server: its cookies (kept by hand: they are `Secure`, which
    Python's cookie jar sends only over HTTPS, while browsers also send them to loopback)."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def _open(self, request):
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=10)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return response.status, response.read().decode()

    def get(self, path):
        return self._open(urllib.request.Request(self.base + path))[1]

    def post(self, path, fields, json=False):
        request = urllib.request.Request(self.base + path, data=urllib.parse.urlencode(fields).encode(), method="POST")
        request.add_header("Origin", self.base)
        if json:
            request.add_header("Accept", "application/json")
            request.add_header("X-CSRF-Token", self.cookies.get("__Host-parley_csrf", ""))
        return self._open(request)

    def sign_in(self, email, password):
        page = self.get("/sign-in")
        form = page[page.index('class="sign-in-form"') :]
        form = form[: form.index("</form>")]
        fields = {
            html.unescape(name): html.unescape(value)
            for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
        }
        fields.update(email=email, password=password)
        # The form refuses what is sent faster than a person types (--form-min-seconds, 2 s).
        time.sleep(2.2)
        status, _ = self.post("/sign-in", fields)
        if status != 303:
            raise RuntimeError(f"sign-in answered {status}")


async def open_reader(port, post, ready):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET /live/{post} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    seen = b""
    while b"event: ready" not in seen:
        chunk = await reader.read(4096)
        if not chunk:
            raise RuntimeError("stream closed before ready: " + seen[:200].decode(errors="replace"))
        seen += chunk
    ready.append(1)
    return reader, writer


async def wait_for(reader, marker):
    seen = b""
    while marker not in seen:
        chunk = await reader.read(4096)
        if not chunk:
            return False
        seen += chunk
    return True


async def measure(binary, readers):
    data = tempfile.mkdtemp(prefix="parley-bench-live-")
    port = free_port()
    server = subprocess.Popen(
        [binary, "serve", "--demo", "--data", data, "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start")
                time.sleep(0.2)
        site = Site(base)
        home = site.get("/")
        slug = re.search(r'href="/p/([^"/#?]+)"', home).group(1)
        page = site.get(f"/p/{slug}")
        post = re.search(r'data-live-url="/live/(\d+)"', page).group(1)
        comment = re.search(r'data-comment-id="(\d+)"', page).group(1)
        # Warm up: one reader, one event, so lazily made state is in the baseline.
        warm = await open_reader(port, post, [])
        warm[1].close()
        await asyncio.sleep(0.5)
        before = rss_kib(server.pid)

        ready = []
        started = time.time()
        connections = await asyncio.wait_for(
            asyncio.gather(*(open_reader(port, post, ready) for _ in range(readers))), timeout=120)
        opened = time.time() - started
        await asyncio.sleep(1)
        after = rss_kib(server.pid)

        site.sign_in("reader@parley.example", "parley-demo")
        sent = time.time()
        status, _ = site.post(f"/p/{slug}/comment/{comment}/like", {}, json=True)
        heard = await asyncio.wait_for(
            asyncio.gather(*(wait_for(r, b"event: likes") for r, _ in connections)), timeout=60)
        fanout = time.time() - sent
        for _, writer in connections:
            writer.close()
        return {
            "readers": len(ready), "open_s": opened, "before_mib": before / 1024, "after_mib": after / 1024,
            "per_reader_kib": (after - before) / max(len(ready), 1), "like_status": status,
            "heard": sum(1 for h in heard if h), "fanout_ms": fanout * 1000,
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        subprocess.run(["rm", "-rf", data])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=None)
    parser.add_argument("--readers", default="100,500,990")
    options = parser.parse_args()
    binary = options.bin
    if binary is None:
        print("building a release binary (first time: several minutes)...", file=sys.stderr)
        subprocess.run(["swift", "build", "-c", "release", "--product", "parley"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True)
        binary = os.path.join(path.stdout.strip(), "parley")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    kind = "debug" if "/debug/" in os.path.realpath(binary) else "release"
    print(f"{'readers':>8} {'open (s)':>9} {'RSS before':>11} {'RSS after':>10} {'per reader':>11} {'like reached':>13} {'in (ms)':>8}")
    for count in [int(n) for n in options.readers.split(",")]:
        r = asyncio.run(measure(binary, count))
        print(f"{r['readers']:>8} {r['open_s']:>9.2f} {r['before_mib']:>8.1f} MiB {r['after_mib']:>6.1f} MiB "
              f"{r['per_reader_kib']:>7.1f} KiB {r['heard']:>6}/{r['readers']:<6} {r['fanout_ms']:>8.0f}")
    print(f"({kind} build; {os.cpu_count()} cores shared with the readers; SQLite; loopback)", file=sys.stderr)


if __name__ == "__main__":
    main()
