"""Submits one message with Python's smtplib and AUTH, as a mail client would.

Usage: smtplib_submit.py HOST PORT starttls|ssl CAFILE USER PASSWORD SENDER RECIPIENT MESSAGE_FILE
Exits 0 only when the login succeeded and the message was accepted. smtplib picks the mechanism
from the server's AUTH line (it prefers PLAIN over LOGIN); a second login with LOGIN forced checks
that one too.
"""
import smtplib
import ssl
import sys

host, port, mode, cafile, user, password, sender, recipient, message_file = sys.argv[1:10]
with open(message_file, "rb") as f:
    message = f.read()
context = ssl.create_default_context(cafile=cafile)


def connect():
    if mode == "ssl":
        return smtplib.SMTP_SSL(host, int(port), local_hostname="python.submit.test", context=context, timeout=60)
    smtp = smtplib.SMTP(host, int(port), local_hostname="python.submit.test", timeout=60)
    smtp.ehlo()
    if smtp.has_extn("auth"):
        sys.exit("server offers AUTH before TLS")
    smtp.starttls(context=context)
    return smtp


with connect() as smtp:
    smtp.ehlo()
    if "PLAIN" not in smtp.esmtp_features.get("auth", "") or "LOGIN" not in smtp.esmtp_features.get("auth", ""):
        sys.exit("server does not offer AUTH PLAIN LOGIN: %r" % (smtp.esmtp_features,))
    try:
        smtp.login(user, "wrong-" + password)
        sys.exit("a wrong password was accepted")
    except smtplib.SMTPAuthenticationError as e:
        if e.smtp_code != 535:
            sys.exit("wrong password answered %r" % (e.smtp_code,))
    smtp.login(user, password)
    refused = smtp.sendmail(sender, [recipient], message)
    if refused:
        sys.exit("refused: %r" % (refused,))

with connect() as smtp:
    smtp.ehlo()
    smtp.user, smtp.password = user, password
    code, text = smtp.auth("LOGIN", smtp.auth_login, initial_response_ok=False)
    if code != 235:
        sys.exit("AUTH LOGIN answered %r %r" % (code, text))
print("sent")
