"""UTF8=ACCEPT (RFC 9755) with Python's imaplib, which switches to UTF-8 when ENABLE succeeds.

Arguments: host port user password cafile
Exits 0 and prints PASS when every step behaved; raises (exit 1) at the first surprise.
(imaplib's APPEND in this mode puts "UTF8 (" inside the literal, which no server can take, so
APPEND is left to the Java test.)
"""
import imaplib
import ssl
import sys

host, port, user, password, cafile = sys.argv[1:6]

conn = imaplib.IMAP4(host, int(port))
conn.starttls(ssl.create_default_context(cafile=cafile))
conn.login(user, password)
assert "UTF8=ACCEPT" in conn.capabilities, conn.capabilities
typ, data = conn.enable("UTF8=ACCEPT")
assert typ == "OK" and conn.utf8_enabled, (typ, data)

typ, data = conn.create('"Réunions/2026"')
assert typ == "OK", (typ, data)
typ, data = conn.list('""', '"Réunions*"')
assert typ == "OK", (typ, data)
names = [line.decode("utf-8") for line in data]
assert '(\\HasChildren) "/" "Réunions"' in names, names
assert '(\\HasNoChildren) "/" "Réunions/2026"' in names, names

typ, data = conn.select("INBOX")
assert typ == "OK", (typ, data)
# in UTF-8 mode imaplib sends the search text as UTF-8 and no CHARSET
typ, data = conn.search(None, "SUBJECT", '"Grüße"')
assert typ == "OK" and data == [b"1"], (typ, data)

conn.logout()
print("PASS")
