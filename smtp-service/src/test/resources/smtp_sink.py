"""A remote mail server for outbound delivery tests: aiosmtpd (Debian's python3-aiosmtpd), a real
SMTP server implementation this project did not write, with STARTTLS, that files every accepted
message and answers some recipients and senders as a hostile or busy server would.

Usage: /usr/bin/python3 smtp_sink.py PORT CERT KEY OUTDIR
  RCPT reject-*      -> 550 5.1.1
  RCPT later-*       -> 451 4.3.0
  MAIL data-reject-* -> the data is refused with 554 5.6.0
Each accepted message is written to OUTDIR/<n>.eml with the envelope in OUTDIR/<n>.env
(MAIL FROM, TLS yes/no, then one RCPT per line). Prints "ready" once listening.
"""
import asyncio
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

port, cert, key, outdir = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
tls.load_cert_chain(cert, key)


class Sink:
    count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("reject-"):
            return "550 5.1.1 <%s>: no such user here" % address
        if local.startswith("later-"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if envelope.mail_from.startswith("data-reject-"):
            return "554 5.6.0 content refused"
        Sink.count += 1
        base = os.path.join(outdir, str(Sink.count))
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".env.tmp", "w") as f:
            f.write(envelope.mail_from + "\n")
            f.write(("yes" if session.ssl else "no") + "\n")
            for rcpt in envelope.rcpt_tos:
                f.write(rcpt + "\n")
        # the message first, then its envelope: a reader that finds an .env finds its .eml
        os.rename(base + ".eml.tmp", base + ".eml")
        os.rename(base + ".env.tmp", base + ".env")
        return "250 2.0.0 queued as sink-%d" % Sink.count


class TlsController(Controller):
    def factory(self):
        return SMTP(self.handler, hostname="sink.test", tls_context=tls, require_starttls=False,
                    decode_data=False, data_size_limit=10 * 1024 * 1024)


controller = TlsController(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
