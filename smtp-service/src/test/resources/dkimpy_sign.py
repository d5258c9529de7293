"""Signs messages with dkimpy and writes the DKIM-Signature field it made for each to a file.

Usage: dkimpy_sign.py SELECTOR DOMAIN ALGORITHM KEY_FILE [CANONICALIZATION LENGTH MESSAGE_FILE OUTPUT_FILE]...
ALGORITHM is rsa-sha256 (KEY_FILE: PEM PKCS#8) or ed25519-sha256 (KEY_FILE: base64 of the 32-byte seed).
CANONICALIZATION is header/body, e.g. relaxed/relaxed. LENGTH is "length" to add an l= tag, anything
else not to. One process signs many messages because starting Python and importing dkimpy is most of
the cost.
"""
import sys

import dkim

selector, domain, algorithm, key_file = sys.argv[1:5]
jobs = sys.argv[5:]
with open(key_file, "rb") as f:
    key = f.read()

for i in range(0, len(jobs), 4):
    canonicalization, length, message_file, output_file = jobs[i:i + 4]
    with open(message_file, "rb") as f:
        message = f.read()
    signature = dkim.sign(message, selector.encode("ascii"), domain.encode("ascii"), key,
                          canonicalize=tuple(canonicalization.encode("ascii").split(b"/")),
                          signature_algorithm=algorithm.encode("ascii"),
                          length=(length == "length"))
    with open(output_file, "wb") as f:
        f.write(signature)
