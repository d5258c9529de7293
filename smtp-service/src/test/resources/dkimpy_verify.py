"""Verifies the topmost DKIM-Signature of messages with dkimpy, an implementation independent of ours.

Usage: dkimpy_verify.py TXT_RECORD_FILE MESSAGE_FILE...
The key record in TXT_RECORD_FILE answers every key lookup. Prints "RESULT <index> pass|fail" per
message, with dkimpy's log lines and the names it looked up, and exits 0 only when all verified.
"""
import logging
import sys

import dkim

with open(sys.argv[1], "rb") as f:
    record = f.read().strip()

looked_up = []


def dnsfunc(name, timeout=5):
    looked_up.append(name)
    return record


logging.basicConfig(stream=sys.stdout, level=logging.DEBUG, format="LOG %(message)s")
all_passed = True
for index, message_file in enumerate(sys.argv[2:]):
    with open(message_file, "rb") as f:
        message = f.read()
    ok = dkim.verify(message, logger=logging.getLogger("dkim"), dnsfunc=dnsfunc)
    all_passed = all_passed and ok
    print("RESULT %d %s" % (index, "pass" if ok else "fail"))
for name in sorted(set(looked_up)):
    print("LOOKUP " + name.decode("ascii", "replace"))
sys.exit(0 if all_passed else 1)
