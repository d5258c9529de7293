"""One POP3 session with Python's poplib, a client this project did not write.

Usage: poplib_session.py MODE HOST PORT USER PASSWORD CAFILE [DELETE]
  MODE   "stls" (plain port, then STLS) or "ssl" (implicit TLS port)
  DELETE message number to delete before QUIT, or 0

Prints one result per line, "KEY value...", binary content base64-encoded, for the Java test to check.
"""
import base64
import poplib
import ssl
import sys


def main():
    mode, host, port, user, password, cafile = sys.argv[1:7]
    delete = int(sys.argv[7]) if len(sys.argv) > 7 else 0
    context = ssl.create_default_context(cafile=cafile)
    if mode == "stls":
        pop = poplib.POP3(host, int(port), timeout=30)
        print("WELCOME", pop.getwelcome().decode())
        print("CAPA", " ".join(sorted(pop.capa().keys())))
        pop.stls(context)
        print("CAPA_TLS", " ".join(sorted(pop.capa().keys())))
    else:
        pop = poplib.POP3_SSL(host, int(port), context=context, timeout=30)
        print("WELCOME", pop.getwelcome().decode())
    print("USER", pop.user(user).decode())
    print("PASS", pop.pass_(password).decode())
    count, size = pop.stat()
    print("STAT", count, size)
    for line in pop.list()[1]:
        print("LIST", line.decode())
    for line in pop.uidl()[1]:
        print("UIDL", line.decode())
    for number in range(1, count + 1):
        # poplib removes the dot-stuffing; lines come back without their CRLF
        _, lines, _ = pop.retr(number)
        print("RETR", number, base64.b64encode(b"\r\n".join(lines) + b"\r\n").decode())
        _, lines, _ = pop.top(number, 1)
        print("TOP", number, base64.b64encode(b"\r\n".join(lines) + b"\r\n").decode())
    if delete:
        print("DELE", pop.dele(delete).decode())
    print("QUIT", pop.quit().decode())


if __name__ == "__main__":
    main()
