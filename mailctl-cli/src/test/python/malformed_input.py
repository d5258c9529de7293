#!/usr/bin/env python3
"""Throws malformed and hostile input at the SMTP, IMAP and POP3 listeners of a running system.

Each session sends a random mix of garbage (binary noise, over-long lines, absurd literal sizes,
deeply nested section numbers and search keys, broken TLS records, commands out of order), half of
the IMAP and POP3 sessions after a real login (over the implicit-TLS port: passwords are refused
without TLS). Every byte that comes back is checked for a Java stack
trace or exception name, and after each protocol's run a fresh connection must still get a
greeting. Prints one JSON object; exit status 0 means nothing leaked and every listener still
answers. The seed makes a failing run repeatable.
"""
import argparse
import json
import random
import re
import socket
import ssl
import sys
import time

LEAK = re.compile(rb"(Exception|Throwable|\tat |java\.|io\.vertx|io\.grpc|io\.mailserver|Caused by)")


def junk(rnd):
    kind = rnd.randrange(14)
    if kind == 0:
        return rnd.randbytes(rnd.randrange(1, 4000))
    if kind == 1:
        return b"A" * rnd.choice([100, 1000, 9000, 70000, 300000]) + b"\r\n"
    if kind == 2:
        return b"a1 LOGIN {" + str(rnd.choice([0, 5, 99999999, 2 ** 63, -1])).encode() + b"}\r\n"
    if kind == 3:
        return b"a2 FETCH 1:* (BODY[" + b"1." * rnd.randrange(1, 400) + b"])\r\n"
    if kind == 4:
        return b"MAIL FROM:<" + b"x" * rnd.randrange(0, 3000) + b"@" + rnd.randbytes(20) + b">\r\n"
    if kind == 5:
        return rnd.choice([b"RCPT TO:<\x00\xff@\r\n", b"RCPT TO:<postmaster>\r\n", b"MAIL FROM:<> SIZE=99999999999999999999\r\n"])
    if kind == 6:
        return b"\r\n" * rnd.randrange(1, 50) + b"\r" * rnd.randrange(0, 5) + b"\n" * rnd.randrange(0, 5)
    if kind == 7:
        return b"a3 SEARCH " + b"(" * rnd.randrange(1, 2000) + b"ALL\r\n"
    if kind == 8:
        return b"TOP 1 " + str(rnd.choice([-1, 2 ** 40, 0])).encode() + b"\r\n"
    if kind == 9:
        return b"AUTH PLAIN " + rnd.randbytes(rnd.randrange(1, 300)).hex().encode() + b"\r\n"
    if kind == 10:
        return b"a4 AUTHENTICATE PLAIN\r\n" + rnd.randbytes(50) + b"\r\n"
    if kind == 11:
        return rnd.choice([
            b"a5 UID FETCH 1:* (BODY.PEEK[2.HEADER.FIELDS (SUBJECT" + b" X" * rnd.randrange(0, 5000) + b")]<0.99999999999>)\r\n",
            b"a5 FETCH * (BODYSTRUCTURE ENVELOPE BODY[2.1.TEXT]<5.2> RFC822.SIZE FLAGS INTERNALDATE)\r\n",
            b"a5 STORE 1:4294967295 +FLAGS (\\Seen " + b"k" * rnd.randrange(1, 3000) + b")\r\n",
            b"a5 SEARCH HEADER Subject {" + str(rnd.randrange(0, 3)).encode() + b"+}\r\nhi OR OR OR ALL\r\n",
            b"a5 FETCH 0:-1 (FLAGS)\r\n",
            b"a5 UID SEARCH " + b"UID 1:* NOT " * 50 + b"\r\n",
        ])
    if kind == 12:
        return b"LIST 1 2\r\nUIDL 0\r\nTOP 1 -5\r\nRETR 1\r\nDELE 1\r\nRSET\r\nLIST 99999999999999999999\r\n"
    return rnd.choice([b"DATA\r\n", b"STARTTLS\r\n", b"STLS\r\n", b"a6 STARTTLS\r\n", b"\x16\x03\x01\x02\x00\x01\x00",
                       b"a6 LIST \"\" *\r\n", b"USER x\r\nPASS y\r\n", b"RETR 99999999999999\r\n",
                       b"a6 SELECT {3+}\r\nbox\r\n", b"BDAT 100 LAST\r\n", b"a6 IDLE\r\n"])


