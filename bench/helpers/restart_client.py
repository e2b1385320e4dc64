#!/usr/bin/env python3
"""The client of bench/proxy_restarts.sh: sequential HTTP GETs, a new connection each, every outcome
logged and classified.

  restart_client.py run PORT EVENTS [INTERVAL_MS [TIMEOUT_S]]
      GET http://127.0.0.1:PORT/ over and over until SIGTERM (the request in progress finishes first),
      one at a time, each on a new TCP connection with `Connection: close`, a new one starting
      INTERVAL_MS (20) after the previous one started, or at once if that took longer. Each request
      gets TIMEOUT_S (5) s in all (connect, send, the whole answer). EVENTS gets a line per request:
      "<start ns> <duration ns> <outcome>" (CLOCK_MONOTONIC), outcome one of
        ok          200 and the whole body (Content-Length)
        http-NNN    any other status, e.g. http-502, http-503
        refused     connect() refused: nothing listens on the port
        reset       the connection was reset (RST) while connecting, sending or reading
        closed      closed with no answer at all (EOF before the first byte)
        cut         closed in the middle of the answer (headers or body incomplete)
        timeout     no whole answer within TIMEOUT_S
        error-NAME  any other OSError (its class name)
  restart_client.py wait PORT TIMEOUT_S
      the same GET every 20 ms until one answers 200; exit 0, or 1 after TIMEOUT_S
  restart_client.py summary EVENTS WINDOWS
      one line of key=value figures from EVENTS. WINDOWS has a line "restart <k> <t0 ns> <t1 ns>
      [<rc> <tc ns>]" per restart (t0: just before the restart command, t1: the server answered 200
      again, tc: the restart command returned); a failure is charged to the last restart that began
      before it (failures before the first: before=). EVENTS may also be a kept-alive client's
      (keepalive_client.py, .js): extra words after the outcome (the error's text) are ignored, and
      its last line "connections <n>" gives connections=.
"""
import signal, socket, sys, time

REQUEST = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: restart_client\r\nConnection: close\r\n\r\n"
KINDS = ("refused", "reset", "closed", "cut", "timeout")


def now():
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def get(port, timeout_s):
    """One request on a new connection: its outcome (see the module doc)."""
    deadline = time.monotonic() + timeout_s

    def left():
        t = deadline - time.monotonic()
        if t <= 0:
            raise socket.timeout()
        return t

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout_s) as s:
            s.settimeout(left())
            s.sendall(REQUEST)
            data = b""
            while True:
                s.settimeout(left())
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
    except ConnectionRefusedError:
        return "refused"
    except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError):
        return "reset"
    except socket.timeout:
        return "timeout"
    except OSError as e:
        return "error-" + type(e).__name__
    if not data:
        return "closed"
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return "cut"
    lines = head.split(b"\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return "cut"
    length = None
    for h in lines[1:]:
        name, _, value = h.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if length is not None and len(body) < length:
        return "cut"
    return "ok" if status == 200 else "http-%d" % status


def paced(interval_ms):
    """Yields once a request, INTERVAL_MS after the previous one began (at once when it took longer),
    until SIGTERM or SIGINT; the request in progress finishes first. Also keepalive_client.py's."""
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    nxt = now()
    while not stop:
        t = now()
        if t < nxt:
            time.sleep((nxt - t) / 1e9)
            if stop:
                return
        nxt = now() + interval_ms * 1_000_000
        yield


def run(port, events, interval_ms=20, timeout_s=5.0):
    with open(events, "w") as out:
        for _ in paced(interval_ms):
            t0 = now()
            outcome = get(port, timeout_s)
            t1 = now()
            out.write("%d %d %s\n" % (t0, t1 - t0, outcome))


def wait(port, timeout_s):
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if get(port, max(0.1, min(5.0, end - time.monotonic()))) == "ok":
            return 0
        time.sleep(0.02)
    return 1


def summary(events, windows):
    ev = []
    connections = "-"
    with open(events) as f:
        for line in f:
            p = line.split()
            if len(p) == 2 and p[0] == "connections":
                connections = p[1]
            elif len(p) >= 3 and p[0].isdigit():
                ev.append((int(p[0]), int(p[1]), p[2]))
    starts = []
    commands = []                   # the restart command's own wall time, when WINDOWS has it
    with open(windows) as f:
        for line in f:
            p = line.split()
            if p and p[0] == "restart":
                starts.append((int(p[2]), int(p[3])))
                if len(p) >= 6:
                    commands.append(int(p[5]) - int(p[2]))
    n_restarts = len(starts)
    per = [0] * n_restarts
    before = 0
    counts = {k: 0 for k in KINDS}
    codes, other = {}, {}
    ok = 0
    longest = 0
    slow = 0                        # requests that took over 100 ms (held, or waited out)
    gap = 0                         # the longest time without a 200: between two 200s' ends
    last_ok_end = None
    for t0, d, o in ev:
        longest = max(longest, d)
        if d > 100_000_000:
            slow += 1
        if o == "ok":
            ok += 1
            end = t0 + d
            if last_ok_end is not None:
                gap = max(gap, end - last_ok_end)
            last_ok_end = end
            continue
        if o in counts:
            counts[o] += 1
        elif o.startswith("http-"):
            codes[o[5:]] = codes.get(o[5:], 0) + 1
        else:
            other[o] = other.get(o, 0) + 1
        k = max((i for i, (s, _) in enumerate(starts) if s <= t0), default=None)
        if k is None:
            before += 1
        else:
            per[k] += 1
    failed = len(ev) - ok
    ms = lambda ns: "%.1f" % (ns / 1e6)
    fields = {
        "sent": len(ev), "ok": ok, "failed": failed, **counts,
        "non200": sum(codes.values()),
        "codes": ",".join("%s:%d" % kv for kv in sorted(codes.items())) or "-",
        "other": sum(other.values()),
        "others": ",".join("%s:%d" % kv for kv in sorted(other.items())) or "-",
        "restarts": n_restarts,
        "restarts_failing": sum(1 for x in per if x),
        "per_restart": ",".join(str(x) for x in per) or "-",
        "before": before,
        "longest_ms": ms(longest), "gap_ms": ms(gap), "slow": slow,
        "recover_ms": ",".join(ms(t1 - t0) for t0, t1 in starts) or "-",
        "command_ms": ",".join(ms(c) for c in commands) or "-",
        "connections": connections,
    }
    print(" ".join("%s=%s" % kv for kv in fields.items()))


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "run":
        run(int(args[0]), args[1], *(int(args[2]),) if len(args) > 2 else (), *(float(args[3]),) if len(args) > 3 else ())
    elif mode == "wait":
        sys.exit(wait(int(args[0]), float(args[1])))
    elif mode == "summary":
        summary(args[0], args[1])
    else:
        sys.exit("usage: restart_client.py run|wait|summary ...")
