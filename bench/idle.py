#!/usr/bin/env python3
"""Holds N IMAP connections in IDLE against one server, for measuring memory per connection.

usage: idle.py HOST PORT N USERS PASSWORD
Each connection: implicit TLS, LOGIN as bench<i % USERS + 1>@bench.test, SELECT INBOX, IDLE.
Connections come from 127.0.0.2 upwards, 40 per source address, so no per-address limit is the
bottleneck. Prints "ready <n>" once all are idling (or "failed <n> <first error>"), then holds
them until stdin closes, then ends IDLE and logs out.
"""
import asyncio
import ssl
import sys

host, port, count, users, password = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
PER_ADDRESS = 40


async def line_starting(reader, prefix):
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError("closed while waiting for %r" % prefix)
        if line.startswith(prefix):
            return line


async def command(reader, writer, tag, text):
    writer.write(b"%s %s\r\n" % (tag, text))
    answer = await line_starting(reader, tag + b" ")
    if not answer.startswith(tag + b" OK"):
        raise ConnectionError(answer.decode("ascii", "replace").strip())


async def open_one(i, context, gate):
    async with gate:
        k = i // PER_ADDRESS
        source = "127.0.%d.%d" % (k // 250, 2 + k % 250)
        reader, writer = await asyncio.open_connection(host, port, ssl=context, local_addr=(source, 0),
                                                       server_hostname="localhost", limit=1 << 16)
        await line_starting(reader, b"* OK")
        user = b"bench%d@bench.test" % (i % users + 1)
        await command(reader, writer, b"a", b"LOGIN " + user + b" " + password.encode())
        await command(reader, writer, b"b", b"SELECT INBOX")
        writer.write(b"c IDLE\r\n")
        await line_starting(reader, b"+ ")
        return reader, writer


async def main():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    gate = asyncio.Semaphore(64)
    results = await asyncio.gather(*(open_one(i, context, gate) for i in range(count)), return_exceptions=True)
    opened = [r for r in results if not isinstance(r, BaseException)]
    errors = [r for r in results if isinstance(r, BaseException)]
    if errors:
        print("failed %d %s" % (len(errors), repr(errors[0])[:200]), flush=True)
    else:
        print("ready %d" % len(opened), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for reader, writer in opened:
        try:
            writer.write(b"DONE\r\nd LOGOUT\r\n")
            writer.close()
        except Exception:
            pass


asyncio.run(main())
