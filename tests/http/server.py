#!/usr/bin/env python3
"""Serves the shared HTTP vectors (tests/vectors/http.json) on 127.0.0.1.

Each vector is at /<name>, answered with its status, its headers exactly as
listed (names and order kept) and its body. The port is ephemeral and is
printed on stdout as the first line (`port N`), then the server runs until
killed, or until stdin closes when started with --exit-on-eof (so a test
that dies does not leave it behind). Standard library only.

With --cors (opt-in: without it the answers are exactly the vector's), every
answer also carries `Access-Control-Allow-Origin: *` and
`Access-Control-Expose-Headers` naming the vector's headers, so that a page
on another origin (the JS browser tests) can fetch a vector and read its
`Retry-After`, which is not a CORS-safelisted response header.

    python3 tests/http/server.py [--vectors FILE] [--exit-on-eof] [--cors]
"""
import argparse
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))


def body_of(case):
    """A vector's body bytes: body, body_hex or body_gen (as the tests read them)."""
    if "body" in case:
        return case["body"].encode("utf-8")
    if "body_hex" in case:
        return bytes.fromhex(case["body_hex"])
    g = case["body_gen"]
    return (g["prefix"] + g["repeat"] * g["count"] + g.get("suffix", "")).encode("utf-8")


def load(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return {c["name"]: c for c in doc["responses"]}


def handler_for(cases, cors=False):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            case = cases.get(self.path.lstrip("/").split("?", 1)[0])
            if case is None:
                self.answer(404, [("Content-Type", "text/plain")], b"no such vector\n")
                return
            self.answer(case["status"], case["headers"], body_of(case))

        def answer(self, status, headers, body):
            # send_response_only: no Server or Date header, only the vector's.
            self.send_response_only(status)
            for name, value in headers:
                self.send_header(name, value)
            if cors:
                self.send_header("Access-Control-Allow-Origin", "*")
                names = list(dict.fromkeys(name for name, _ in headers))
                if names:
                    self.send_header("Access-Control-Expose-Headers", ", ".join(names))
            no_body = status in (204, 304) or 100 <= status < 200
            if not no_body:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not no_body:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading: its business

        def log_message(self, fmt, *args):
            pass

    return Handler


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vectors", default=os.path.join(HERE, "..", "vectors", "http.json"))
    ap.add_argument("--exit-on-eof", action="store_true",
                    help="stop when stdin reaches end of file")
    ap.add_argument("--cors", action="store_true",
                    help="let pages on any origin fetch the vectors and read their headers")
    args = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(load(args.vectors), args.cors))
    server.daemon_threads = True
    print(f"port {server.server_address[1]}", flush=True)
    if args.exit_on_eof:
        def watch():
            sys.stdin.read()
            server.shutdown()
        threading.Thread(target=watch, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
