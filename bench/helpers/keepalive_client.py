#!/usr/bin/env python3
"""A kept-alive client for bench/proxy_restarts.sh: Python's http.client on ONE HTTPConnection,
reused for every request and never retried, the strictest common client: a kept-alive connection
that the server closes under it fails the next request (RemoteDisconnected), where a browser or
urllib3 would silently retry an idempotent GET.

  keepalive_client.py PORT EVENTS [INTERVAL_MS [TIMEOUT_S [PATH]]]
      GET http://127.0.0.1:PORT/ (or PATH) until SIGTERM (the request in progress finishes first), a new one
      INTERVAL_MS (10) after the previous one started, or at once if that took longer; TIMEOUT_S (5)
      s per socket operation. After a failure the connection is closed and the next request opens a
      new one (as the client in KeepAliveRestartTest does). EVENTS gets a line per request, as
      restart_client.py writes them, "<start ns> <duration ns> <outcome>", followed for a failure by
      the exception's class and text ("closed RemoteDisconnected: Remote end closed connection
      without response"); the outcomes are restart_client.py's: ok, http-NNN, refused, reset,
      closed, cut, timeout, error-NAME; a non-200 is followed by the first 160 bytes of its body
      (the demo frontend's 502 says why). A last line "connections <n>" says how many TCP connections
      it opened in all (1 when the connection survived every restart).
"""
import http.client, socket, sys

from restart_client import now, paced     # the same clock and pacing as the connection-per-request client


def outcome_of(e):
    if isinstance(e, ConnectionRefusedError):
        return "refused"
    if isinstance(e, http.client.RemoteDisconnected):    # EOF before the status line: closed unanswered
        return "closed"
    if isinstance(e, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
        return "reset"
    if isinstance(e, http.client.IncompleteRead):
        return "cut"
    if isinstance(e, socket.timeout):
        return "timeout"
    return "error-" + type(e).__name__


def main():
    port = int(sys.argv[1])
    events = sys.argv[2]
    interval_ms = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    timeout_s = float(sys.argv[4]) if len(sys.argv) > 4 else 5.0
    path = sys.argv[5] if len(sys.argv) > 5 else "/"
    connections = 0
    conn = None
    with open(events, "w") as out:
        for _ in paced(interval_ms):
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout_s)
            t0 = now()
            detail = ""
            try:
                if conn.sock is None:
                    connections += 1           # http.client connects lazily, on this request
                conn.request("GET", path, headers={"User-Agent": "keepalive_client.py"})
                r = conn.getresponse()
                body = r.read()
                outcome = "ok" if r.status == 200 else "http-%d" % r.status
                if r.status != 200:
                    detail = " " + body[:160].decode("utf-8", "replace").replace("\n", " ")
            except (OSError, http.client.HTTPException) as e:
                outcome = outcome_of(e)
                detail = " %s: %s" % (type(e).__name__, e)
                conn.close()
                conn = None
            t1 = now()
            out.write("%d %d %s%s\n" % (t0, t1 - t0, outcome, detail))
            out.flush()
        out.write("connections %d\n" % connections)


if __name__ == "__main__":
    main()
