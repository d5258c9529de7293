"""Python's imaplib on the plain IMAP port of a server with the default cleartext policy.

Usage: cleartext_login.py HOST PORT USER PASSWORD CAFILE
Prints "KEY value" lines for the Java test to check.
"""
import imaplib
import ssl
import sys


def main():
    host, port, user, password, cafile = sys.argv[1:6]
    imap = imaplib.IMAP4(host, int(port), timeout=30)
    print("CAPS", " ".join(sorted(imap.capabilities)))
    try:
        imap.login(user, password)
        print("LOGIN accepted")
    except imaplib.IMAP4.error as e:
        print("LOGIN", str(e))
    imap.starttls(ssl.create_default_context(cafile=cafile))
    print("CAPS_TLS", " ".join(sorted(imap.capabilities)))
    print("LOGIN_TLS", imap.login(user, password)[0])
    imap.logout()


if __name__ == "__main__":
    main()
