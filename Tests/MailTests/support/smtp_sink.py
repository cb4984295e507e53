#!/usr/bin/env python3
"""A real SMTP server for Parley's mail tests (aiosmtpd; python3 -m pip install aiosmtpd).

    smtp_sink.py --dir DIR [--host 127.0.0.1] [--port 0]
                 [--tls none|starttls|implicit --cert CERT.pem --key KEY.pem]
                 [--auth USER:PASSWORD [--auth-mechanisms PLAIN,LOGIN]]
                 [--rcpt-reply ADDRESS=CODE ...] [--fail-data N[:CODE]]
                 [--silent] [--watch-stdin]

Listens on HOST:PORT (port 0 picks a free one) and prints one line "READY <port>" on stdout
once it accepts connections. Every message received is written as DIR/NNNNNN.eml, byte for
byte as it arrived after the SMTP dot-unstuffing, and described in DIR/NNNNNN.json: the
envelope (mail_from, rcpt_tos), whether the session was encrypted ("tls") and who logged in
("auth_login"), plus the message as Python's email package reads it (decoded headers,
display names, the text and HTML bodies). The .json is written first and each file goes to a
temporary name then is renamed, so a reader that sees the .eml sees complete files.

  --tls starttls   offer STARTTLS with CERT/KEY (AUTH is then offered only after it)
  --tls implicit   TLS from the first byte (like smtps on port 465)
  --auth U:P       require AUTH and accept only this user name and password (535 otherwise)
  --auth-mechanisms  which of PLAIN and LOGIN to offer (default both)
  --rcpt-reply A=C answer RCPT TO:<A> with code C (e.g. refused@example.org=550, or 451)
  --fail-data N:C  answer the end of DATA of the first N messages with C (default 451) and
                   keep nothing: for retry tests
  --silent         accept connections and never say anything: for timeout tests
  --watch-stdin    stop when standard input closes, so a crashed test leaves nothing behind

Stops cleanly on SIGTERM or SIGINT (exit 0).
"""
import argparse
import asyncio
import email
import json
import os
import signal
import ssl
import sys
from email import policy


def parse():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--auth", metavar="USER:PASSWORD")
    ap.add_argument("--auth-mechanisms", default="PLAIN,LOGIN")
    ap.add_argument("--rcpt-reply", action="append", default=[], metavar="ADDRESS=CODE")
    ap.add_argument("--fail-data", metavar="N[:CODE]")
    ap.add_argument("--silent", action="store_true")
    ap.add_argument("--watch-stdin", action="store_true")
    a = ap.parse_args()
    if a.tls != "none" and not (a.cert and a.key):
        ap.error("--tls needs --cert and --key")
    return a


def describe(data, envelope, session, tls):
    m = email.message_from_bytes(data, policy=policy.default)

    def body(kind):
        part = m.get_body(preferencelist=(kind,))
        return part.get_content() if part is not None else None

    def person(field):
        h = m.get(field)
        if h is None or not getattr(h, "addresses", None):
            return None
        ad = h.addresses[0]
        return {"name": ad.display_name, "address": ad.addr_spec}

    return {
        "mail_from": envelope.mail_from,
        "rcpt_tos": envelope.rcpt_tos,
        "tls": tls,
        "auth_login": login_of(session),
        "headers": [[k, str(v)] for k, v in m.items()],
        "subject": str(m.get("Subject", "")),
        "from": person("From"),
        "to": person("To"),
        "content_type": m.get_content_type(),
        "text": body("plain"),
        "html": body("html"),
        "defects": [type(d).__name__ for d in m.defects],
    }


def login_of(session):
    data = getattr(session, "auth_data", None)
    login = getattr(data, "login", None)
    return login.decode("utf-8", "replace") if isinstance(login, bytes) else login


