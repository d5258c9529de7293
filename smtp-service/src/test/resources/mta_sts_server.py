"""The policy hosts of MTA-STS domains for outbound delivery tests (RFC 8461 §3.3): one HTTPS server
(Python's http.server and ssl, not our code) that answers for several mta-sts.<domain> names, each
with its own certificate chosen by SNI and its own policy file.

Usage: python3 mta_sts_server.py PORT HOST=CERT:KEY:POLICY ...
  GET /.well-known/mta-sts.txt with Host HOST -> 200 text/plain, the POLICY file's content
  anything else                                -> 404
A POLICY file whose first line is "#! status=301 type=text/html location=https://... drip=1" is
served with that status, Content-Type and Location instead, and with drip, one octet per that many
seconds (the line itself is not served): how the tests play a policy host that misbehaves.
Prints "ready" once listening.
"""
import http.server
import socket
import ssl
import sys
import threading
import time

port = int(sys.argv[1])
hosts = {}
contexts = {}
for spec in sys.argv[2:]:
    host, files = spec.split("=", 1)
    cert, key, policy = files.split(":", 2)
    hosts[host] = policy
    contexts[host] = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    contexts[host].load_cert_chain(cert, key)

default = next(iter(contexts.values()))


def pick_certificate(ssl_object, server_name, context):
    if server_name in contexts:
        ssl_object.context = contexts[server_name]


default.sni_callback = pick_certificate


class Policies(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        host = (self.headers.get("Host") or "").split(":")[0]
        if self.path != "/.well-known/mta-sts.txt" or host not in hosts:
            self.send_error(404)
            return
        with open(hosts[host], "rb") as f:
            body = f.read()
        answer = {"status": "200", "type": "text/plain"}
        if body.startswith(b"#!"):
            first, _, body = body.partition(b"\n")
            answer.update(word.split("=", 1) for word in first[2:].decode().split())
        self.send_response(int(answer["status"]))
        self.send_header("Content-Type", answer["type"])
        if "location" in answer:
            self.send_header("Location", answer["location"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if "drip" in answer:
            for i in range(len(body)):
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
                time.sleep(float(answer["drip"]))
        else:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


class Ipv6Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6


# on 127.0.0.1 and on ::1, the same port: a test can give a policy host an address that refuses
# connections (IPv4, tried first) and one that answers (IPv6)
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Policies)
server.socket = default.wrap_socket(server.socket, server_side=True)
server6 = Ipv6Server(("::1", port), Policies)
server6.socket = default.wrap_socket(server6.socket, server_side=True)
threading.Thread(target=server6.serve_forever, daemon=True).start()
print("ready", flush=True)
server.serve_forever()
