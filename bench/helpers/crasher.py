#!/usr/bin/env python3
"""A service that crashes, for restart latency. Run it as `python3 -S -E crasher.py FILE [RUN_S]`
(-S -E: no site module, no PYTHON* variables: the cheapest python start-up).
  - its first action: appends "start <CLOCK_MONOTONIC ns> <pid>" to FILE
  - runs RUN_S seconds (default 0.3)
  - appends "exit <CLOCK_MONOTONIC ns> <pid>" and ends at once with exit code 1 (os._exit: no
    interpreter teardown after the stamp)
Other modes, for the bench:
  crasher.py --latencies FILE [CONSOLE REGEX...]
                                  one line per restart: ms from an "exit" stamp to the next "start";
                                  with CONSOLE (a tool's output through stamp_lines.py), one more
                                  column per REGEX: ms from that exit stamp to the first line after
                                  it that matches (e.g. when the tool said the run ended), or "-"
  crasher.py --baseline N FILE    spawns `python3 -S -E crasher.py FILE 0` N times one after the
                                  other and prints, one line each, ms from just before the spawn
                                  (subprocess.Popen) to its "start" stamp: the program's own
                                  start-up, which every restart latency includes"""
import os, sys, time


def stamp(path, what):
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.write(fd, b"%s %d %d\n" % (what, time.clock_gettime_ns(time.CLOCK_MONOTONIC), os.getpid()))
    os.close(fd)


def stamps(path):
    with open(path) as f:
        return [(w, int(t)) for w, t, _ in (line.split() for line in f if line.strip())]


if sys.argv[1] == "--latencies":
    import re
    console = open(sys.argv[3], errors="replace").readlines() if len(sys.argv) > 3 else []
    said = [[int(l.split(" ", 1)[0]) for l in console if re.search(r, l)] for r in sys.argv[4:]]
    s = stamps(sys.argv[2])
    for (w1, t1), (w2, t2) in zip(s, s[1:]):
        if w1 == "exit" and w2 == "start":
            seen = [next(("%.3f" % ((t - t1) / 1e6) for t in ts if t >= t1), "-") for ts in said]
            print(" ".join(["%.3f" % ((t2 - t1) / 1e6)] + seen))
elif sys.argv[1] == "--baseline":
    import subprocess
    n, path = int(sys.argv[2]), sys.argv[3]
    for _ in range(n):
        t0 = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
        subprocess.run([sys.executable, "-S", "-E", os.path.abspath(__file__), path, "0"])
        print("%.3f" % ((stamps(path)[-2][1] - t0) / 1e6))     # [-2]: this run's start; [-1] its exit
else:
    stamp(sys.argv[1], b"start")
    time.sleep(float(sys.argv[2]) if len(sys.argv) > 2 else 0.3)
    stamp(sys.argv[1], b"exit")
    os._exit(1)
