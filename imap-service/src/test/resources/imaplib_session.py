"""An IMAP session with Python's imaplib, as a real client would run it.

Arguments: host port user password cafile sha256-of-message-1 size-of-message-2
Exits 0 and prints PASS when every step behaved; raises (exit 1) at the first surprise.
"""
import hashlib
import imaplib
import ssl
import sys

host, port, user, password, cafile, expected_sha256, big_size = sys.argv[1:8]

conn = imaplib.IMAP4(host, int(port))
assert "STARTTLS" in conn.capabilities, conn.capabilities
conn.starttls(ssl.create_default_context(cafile=cafile))
assert "STARTTLS" not in conn.capabilities, conn.capabilities
typ, _ = conn.login(user, password)
assert typ == "OK", typ

typ, data = conn.select("INBOX")
assert typ == "OK" and data == [b"3"], (typ, data)

# RFC822 byte for byte (this sets \Seen)
typ, data = conn.fetch("1", "(RFC822)")
assert typ == "OK", typ
raw = data[0][1]
assert hashlib.sha256(raw).hexdigest() == expected_sha256, "RFC822 differs"

# a large message streams through whole
typ, data = conn.uid("FETCH", "1:*", "(RFC822.SIZE BODY.PEEK[])")
assert typ == "OK", typ
bodies = [item for item in data if isinstance(item, tuple)]
assert len(bodies) == 3, len(bodies)
assert len(bodies[1][1]) == int(big_size), (len(bodies[1][1]), big_size)
assert b"RFC822.SIZE " + big_size.encode() in bodies[1][0], bodies[1][0]

typ, data = conn.search(None, "SEEN")
assert typ == "OK" and data == [b"1"], data
typ, data = conn.search(None, "UNSEEN", "SUBJECT", "big")
assert typ == "OK" and data == [b"2"], data
typ, data = conn.uid("SEARCH", "ALL")
assert typ == "OK" and len(data[0].split()) == 3, data

# RFC 5256, as imaplib sends it
typ, data = conn.sort("(REVERSE SIZE)", "UTF-8", "ALL")
assert typ == "OK" and data == [b"2 1 3"], data
typ, data = conn.uid("SORT", "(SUBJECT)", "UTF-8", "SUBJECT", "big")
assert typ == "OK" and data == [b"2"], data
typ, data = conn.thread("ORDEREDSUBJECT", "UTF-8", "ALL")
assert typ == "OK" and len(data) == 1 and data[0].count(b"(") == 3, data

typ, data = conn.store("1:2", "+FLAGS", "(\\Deleted)")
assert typ == "OK" and len(data) == 2 and b"\\Deleted" in data[0], data
typ, data = conn.expunge()
assert typ == "OK" and data == [b"2", b"1"], data
typ, data = conn.fetch("1", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
assert typ == "OK" and b"third" in data[0][1], data

# everyday client writes: a folder, a sent message, move to Trash, status
typ, _ = conn.create("Projects/2026")
assert typ == "OK", typ
typ, data = conn.list('""', "Projects*")
assert typ == "OK" and data == [b'(\\HasChildren) "/" Projects', b'(\\HasNoChildren) "/" Projects/2026'], data
sent = b"From: me@example.org\r\nTo: you@example.net\r\nSubject: sent by imaplib\r\n\r\nHello\r\n"
typ, data = conn.append("Sent", "(\\Seen)", imaplib.Time2Internaldate(1700000000), sent)
assert typ == "OK" and data[0].startswith(b"[APPENDUID "), data
typ, data = conn.status("Sent", "(MESSAGES UNSEEN)")
assert typ == "OK" and data == [b"Sent (MESSAGES 1 UNSEEN 0)"], data
typ, data = conn.copy("1", "Projects/2026")
assert typ == "OK" and data[0].startswith(b"[COPYUID "), data
typ, data = conn.uid("MOVE", "1:*", "Trash")
assert typ == "OK", (typ, data)
typ, data = conn.select("INBOX", readonly=True)
assert typ == "OK" and data == [b"0"], data
typ, data = conn.status("Trash", "(MESSAGES)")
assert typ == "OK" and data == [b"Trash (MESSAGES 1)"], data
typ, _ = conn.rename("Projects", "Archive/Projects")
assert typ == "OK", typ
typ, _ = conn.delete("Archive/Projects/2026")
assert typ == "OK", typ
typ, data = conn.namespace()
assert typ == "OK" and data == [b'(("" "/")) NIL NIL'], data

typ, _ = conn.close()
assert typ == "OK", typ
typ, _ = conn.logout()
assert typ == "BYE", typ
print("PASS")
