"""RFC 4978 COMPRESS=DEFLATE driven by Python's zlib (raw deflate, wbits=-15), not by our code.

Arguments: host port user password subject-of-message-1
Exits 0 and prints PASS when every step behaved; raises (exit 1) at the first surprise.
"""
import socket
import sys
import zlib

host, port, user, password, subject = sys.argv[1:6]


class Connection:
    def __init__(self):
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        self.buffer = b""
        self.inflate = None
        self.deflate = None

    def send(self, data):
        if self.deflate is not None:
            data = self.deflate.compress(data) + self.deflate.flush(zlib.Z_SYNC_FLUSH)
        self.sock.sendall(data)

    def fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("closed by the server")
        if self.inflate is not None:
            chunk = self.inflate.decompress(chunk)
        self.buffer += chunk

    def line(self):
        while b"\r\n" not in self.buffer:
            self.fill()
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def octets(self, n):
        while len(self.buffer) < n:
            self.fill()
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def until(self, tag):
        lines = []
        while True:
            line = self.line()
            lines.append(line)
            if line.startswith(tag + b" "):
                return lines


c = Connection()
assert c.line().startswith(b"* OK"), "greeting"
c.send(b"a1 LOGIN " + user.encode() + b" " + password.encode() + b"\r\n")
assert c.until(b"a1")[-1].startswith(b"a1 OK"), "login"
c.send(b"a2 COMPRESS DEFLATE\r\n")
# the tagged OK is the last plain line; nothing else may be buffered after it
assert c.line() == b"a2 OK DEFLATE active", "compress"
assert c.buffer == b"", c.buffer
c.inflate = zlib.decompressobj(wbits=-15)
c.deflate = zlib.compressobj(wbits=-15)

c.send(b"a3 SELECT INBOX\r\n")
lines = c.until(b"a3")
assert b"* 1 EXISTS" in lines and lines[-1].startswith(b"a3 OK"), lines

c.send(b"a4 FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]\r\n")
first = c.line()
assert first.endswith(b"}"), first
size = int(first[first.rindex(b"{") + 1:-1])
header = c.octets(size)
assert header == b"Subject: " + subject.encode() + b"\r\n\r\n", header
assert c.line() == b")"
assert c.line().startswith(b"a4 OK")

c.send(b"a5 COMPRESS DEFLATE\r\n")
assert c.line() == b"a5 NO [COMPRESSIONACTIVE] DEFLATE is already active"

# a message of 1 MiB that compresses to almost nothing, sent in one LITERAL+ APPEND
body = b"Subject: big and boring\r\n\r\n" + (b"all work and no play makes jack a dull boy\r\n" * 24000)
c.send(b"a6 APPEND Drafts {" + str(len(body)).encode() + b"+}\r\n" + body + b"\r\n")
appended = c.until(b"a6")[-1]
assert appended.startswith(b"a6 OK [APPENDUID "), appended
c.send(b"a7 STATUS Drafts (MESSAGES SIZE)\r\n")
status = c.until(b"a7")
assert status[0] == b"* STATUS Drafts (MESSAGES 1 SIZE " + str(len(body)).encode() + b")", status

# a line of 50 MB that deflates to about 50 KB: inflated a step at a time and discarded past the
# line limit, never held whole; its end gets the answer to a line too long
c.send(b"a8 NOOP " + b"A" * 50_000_000 + b"\r\n")
bye = c.line()
assert bye.startswith(b"* BYE"), bye
try:
    while True:
        c.fill()
except (EOFError, ConnectionResetError):
    pass
print("PASS")
