#!/usr/bin/env python3
"""Large-mailbox workloads (issue 10): fills one account's INBOX, then times commands against it.

usage: mailbox.py fill HOST PORT USER PASSWORD COUNT
       mailbox.py time HOST PORT USER PASSWORD COUNT ROUNDS

fill   appends COUNT generated messages of about 2 KiB (MULTIAPPEND with LITERAL+, 500 per command, so
       filling costs both servers little); does nothing when INBOX already holds COUNT messages.
time   one implicit-TLS connection, logged in once, then ROUNDS times each command after one untimed
       round (so both servers have their caches warm): SELECT INBOX; FETCH 1:* (FLAGS);
       UID SEARCH HEADER Message-ID of a random message; UID SEARCH BODY a word only that message holds.
       Every answer is checked (EXISTS, one FETCH per message, exactly one search match).
       Prints one JSON object: command -> list of milliseconds, sent until the tagged OK arrived.

The client reads raw bytes and looks only for the tagged line, so its own cost per response line is a
memchr, not a parse: the times are the server's. Messages are generated from their number alone, so
both servers hold byte-identical mailboxes.
"""
import json
import random
import socket
import ssl
import sys
import time

BATCH = 500
WORDS = ("account agenda answer archive budget calendar client contract deadline delivery design draft "
         "estimate feedback figure forecast invoice meeting memo minutes network office order payment "
         "planning policy project proposal quarter receipt release report request review revenue schedule "
         "server service shipment status summary supplier support team ticket timeline travel update vendor "
         "weekly yearly").split()


def message(user, n):
    """Message n of USER's mailbox: a unique Message-ID and a unique body word (qx<n>zk)."""
    rnd = random.Random(n)
    lines = []
    for _ in range(24):
        lines.append(" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 12))))
    lines.insert(rnd.randint(0, len(lines)), "reference qx%dzk" % n)
    subject = "%s %s %d" % (rnd.choice(WORDS).capitalize(), rnd.choice(WORDS), n)
    day = 1 + n % 28
    text = ("From: Sender %d <sender%d@example.org>\r\n"
            "To: %s\r\n"
            "Subject: %s\r\n"
            "Date: Mon, %d Nov 2026 10:%02d:00 +0000\r\n"
            "Message-ID: %s\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=us-ascii\r\n"
            "\r\n%s\r\n") % (n % 97, n % 97, user, subject, day, n % 60, message_id(n), "\r\n".join(lines))
    return text.encode("ascii")


def message_id(n):
    return "<m%d.bench@bench.test>" % n


class Connection:
    def __init__(self, host, port):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        self.sock = context.wrap_socket(socket.create_connection((host, port)), server_hostname="localhost")
        self.buffer = bytearray()
        self.tags = 0
        self.read_line()  # greeting

    def read_line(self):
        while True:
            end = self.buffer.find(b"\r\n")
            if end >= 0:
                line = bytes(self.buffer[:end])
                del self.buffer[:end + 2]
                return line
            self.fill()

    def fill(self):
        chunk = self.sock.recv(1 << 18)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.buffer += chunk

    def command(self, text, data=b""):
        """Sends the command; returns (seconds, bytes of everything untagged before the tagged line)."""
        self.tags += 1
        tag = b"b%d" % self.tags
        start = time.perf_counter()
        self.sock.sendall(tag + b" " + text.encode("ascii") + data + b"\r\n")
        # The tagged line starts the buffer or follows a CRLF; search only what is new each time.
        marker = b"\r\n" + tag + b" "
        scanned = 0
        while True:
            if self.buffer.startswith(tag + b" "):
                at = -2
                break
            at = self.buffer.find(marker, max(0, scanned - len(marker)))
            if at >= 0:
                break
            scanned = len(self.buffer)
            self.fill()
        end = self.buffer.find(b"\r\n", at + 2)
        while end < 0:
            self.fill()
            end = self.buffer.find(b"\r\n", at + 2)
        elapsed = time.perf_counter() - start
        untagged = bytes(self.buffer[:at + 2])
        tagged = bytes(self.buffer[at + 2:end])
        del self.buffer[:end + 2]
        if not tagged.startswith(tag + b" OK"):
            raise RuntimeError("%s: %s" % (text.split(" ")[0], tagged.decode("ascii", "replace")))
        return elapsed, untagged


def login(host, port, user, password):
    connection = Connection(host, port)
    connection.command('LOGIN "%s" "%s"' % (user, password))
    return connection


def exists(untagged):
    for line in untagged.split(b"\r\n"):
        if line.endswith(b" EXISTS"):
            return int(line.split(b" ")[1])
    raise RuntimeError("SELECT gave no EXISTS")


def fill(connection, user, count):
    _, untagged = connection.command("SELECT INBOX")
    have = exists(untagged)
    if have == count:
        return
    if have != 0:
        raise RuntimeError("INBOX of %s holds %d messages, expected 0 or %d" % (user, have, count))
    for first in range(1, count + 1, BATCH):
        parts = []
        for n in range(first, min(first + BATCH, count + 1)):
            body = message(user, n)
            flags = "(\\Seen)" if n % 3 else "()"
            parts.append(b" %s {%d+}\r\n%s" % (flags.encode(), len(body), body))
        connection.command("APPEND INBOX", b"".join(parts))


def timed(connection, user, count, rounds):
    rnd = random.Random(7)
    times = {"SELECT INBOX": [], "FETCH 1:* (FLAGS)": [], "UID SEARCH HEADER Message-ID": [],
             "UID SEARCH BODY": []}
    for round_ in range(rounds + 1):
        elapsed, untagged = connection.command("SELECT INBOX")
        if exists(untagged) != count:
            raise RuntimeError("INBOX of %s does not hold %d messages" % (user, count))
        record = round_ > 0
        if record:
            times["SELECT INBOX"].append(elapsed)
        elapsed, untagged = connection.command("FETCH 1:* (FLAGS)")
        if untagged.count(b" FETCH (") != count:
            raise RuntimeError("FETCH 1:* did not answer for every message")
        if record:
            times["FETCH 1:* (FLAGS)"].append(elapsed)
        for _ in range(4):
            n = rnd.randint(1, count)
            elapsed, untagged = connection.command('UID SEARCH HEADER Message-ID "%s"' % message_id(n))
            if untagged.split(b"\r\n")[0].split(b" ")[2:] != [b"%d" % n]:
                raise RuntimeError("HEADER search for message %d answered %r" % (n, untagged[:200]))
            if record:
                times["UID SEARCH HEADER Message-ID"].append(elapsed)
            elapsed, untagged = connection.command("UID SEARCH BODY qx%dzk" % n)
            if untagged.split(b"\r\n")[0].split(b" ")[2:] != [b"%d" % n]:
                raise RuntimeError("BODY search for message %d answered %r" % (n, untagged[:200]))
            if record:
                times["UID SEARCH BODY"].append(elapsed)
    return {k: [round(v * 1000, 2) for v in vs] for k, vs in times.items()}


def main():
    action, host, port, user, password, count = sys.argv[1:7]
    connection = login(host, int(port), user, password)
    if action == "fill":
        fill(connection, user, int(count))
        print("filled %s" % count)
    elif action == "time":
        print(json.dumps(timed(connection, user, int(count), int(sys.argv[7]))))
    else:
        raise SystemExit(__doc__)
    connection.command("LOGOUT")


if __name__ == "__main__":
    main()
