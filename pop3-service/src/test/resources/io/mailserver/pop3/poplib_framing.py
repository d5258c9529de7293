"""RETR and TOP of message 1 with Python's poplib, which splits lines at LF, then NOOP: the replies
after a message must be the server's, whatever bytes the message holds.

Usage: poplib_framing.py HOST PORT USER PASSWORD CAFILE
Prints "KEY value" lines; message lines base64-encoded, one per line, as poplib returned them.
"""
import base64
import poplib
import ssl
import sys


def main():
    host, port, user, password, cafile = sys.argv[1:6]
    pop = poplib.POP3_SSL(host, int(port), context=ssl.create_default_context(cafile=cafile), timeout=30)
    pop.user(user)
    pop.pass_(password)
    _, lines, _ = pop.retr(1)
    for line in lines:
        print("RETR", base64.b64encode(line).decode())
    print("NOOP_AFTER_RETR", pop.noop().decode())
    _, lines, _ = pop.top(1, 2)
    for line in lines:
        print("TOP", base64.b64encode(line).decode())
    print("NOOP_AFTER_TOP", pop.noop().decode())
    print("QUIT", pop.quit().decode())


if __name__ == "__main__":
    main()
