"""Sends one message with UTF-8 addresses and header fields using Python's smtplib and SMTPUTF8
(RFC 6531), over STARTTLS, as an internationalized mail client would.

Usage: smtplib_utf8.py HOST PORT CAFILE SENDER_JSON RECIPIENT_JSON MESSAGE_FILE
The addresses come as JSON strings ("j\u00f6rg@...") so they survive any locale of the caller.
Exits 0 only when the server offers SMTPUTF8 and the message was accepted.
"""
import json
import smtplib
import ssl
import sys

host, port, cafile, sender, recipient, message_file = sys.argv[1:7]
sender, recipient = json.loads(sender), json.loads(recipient)
with open(message_file, "rb") as f:
    message = f.read()

with smtplib.SMTP(host, int(port), local_hostname="python.utf8.test", timeout=60) as smtp:
    smtp.ehlo()
    smtp.starttls(context=ssl.create_default_context(cafile=cafile))
    smtp.ehlo()
    if not smtp.has_extn("smtputf8"):
        sys.exit("server does not offer SMTPUTF8: %r" % (smtp.esmtp_features,))
    refused = smtp.sendmail(sender, [recipient], message, mail_options=["SMTPUTF8"])
    if refused:
        sys.exit("refused: %r" % (refused,))
print("sent")
