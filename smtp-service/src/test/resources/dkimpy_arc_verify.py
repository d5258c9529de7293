"""Validates the ARC chain of a message with dkimpy's arc_verify, an implementation independent of ours.

Usage: dkimpy_arc_verify.py [--ed25519] MESSAGE_FILE [KEY_NAME TXT_RECORD_FILE]...
Each KEY_NAME (e.g. "sel._domainkey.example.org") is answered with the record in its file; other names
have none. Prints "RESULT <cv> <instances> <reason>", cv being pass, fail, none or ended (a seal said
cv=fail), then dkimpy's log lines. Exits 0 whenever dkimpy ran; the caller judges the result.
dkimpy accepts only rsa-sha256 in ARC fields; --ed25519 lets its ARC code take ed25519-sha256 too,
which its DKIM code verifies, to check Ed25519 seals against an implementation that is not ours.
"""
import hashlib
import logging
import sys

import dkim
import dkim.crypto

if sys.argv[1] == "--ed25519":
    dkim.crypto.ARC_HASH_ALGORITHMS[b"ed25519-sha256"] = hashlib.sha256
    del sys.argv[1]
with open(sys.argv[1], "rb") as f:
    message = f.read()
records = {}
for i in range(2, len(sys.argv), 2):
    with open(sys.argv[i + 1], "rb") as f:
        records[sys.argv[i].lower().rstrip(".")] = f.read().strip()


def dnsfunc(name, timeout=5):
    return records.get(name.decode("ascii").lower().rstrip("."))


logging.basicConfig(stream=sys.stdout, level=logging.DEBUG, format="LOG %(message)s")
cv, results, reason = dkim.arc_verify(message, logger=logging.getLogger("dkim"), dnsfunc=dnsfunc)
status = "ended" if cv is None else cv.decode("ascii")
print("RESULT %s %d %s" % (status, len(results), reason))
