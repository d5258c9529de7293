"""Sends one message with Python's smtplib over STARTTLS, as a real client would.

Usage: smtplib_send.py HOST PORT CAFILE SENDER RECIPIENT[,RECIPIENT...] MESSAGE_FILE
Exits 0 only when every recipient was accepted and the message was queued.
"""
import smtplib
import ssl
import sys

host, port, cafile, sender, recipients, message_file = sys.argv[1:7]
with open(message_file, "rb") as f:
    message = f.read()

with smtplib.SMTP(host, int(port), local_hostname="python.client.test", timeout=60) as smtp:
    smtp.ehlo()
    if not smtp.has_extn("starttls"):
        sys.exit("server does not offer STARTTLS")
    smtp.starttls(context=ssl.create_default_context(cafile=cafile))
    smtp.ehlo()
    if smtp.has_extn("starttls"):
        sys.exit("server still offers STARTTLS after the handshake")
    refused = smtp.sendmail(sender, recipients.split(","), message)
    if refused:
        sys.exit("refused: %r" % (refused,))
print("sent")
