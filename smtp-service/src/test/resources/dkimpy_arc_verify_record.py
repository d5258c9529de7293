"""Validates a message's ARC chain with dkimpy, an implementation independent of ours.

Usage: dkimpy_arc_verify_record.py TXT_RECORD_FILE MESSAGE_FILE
The key record in TXT_RECORD_FILE answers every key lookup. Prints "RESULT pass|fail|none" and the
reason, and exits 0 only when the chain passed.
"""
import logging
import sys

import dkim

with open(sys.argv[1], "rb") as f:
    record = f.read().strip()
with open(sys.argv[2], "rb") as f:
    message = f.read()


def dnsfunc(name, timeout=5):
    print("LOOKUP " + name.decode("ascii", "replace"))
    return record


logging.basicConfig(stream=sys.stdout, level=logging.DEBUG, format="LOG %(message)s")
cv, results, reason = dkim.arc_verify(message, logger=logging.getLogger("dkim"), dnsfunc=dnsfunc)
result = cv.decode("ascii") if isinstance(cv, bytes) else str(cv)
print("RESULT %s %s" % (result, reason))
sys.exit(0 if result == "pass" else 1)
