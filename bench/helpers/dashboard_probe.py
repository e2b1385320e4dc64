#!/usr/bin/env python3
"""The event-stream client of bench/dashboard.sh: how soon a state change reaches /api/events.

  dashboard_probe.py PORT TOKEN DURATION_S TIMES OUT

Opens http://127.0.0.1:PORT/api/events with `Authorization: Bearer TOKEN`. A reader thread reads
the stream as it comes (read1; log frames only counted, with bytes.count), stamps
every `state` event with CLOCK_MONOTONIC at the read that completed it, counts `log` events and
adds up `skipped` counts. Meanwhile, until DURATION_S has passed, the main thread cycles:
  1. POST /api/services/blinker/start, then waits for blinker's `state` event to `exited`. The
     blinker (helpers/blinker.py) appended the monotonic time of its own exit to TIMES just before
     exiting, so  exit→event = stamp of that event − the exit time: the whole path from a child's
     death (which nothing in devlaunch schedules) through the supervisor to this socket.
  2. POST /api/services/stopper/stop, stamped just before sending; waits for `stopping`:
     POST→event (an upper bound of transition→event: it includes the HTTP request itself); then
     waits for `stopped`, POSTs start and waits for `healthy`.
Writes OUT, key=value lines:
  exit_ms=<ms ms …>  post_ms=<ms …>  logs=<log events read>  log_rate=<per second while cycling>
  skipped=<sum of skipped counts>  states=<state events read>  lost=<cycles whose event never came>"""
import http.client, json, os, sys, threading, time

port, token, duration, times_file, out_file = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5]
mono = lambda: time.clock_gettime_ns(time.CLOCK_MONOTONIC)
auth = {"Authorization": "Bearer " + token}

lock = threading.Condition()
states = []            # (stamp ns, service, to)
counts = {"logs": 0, "skipped": 0, "status": 0}


def reader():
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/api/events", headers=dict(auth, Accept="text/event-stream"))
    resp = conn.getresponse()
    if resp.status != 200:
        sys.exit("dashboard_probe: /api/events answered %d" % resp.status)
    buf = b""
    while True:
        data = resp.read1(1 << 18)
        if not data:
            return
        stamp = mono()
        buf += data
        cut = buf.rfind(b"\n\n")
        if cut < 0:
            continue
        region, buf = buf[:cut + 2], buf[cut + 2:]
        # The flood is counted at C speed (bytes.count); only the rare frames are parsed, so this
        # client keeps up with tens of thousands of lines a second and its own lag stays out of
        # the figures as far as it can.
        logs = region.count(b"event: log\n")
        for kind in (b"state", b"skipped", b"status"):
            at = region.find(b"event: " + kind + b"\n")
            while at >= 0:
                frame = region[at:region.index(b"\n\n", at)]
                data = frame[frame.index(b"\ndata: ") + 7:].split(b"\n", 1)[0]
                with lock:
                    if kind == b"state":
                        ev = json.loads(data)
                        states.append((stamp, ev["service"], ev["to"]))
                    elif kind == b"skipped":
                        counts["skipped"] += json.loads(data)["count"]
                    else:
                        counts["status"] += 1
                    lock.notify_all()
                at = region.find(b"event: " + kind + b"\n", at + 1)
        with lock:
            counts["logs"] += logs


def post(path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", path, headers=auth)
    r = conn.getresponse()
    r.read()
    conn.close()
    if r.status != 202:
        sys.stderr.write("dashboard_probe: POST %s -> %d\n" % (path, r.status))
    return r.status == 202


def wait_state(service, targets, after_index, timeout_s=15):
    """The first state event of service into one of targets at or after index after_index."""
    deadline = time.time() + timeout_s
    with lock:
        while True:
            for i in range(after_index, len(states)):
                if states[i][1] == service and states[i][2] in targets:
                    return i, states[i][0]
            left = deadline - time.time()
            if left <= 0:
                return None, None
            lock.wait(left)


def exit_times():
    try:
        return [int(l) for l in open(times_file).read().split()]
    except OSError:
        return []


threading.Thread(target=reader, daemon=True).start()
with lock:
    lock.wait_for(lambda: counts["status"] > 0, 30)
exit_ms, post_ms, lost = [], [], 0
t_begin, logs_begin = mono(), counts["logs"]
while (mono() - t_begin) / 1e9 < duration:
    # 1. a child's own exit → its state event
    known = len(exit_times())
    with lock:
        mark = len(states)
    post("/api/services/blinker/start")
    i, stamp = wait_state("blinker", ("exited", "failed"), mark)
    exits = exit_times()
    if i is None or len(exits) <= known:
        lost += 1
    else:
        exit_ms.append((stamp - exits[-1]) / 1e6)
    # 2. POST stop → the stopping event
    with lock:
        mark = len(states)
    t0 = mono()
    post("/api/services/stopper/stop")
    i, stamp = wait_state("stopper", ("stopping", "stopped"), mark)
    if i is None:
        lost += 1
    else:
        post_ms.append((stamp - t0) / 1e6)
    wait_state("stopper", ("stopped",), mark)
    with lock:
        mark = len(states)
    post("/api/services/stopper/start")
    wait_state("stopper", ("healthy",), mark)
elapsed = (mono() - t_begin) / 1e9
with lock:
    logs = counts["logs"] - logs_begin
    with open(out_file, "w") as f:
        f.write("exit_ms=%s\n" % " ".join("%.1f" % v for v in exit_ms))
        f.write("post_ms=%s\n" % " ".join("%.1f" % v for v in post_ms))
        f.write("logs=%d\nlog_rate=%.0f\nskipped=%d\nstates=%d\nlost=%d\n" % (counts["logs"], logs / elapsed, counts["skipped"], len(states), lost))
