"""Starting `parley serve` for a browser test of its own: a free port on loopback, the process,
and the bounded wait until it answers /healthz. One place, so every test starts it alike."""

import os
import socket
import subprocess
import time
import urllib.request

SERVER_TIMEOUT = 60   # seconds for a server to open (and fill a demo site) and answer /healthz


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_env():
    """This environment without PARLEY_* variables: a process sees only the flags a test gives it."""
    return {key: value for key, value in os.environ.items() if not key.startswith("PARLEY_")}


def start(binary, port, arguments, log, timeout=SERVER_TIMEOUT):
    """`binary serve --port PORT ARGUMENTS...`, once it answers /healthz. The caller's PARLEY_*
    variables are left out, so the server sees only the flags the test gives it."""
    server = subprocess.Popen([binary, "serve", "--port", str(port), *arguments],
                              stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=clean_env())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {server.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"the server on port {port} did not answer /healthz in {timeout} s")


def stop(process, timeout=15):
    """Ends a server (or any child) the way every test ends it: SIGTERM, a bounded wait for a
    clean exit, then SIGKILL and a bounded wait for that. Safe on one already gone, or None."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
