"""A remote mail server for outbound delivery tests: aiosmtpd (Debian's python3-aiosmtpd), a real
SMTP server implementation this project did not write, with STARTTLS, that files every accepted
message and answers some recipients and senders as a hostile or busy server would.

Usage: /usr/bin/python3 smtp_sink.py PORT CERT KEY OUTDIR [NAME=CERT:KEY[:requiretls] ...]
  STARTTLS presents CERT, or the certificate given for the name the client sent (SNI); a session
  under a certificate marked requiretls offers REQUIRETLS (RFC 8689) after STARTTLS
  RCPT reject-*      -> 550 5.1.1
  RCPT later-*       -> 451 4.3.0
  RCPT slow-*        -> accepted; the reply to the data comes a second late
  MAIL data-reject-* -> the data is refused with 554 5.6.0
Each accepted message is written to OUTDIR/<n>.eml with the envelope in OUTDIR/<n>.env
(MAIL FROM, TLS "yes"/"no" and " REQUIRETLS" when MAIL had it, then one RCPT per line) and in OUTDIR/<n>.sessions how many sessions were
open to its recipients' domains when it was accepted, its own included (a session is open to the
domains it named in RCPT, until its connection is gone), and in OUTDIR/<n>.session the number of the
session that carried it (1 for the first connection, and so on). Prints "ready" once listening.
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
by_name = {}
offering_requiretls = []
for named in sys.argv[5:]:
    name, files = named.split("=", 1)
    named_cert, named_key, *flags = files.split(":")
    by_name[name] = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    by_name[name].load_cert_chain(named_cert, named_key)
    if "requiretls" in flags:
        offering_requiretls.append(by_name[name])


def pick_certificate(ssl_object, server_name, context):
    if server_name in by_name:
        ssl_object.context = by_name[server_name]


tls.sni_callback = pick_certificate


class Sink:
    count = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        tls = server.transport.get_extra_info("ssl_object")
        server.offers_requiretls = tls is not None and any(tls.context is c for c in offering_requiretls)
        if server.offers_requiretls:
            responses.insert(len(responses) - 1, "250-REQUIRETLS")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        server.domains.add(address.rpartition("@")[2].lower())
        if local.startswith("reject-"):
            return "550 5.1.1 <%s>: no such user here" % address
        if local.startswith("later-"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if envelope.mail_from.startswith("data-reject-"):
            return "554 5.6.0 content refused"
        if any(rcpt.startswith("slow-") for rcpt in envelope.rcpt_tos):
            # a slow server: a sender not waiting for this session to end would open another meanwhile
            await asyncio.sleep(1)
        domains = {rcpt.rpartition("@")[2].lower() for rcpt in envelope.rcpt_tos}
        sessions = sum(1 for s in CountingSMTP.open_sessions if s.domains & domains)
        Sink.count += 1
        base = os.path.join(outdir, str(Sink.count))
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".env.tmp", "w") as f:
            f.write(envelope.mail_from + "\n")
            f.write(("yes" if session.ssl else "no") + (" REQUIRETLS" if getattr(envelope, "requiretls", False) else "")
                    + "\n")
            for rcpt in envelope.rcpt_tos:
                f.write(rcpt + "\n")
        with open(base + ".sessions", "w") as f:
            f.write(str(sessions))
        with open(base + ".session", "w") as f:
            f.write(str(server.serial))
        # the message first, then its envelope: a reader that finds an .env finds its .eml
        os.rename(base + ".eml.tmp", base + ".eml")
        os.rename(base + ".env.tmp", base + ".env")
        return "250 2.0.0 queued as sink-%d" % Sink.count


class CountingSMTP(SMTP):
    """Keeps the sessions open and the domains each named, so a test can see how many sessions a
    sender held to one domain at once. A set, not a counter: after STARTTLS aiosmtpd calls
    connection_made a second time for the same session (with the TLS transport) but connection_lost
    once, and a counter would count every TLS session twice and never forget it."""
    open_sessions = set()
    serials = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = set()
        CountingSMTP.serials += 1
        self.serial = CountingSMTP.serials

    def connection_made(self, transport):
        CountingSMTP.open_sessions.add(self)
        super().connection_made(transport)

    def connection_lost(self, error):
        CountingSMTP.open_sessions.discard(self)
        super().connection_lost(error)

    async def smtp_MAIL(self, arg):
        # aiosmtpd knows no REQUIRETLS: taken off the parameters where offered, else refused as unknown
        words = (arg or "").split(" ")
        requiretls = getattr(self, "offers_requiretls", False) and "REQUIRETLS" in (w.upper() for w in words)
        if requiretls:
            arg = " ".join(w for w in words if w.upper() != "REQUIRETLS")
        await super().smtp_MAIL(arg)
        if requiretls and self.envelope.mail_from:
            self.envelope.requiretls = True


class TlsController(Controller):
    def factory(self):
        return CountingSMTP(self.handler, hostname="sink.test", tls_context=tls, require_starttls=False,
                            decode_data=False, data_size_limit=10 * 1024 * 1024)


controller = TlsController(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
