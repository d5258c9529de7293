"""Passes a message through ARC intermediaries with dkimpy, as forwarders would, and writes the result.

Usage: dkimpy_arc_sign.py MESSAGE_FILE OUTPUT_FILE [SELECTOR DOMAIN KEY_FILE SRV_ID RESULTS]...
Each hop first adds its own Authentication-Results field, "SRV_ID; RESULTS" (e.g. "spf=pass
smtp.mailfrom=example.org; dmarc=pass header.from=example.org; arc=pass"), then seals with dkimpy's
arc_sign, which copies those results into its ARC-Authentication-Results and takes the chain
validation status cv= from their arc= result (none without one). KEY_FILE is an RSA key, PEM PKCS#8.
"""
import sys

import dkim

message_file, output_file = sys.argv[1:3]
hops = sys.argv[3:]
with open(message_file, "rb") as f:
    message = f.read()

for i in range(0, len(hops), 5):
    selector, domain, key_file, srv_id, results = hops[i:i + 5]
    with open(key_file, "rb") as f:
        key = f.read()
    message = b"Authentication-Results: " + srv_id.encode("ascii") + b"; " + results.encode("ascii") + b"\r\n" + message
    fields = dkim.arc_sign(message, selector.encode("ascii"), domain.encode("ascii"), key, srv_id.encode("ascii"))
    if not fields:
        sys.exit("dkimpy made no ARC set for hop %d" % (i // 5 + 1))
    message = b"".join(fields) + message

with open(output_file, "wb") as f:
    f.write(message)
