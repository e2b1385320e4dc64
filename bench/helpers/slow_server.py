#!/usr/bin/env python3
"""A dev server that takes its time: sleeps a random 1.0-1.5 s, binds 127.0.0.1:PORT, then
serves GET and HEAD /health -> 200 until killed (wait-on's http:// URLs send HEAD).

  slow_server.py PORT            prints "bound <CLOCK_MONOTONIC ns>" on stdout right after listen()
  slow_server.py PORT --silent   prints nothing; writes that line to the file named by $BOUND_FILE
  slow_server.py PORT --now      binds at once (the bench's warm-up service)

The bound time is taken right after the socket listens, with the same clock as the bench reader
(time.clock_gettime_ns(CLOCK_MONOTONIC)), so the two are comparable across processes."""
import os, random, sys, time
from http.server import BaseHTTPRequestHandler, HTTPServer


class Health(BaseHTTPRequestHandler):
    def do_GET(self, head=False):
        body = b"ok\n" if self.path == "/health" else b"not found\n"
        self.send_response(200 if self.path == "/health" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET(head=True)

    def log_message(self, *args):    # no per-request lines: they would poke devlaunch's prober
        pass


port = int(sys.argv[1])
silent = "--silent" in sys.argv[2:]
if "--now" not in sys.argv[2:]:
    time.sleep(random.uniform(1.0, 1.5))
server = HTTPServer(("127.0.0.1", port), Health)       # bind() + listen()
bound = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
if silent:
    with open(os.environ["BOUND_FILE"], "w") as f:
        f.write("bound %d\n" % bound)
else:
    print("bound %d" % bound, flush=True)
server.serve_forever()