def write_atomically(path, data):
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def serve(a):
    import logging
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    try:
        from aiosmtpd.smtp import SMTP, AuthResult
    except ImportError:
        print("smtp_sink: aiosmtpd missing; run: python3 -m pip install aiosmtpd", file=sys.stderr)
        return 3
    os.makedirs(a.dir, exist_ok=True)
    counter = {"n": 0, "failed": 0}
    rcpt_replies = {}
    for item in a.rcpt_reply:
        addr, _, code = item.rpartition("=")
        rcpt_replies[addr.lower()] = int(code)
    fail_n, fail_code = 0, 451
    if a.fail_data:
        n, _, c = a.fail_data.partition(":")
        fail_n, fail_code = int(n), int(c or 451)

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            code = rcpt_replies.get(address.lower())
            if code is not None:
                text = "mailbox unavailable" if code >= 500 else "try again later"
                return f"{code} {'5' if code >= 500 else '4'}.1.1 <{address}>: {text}"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            if counter["failed"] < fail_n:
                counter["failed"] += 1
                return f"{fail_code} 4.3.0 temporary failure, try again later"
            counter["n"] += 1
            base = os.path.join(a.dir, f"{counter['n']:06d}")
            data = envelope.original_content or envelope.content
            if isinstance(data, str):
                data = data.encode("utf-8", "surrogateescape")
            tls = session.ssl is not None or (
                server.transport is not None and server.transport.get_extra_info("ssl_object") is not None)
            write_atomically(base + ".json", json.dumps(describe(data, envelope, session, tls)).encode())
            write_atomically(base + ".eml", data)
            print(f"smtp_sink: {base}.eml from {envelope.mail_from} to {','.join(envelope.rcpt_tos)}",
                  file=sys.stderr, flush=True)
            return "250 2.0.0 Message accepted for delivery"

    user = password = None
    if a.auth:
        user, _, password = a.auth.partition(":")

    def authenticator(server, session, envelope, mechanism, auth_data):
        login = auth_data.login.decode() if isinstance(auth_data.login, bytes) else auth_data.login
        pw = auth_data.password.decode() if isinstance(auth_data.password, bytes) else auth_data.password
        if login == user and pw == password:
            return AuthResult(success=True, auth_data=auth_data)
        # handled=False makes aiosmtpd answer 535 itself (the default, handled=True, answers nothing)
        return AuthResult(success=False, handled=False)

    context = None
    if a.tls != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.cert, a.key)

    kw = dict(decode_data=False, hostname="parley-test-sink", enable_SMTPUTF8=True)
    if a.tls == "starttls":
        kw.update(tls_context=context)
    if a.auth:
        allowed = {m.strip().upper() for m in a.auth_mechanisms.split(",") if m.strip()}
        kw.update(authenticator=authenticator, auth_required=True,
                  auth_require_tls=(a.tls == "starttls"),
                  auth_exclude_mechanism=sorted({"PLAIN", "LOGIN"} - allowed))

    async def silent(reader, writer):
        try:
            await reader.read()
        finally:
            writer.close()

    async def main():
        # A parent that spawns us from a thread with signals blocked (Foundation's Process can)
        # hands that mask down: unblock, or SIGTERM would never arrive.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
        loop = asyncio.get_running_loop()
        if a.silent:
            srv = await asyncio.start_server(silent, host=a.host, port=a.port)
        else:
            srv = await loop.create_server(lambda: SMTP(Handler(), **kw), host=a.host, port=a.port,
                                           ssl=context if a.tls == "implicit" else None)
        stop = asyncio.Event()
        for s in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(s, stop.set)
        if a.watch_stdin:
            def on_stdin():
                if not os.read(sys.stdin.fileno(), 4096):
                    loop.remove_reader(sys.stdin.fileno())
                    stop.set()
            loop.add_reader(sys.stdin.fileno(), on_stdin)
        port = srv.sockets[0].getsockname()[1]
        print(f"READY {port}", flush=True)
        await stop.wait()
        srv.close()
        try:  # from Python 3.12 this also waits for open connections: do not hang on them
            await asyncio.wait_for(srv.wait_closed(), 2)
        except asyncio.TimeoutError:
            pass

    try:
        asyncio.run(main())
    except OSError as e:
        print(f"smtp_sink: cannot listen on {a.host}:{a.port}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(serve(parse()))
