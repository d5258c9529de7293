#!/usr/bin/env python3
"""Drives the server with Python's own mail clients (smtplib, imaplib, poplib) for end-to-end tests.

Every action prints one JSON object on stdout; message bytes travel through files so nothing is
re-encoded on the way. Exit status 0 means the action did what it says.
"""
import argparse
import base64
import imaplib
import json
import poplib
import smtplib
import ssl
import sys


def tls_context(cafile):
    context = ssl.create_default_context(cafile=cafile)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def send(args):
    with open(args.message, "rb") as f:
        message = f.read()
    with smtplib.SMTP(args.host, args.port, local_hostname="client.test", timeout=60) as smtp:
        smtp.ehlo()
        if args.starttls:
            smtp.starttls(context=tls_context(args.cafile))
            smtp.ehlo()
        refused = smtp.sendmail(args.sender, args.to, message)
    print(json.dumps({"refused": {k: [v[0], v[1].decode()] for k, v in refused.items()}}))


def send_raw(args):
    """The envelope through smtplib, then the DATA bytes exactly as in the file (terminator included):
    what a hostile or broken sender puts on the wire, which smtplib itself would have dot-stuffed."""
    with open(args.message, "rb") as f:
        data = f.read()
    with smtplib.SMTP(args.host, args.port, local_hostname="client.test", timeout=60) as smtp:
        smtp.ehlo()
        if args.starttls:
            smtp.starttls(context=tls_context(args.cafile))
            smtp.ehlo()
        code, _ = smtp.mail(args.sender)
        assert code == 250, code
        for rcpt in args.to:
            code, _ = smtp.rcpt(rcpt)
            assert code == 250, code
        smtp.putcmd("data")
        code, _ = smtp.getreply()
        assert code == 354, code
        smtp.send(data)
        code, reply = smtp.getreply()
        noop, _ = smtp.noop()
    print(json.dumps({"code": code, "reply": reply.decode(), "noop": noop}))


def pop3_framing(args):
    """RETR of the newest message with poplib (which splits lines at LF), then NOOP: the reply after
    a message must be the server's own, whatever the message holds."""
    pop = poplib.POP3(args.host, args.port, timeout=60)
    try:
        pop.stls(context=tls_context(args.cafile))
        pop.user(args.user)
        pop.pass_(args.password)
        count, _ = pop.stat()
        _, lines, _ = pop.retr(count)
        noop = pop.noop().decode()
        pop.quit()
        print(json.dumps({"lines": [base64.b64encode(line).decode() for line in lines], "noop": noop}))
    except Exception:
        pop.close()
        raise


def imap_read(args):
    imap = imaplib.IMAP4(args.host, args.port, timeout=60)
    try:
        if args.starttls:
            imap.starttls(ssl_context=tls_context(args.cafile))
        imap.login(args.user, args.password)
        typ, data = imap.select("INBOX")
        assert typ == "OK", data
        typ, data = imap.uid("SEARCH", None, "ALL")
        assert typ == "OK", data
        uids = data[0].split()
        result = {"count": len(uids)}
        if uids:
            target = uids[-1]
            if args.subject:
                typ, data = imap.uid("SEARCH", None, "HEADER", "Subject", args.subject)
                assert typ == "OK", data
                matches = data[0].split()
                result["subject_matches"] = len(matches)
                if matches:
                    target = matches[0]
            typ, data = imap.uid("FETCH", target, "(BODY.PEEK[] RFC822.SIZE FLAGS)")
            assert typ == "OK", data
            raw = data[0][1]
            with open(args.out, "wb") as f:
                f.write(raw)
            result["size"] = len(raw)
        imap.close()
        imap.logout()
        print(json.dumps(result))
    finally:
        try:
            imap.shutdown()
        except Exception:
            pass


def pop3_read(args):
    pop = poplib.POP3(args.host, args.port, timeout=60)
    try:
        if args.starttls:
            pop.stls(context=tls_context(args.cafile))
        pop.user(args.user)
        pop.pass_(args.password)
        count, size = pop.stat()
        result = {"count": count, "size": size}
        if count:
            resp, lines, octets = pop.retr(count)
            raw = b"\r\n".join(lines) + b"\r\n"
            with open(args.out, "wb") as f:
                f.write(raw)
            result["octets"] = octets
            uidl = pop.uidl(count).split()
            result["uidl"] = uidl[-1].decode()
        pop.quit()
        print(json.dumps(result))
    except Exception:
        pop.close()
        raise


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["send", "send-raw", "imap-read", "pop3-read", "pop3-framing"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cafile")
    parser.add_argument("--starttls", action="store_true")
    parser.add_argument("--sender", default="")
    parser.add_argument("--to", action="append", default=[])
    parser.add_argument("--message")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--subject")
    parser.add_argument("--out")
    args = parser.parse_args()
    {"send": send, "send-raw": send_raw, "imap-read": imap_read, "pop3-read": pop3_read,
     "pop3-framing": pop3_framing}[args.action](args)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # one line for the Java test to show
        print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
        sys.exit(1)
