#!/usr/bin/env python3
"""The service of bench/proxy_restarts.sh: a small HTTP server that takes a moment to start, like a
real dev server (imports, config, a database pool), then answers every GET with 200 "ok".
It speaks HTTP/1.1 with keep-alive, a thread per connection (ThreadingHTTPServer), as dev servers do,
so the kept-alive clients (keepalive_client.py, .js) keep their connection between requests; a
request with `Connection: close` (restart_client.py) is answered and its connection closed.

  restart_server.py STARTS_FILE [PORT]     PORT defaults to $PORT (what devlaunch's proxy hands over)

Each start appends "start <k> <CLOCK_MONOTONIC ns> <pid>" to STARTS_FILE, sleeps its start-up delay,
binds 127.0.0.1:PORT, appends "bound <k> <ns> <pid>", and serves until killed. It does nothing special
on SIGTERM or SIGINT, like `python3 -m http.server`: it dies at once (a request it is answering is
cut off; connections waiting in its accept queue are reset).

The start-up delay is deterministic in k, the number of this start (0 for the first of a run,
counted from the lines already in STARTS_FILE): 0.5 s + 0.5 s × frac(k × 0.618…), i.e. spread over
0.5-1.0 s the same way for every tool, so the n-th restart of each tool waits for the same server.
START_S="MIN-MAX" changes the range."""
import os, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GOLDEN = (5 ** 0.5 - 1) / 2


class Ok(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"           # keep-alive unless the client says Connection: close

    def do_GET(self, head=False):
        body = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET(head=True)

    def log_message(self, *args):   # no per-request lines: they would fill the tools' logs
        pass


def stamp(path, what, k):
    with open(path, "a") as f:
        f.write("%s %d %d %d\n" % (what, k, time.clock_gettime_ns(time.CLOCK_MONOTONIC), os.getpid()))


def main():
    starts = sys.argv[1]
    port = int(sys.argv[2] if len(sys.argv) > 2 else os.environ["PORT"])
    lo, hi = (float(x) for x in os.environ.get("START_S", "0.5-1.0").split("-"))
    try:
        with open(starts) as f:
            k = sum(1 for line in f if line.startswith("start "))
    except FileNotFoundError:
        k = 0
    stamp(starts, "start", k)
    time.sleep(lo + (hi - lo) * ((k * GOLDEN) % 1.0))
    ThreadingHTTPServer.daemon_threads = True       # kept-alive connections never hold up an exit
    server = ThreadingHTTPServer(("127.0.0.1", port), Ok)    # bind() + listen(); SO_REUSEADDR is set
    stamp(starts, "bound", k)
    print("listening on http://127.0.0.1:%d (start %d)" % (port, k), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
