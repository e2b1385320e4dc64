#!/usr/bin/env python3
"""A service of bench/dashboard.sh that ends by itself: says it is up, lives LIVE_S seconds (past
devlaunch's settle time, so it was healthy), appends the CLOCK_MONOTONIC time of its exit to
TIMES, and exits 3 at once (os._exit: no interpreter teardown between the stamp and the exit).
Usage: blinker.py TIMES [LIVE_S]   (default 1.5)"""
import os, sys, time

times, live = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 1.5
print("blinker up", flush=True)
time.sleep(live)
fd = os.open(times, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
os.write(fd, b"%d\n" % time.clock_gettime_ns(time.CLOCK_MONOTONIC))
os._exit(3)