def connect(host, port, tls_port, login):
    """A plain connection, or for a session that logs in, one over implicit TLS."""
    if not login:
        return socket.create_connection((host, port), timeout=10)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context.wrap_socket(socket.create_connection((host, tls_port), timeout=10), server_hostname=host)


def session(rnd, protocol, host, port, tls_port, login):
    """One connection; returns (bytes received, how it ended)."""
    got = b""
    with connect(host, port, tls_port, login) as s:
        if protocol == "smtp":
            # the MX holds its greeting back and turns away whoever talks first: wait for it, so the
            # junk reaches the command parser
            s.settimeout(10)
            got += s.recv(1000)
        if login and protocol == "imap":
            s.sendall(b"a0 LOGIN " + login[0] + b" " + login[1] + b"\r\na00 SELECT INBOX\r\n")
        elif login and protocol == "pop3":
            s.sendall(b"USER " + login[0] + b"\r\nPASS " + login[1] + b"\r\n")
        try:
            for _ in range(rnd.randrange(1, 12)):
                # A server may stop reading for a while (flow control, a login failure delay), so a
                # send that cannot finish is a way for the session to end, not a failure.
                s.settimeout(10)
                try:
                    s.sendall(junk(rnd))
                except socket.timeout:
                    return got, "stalled"
                s.settimeout(0.2)
                try:
                    while True:
                        chunk = s.recv(65536)
                        if not chunk:
                            return got, "closed"
                        got += chunk
                        if len(got) > 8_000_000:
                            return got, "too-much-output"
                except socket.timeout:
                    pass
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, ssl.SSLError):
            return got, "reset"
    return got, "open"


def answers(host, port):
    try:
        with socket.create_connection((host, port), timeout=10) as s:
            s.settimeout(10)
            return s.recv(1000)[:3] in (b"220", b"* O", b"+OK")
    except OSError:
        return False


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--smtp", type=int, required=True)
    p.add_argument("--imap", type=int, required=True)
    p.add_argument("--pop3", type=int, required=True)
    p.add_argument("--imaps", type=int, required=True)
    p.add_argument("--pop3s", type=int, required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--seconds", type=float, default=10, help="per protocol")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    rnd = random.Random(args.seed)
    login = (args.user.encode(), args.password.encode())
    report = {"seed": args.seed, "sessions": {}, "endings": {}, "leaks": [], "answering": {}}
    for protocol, port, tls_port in (("smtp", args.smtp, None), ("imap", args.imap, args.imaps),
                                     ("pop3", args.pop3, args.pop3s)):
        end = time.monotonic() + args.seconds
        n = 0
        while time.monotonic() < end:
            use_login = tls_port is not None and rnd.random() < 0.5
            got, how = session(rnd, protocol, args.host, port, tls_port, login if use_login else None)
            n += 1
            key = protocol + ":" + how
            report["endings"][key] = report["endings"].get(key, 0) + 1
            leak = LEAK.search(got)
            if leak or how == "too-much-output":
                start = max(0, (leak.start() if leak else len(got)) - 200)
                report["leaks"].append({"protocol": protocol, "session": n, "ending": how,
                                        "context": got[start:start + 400].decode("latin-1")})
        report["sessions"][protocol] = n
        report["answering"][protocol] = answers(args.host, port)
    print(json.dumps(report))
    return 0 if not report["leaks"] and all(report["answering"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
