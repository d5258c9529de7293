"""Passes a message through ARC intermediaries with dkimpy, as forwarders would, and writes the result.

Usage: dkimpy_arc_sign.py MESSAGE_FILE OUTPUT_FILE [SELECTOR DOMAIN KEY_FILE SRV_ID ARC]...
Each hop first adds its own Authentication-Results field (authserv-id SRV_ID, saying arc=ARC about the
chain it received unless ARC is "none"), then seals with dkimpy's arc_sign, which takes the chain
validation status cv= from that field. KEY_FILE is an RSA key, PEM PKCS#8.
"""
import sys

import dkim

message_file, output_file = sys.argv[1:3]
hops = sys.argv[3:]
with open(message_file, "rb") as f:
    message = f.read()

for i in range(0, len(hops), 5):
    selector, domain, key_file, srv_id, arc = hops[i:i + 5]
    with open(key_file, "rb") as f:
        key = f.read()
    results = b"Authentication-Results: " + srv_id.encode("ascii") + b"; spf=pass smtp.mailfrom=example.org"
    if arc != "none":
        results += b"; arc=" + arc.encode("ascii")
    message = results + b"\r\n" + message
    fields = dkim.arc_sign(message, selector.encode("ascii"), domain.encode("ascii"), key, srv_id.encode("ascii"))
    if not fields:
        sys.exit("dkimpy made no ARC set for hop %d" % (i // 5 + 1))
    message = b"".join(fields) + message

with open(output_file, "wb") as f:
    f.write(message)
