"""IMAP BINARY (RFC 3516) with Python's imaplib: decoded parts, sizes, and a literal8 answer.

Arguments: host port user password cafile attachment-sha256 attachment-size
Message 1 has a base64 attachment as part 2; message 2 is a part that decodes to bytes with NUL.
Exits 0 and prints PASS when every step behaved; raises (exit 1) at the first surprise.
"""
import hashlib
import imaplib
import re
import ssl
import sys

host, port, user, password, cafile, expected_sha256, expected_size = sys.argv[1:8]

conn = imaplib.IMAP4(host, int(port))
conn.starttls(ssl.create_default_context(cafile=cafile))
conn.login(user, password)
assert "BINARY" in conn.capabilities, conn.capabilities
typ, data = conn.select("INBOX")
assert typ == "OK", (typ, data)

typ, data = conn.fetch("1", "(BINARY.SIZE[2] BINARY.PEEK[2])")
assert typ == "OK", typ
head, decoded = data[0]
assert hashlib.sha256(decoded).hexdigest() == expected_sha256, "BINARY[2] differs from the attachment"
size = re.search(rb"BINARY\.SIZE\[2\] (\d+)", head)
assert size and int(size.group(1)) == int(expected_size), head

# a partial of the decoded bytes
typ, data = conn.fetch("1", "(BINARY.PEEK[2]<10.20>)")
assert typ == "OK" and len(data[0][1]) == 20, data

# NUL octets come in a literal8, which imaplib reads like any literal
typ, data = conn.fetch("2", "(BINARY.PEEK[1])")
assert typ == "OK", typ
assert b"BINARY[1] ~{" in data[0][0], data[0][0]
assert data[0][1] == b"\x00\x01\x02binary\r\n", data[0][1]

# without .PEEK, BINARY sets \Seen like BODY
typ, data = conn.fetch("2", "(BINARY[1])")
typ, data = conn.fetch("2", "(FLAGS)")
assert b"\\Seen" in data[0], data

conn.logout()
print("PASS")
