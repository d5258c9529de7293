"""Python's poplib on the plain POP3 port of a server with the default cleartext policy.

Usage: cleartext_login.py HOST PORT USER PASSWORD CAFILE
Prints "KEY value" lines for the Java test to check.
"""
import poplib
import ssl
import sys


def main():
    host, port, user, password, cafile = sys.argv[1:6]
    pop = poplib.POP3(host, int(port), timeout=30)
    print("CAPA", " ".join(sorted(pop.capa().keys())))
    try:
        pop.user(user)
        print("USER accepted")
    except poplib.error_proto as e:
        print("USER", e.args[0].decode())
    pop.stls(ssl.create_default_context(cafile=cafile))
    print("CAPA_TLS", " ".join(sorted(pop.capa().keys())))
    pop.user(user)
    print("PASS_TLS", pop.pass_(password).decode())
    print("QUIT", pop.quit().decode())


if __name__ == "__main__":
    main()
