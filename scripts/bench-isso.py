#!/usr/bin/env python3
"""Measures the Isso API on a fresh SQLite site: posts 50 top-level comments with 3 replies each as
guests (from different addresses, through a trusted loopback proxy), then times GET /isso/ for the
whole thread and for a first page (limit=10, nested_limit=2).

    python3 scripts/bench-isso.py PATH_TO_PARLEY_BINARY
"""
import json, subprocess, sys, tempfile, time, urllib.request, statistics, socket
binary = sys.argv[1]
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
base = f"http://127.0.0.1:{port}"
server = subprocess.Popen([binary, "serve", "--port", str(port), "--data", tempfile.mkdtemp(), "--anonymous-comments",
                           "--trusted-proxies", "127.0.0.1", "--embed-origins", "https://blog.example", "--form-min-seconds", "0"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(100):
        try: urllib.request.urlopen(base + "/healthz", timeout=1); break
        except OSError: time.sleep(0.2)
    def post(text, parent, n):
        req = urllib.request.Request(base + "/isso/new?uri=%2Fbench%2F", method="POST",
            data=json.dumps({"text": text, "author": f"Guest {n}", "parent": parent}).encode(),
            headers={"Content-Type": "application/json", "X-Forwarded-For": f"198.51.{n // 250}.{n % 250 + 1}"})
        return json.loads(urllib.request.urlopen(req, timeout=10).read())["id"]
    n = 0; t0 = time.monotonic()
    for r in range(50):
        root = post(f"Root comment number {r}", None, n); n += 1
        for k in range(3):
            post(f"Reply {k} to {r}", root, n); n += 1
    posting = time.monotonic() - t0
    times = []
    for _ in range(50):
        t = time.monotonic(); body = urllib.request.urlopen(base + "/isso/?uri=%2Fbench%2F", timeout=10).read(); times.append(time.monotonic() - t)
    d = json.loads(body)
    print(f"posted {n} comments in {posting:.1f} s ({posting / n * 1000:.0f} ms each); GET /isso/?uri= (whole thread, {d['total_replies']} comments, {len(body)} bytes): median {statistics.median(times)*1000:.1f} ms, p90 {sorted(times)[44]*1000:.1f} ms over 50")
    times = []
    for _ in range(50):
        t = time.monotonic(); urllib.request.urlopen(base + "/isso/?uri=%2Fbench%2F&limit=10&nested_limit=2", timeout=10).read(); times.append(time.monotonic() - t)
    print(f"GET /isso/?uri=&limit=10&nested_limit=2: median {statistics.median(times)*1000:.1f} ms over 50")
finally:
    server.terminate(); server.wait(timeout=10)
