"""Submits one message with Python's smtplib, AUTH and DSN parameters (RFC 3461), as a mail client
that asks for delivery notices would.

Usage: smtplib_dsn.py HOST PORT CAFILE USER PASSWORD SENDER SPEC_JSON MESSAGE_FILE
SPEC_JSON: {"mail_options": ["RET=HDRS", "ENVID=..."],
            "bad_mail_options": [["ENVID=a+0D+0Ab", 501], ...],   tried first, each must get its code
            "rcpts": [["addr", ["NOTIFY=SUCCESS"], 250], ...]}    each RCPT must get its code
Exits 0 only when the server offers DSN, every reply has the expected code and the message is queued.
"""
import json
import smtplib
import ssl
import sys

host, port, cafile, user, password, sender, spec, message_file = sys.argv[1:9]
spec = json.loads(spec)
with open(message_file, "rb") as f:
    message = f.read()

with smtplib.SMTP(host, int(port), local_hostname="python.dsn.test", timeout=60) as smtp:
    smtp.ehlo()
    smtp.starttls(context=ssl.create_default_context(cafile=cafile))
    smtp.ehlo()
    if not smtp.has_extn("dsn"):
        sys.exit("server does not offer DSN: %r" % (smtp.esmtp_features,))
    smtp.login(user, password)
    for options, expected in spec.get("bad_mail_options", []):
        code, text = smtp.mail(sender, [options])
        if code != expected:
            sys.exit("MAIL %s answered %r %r, expected %r" % (options, code, text, expected))
        if code == 250:
            smtp.rset()
    code, text = smtp.mail(sender, spec["mail_options"])
    if code != 250:
        sys.exit("MAIL answered %r %r" % (code, text))
    for address, options, expected in spec["rcpts"]:
        code, text = smtp.rcpt(address, options)
        if code != expected:
            sys.exit("RCPT %s %r answered %r %r, expected %r" % (address, options, code, text, expected))
    code, text = smtp.data(message)
    if code != 250:
        sys.exit("DATA answered %r %r" % (code, text))
print("sent")
