#!/usr/bin/env python3
"""Samples PID's resident memory every INTERVAL_S seconds until it ends or SIGTERM: one line per
sample, "<seconds since start> <VmRSS in KiB>", to OUT (flushed each line).
Usage: rss_sampler.py PID INTERVAL_S OUT"""
import signal, sys, time

pid, interval, out = sys.argv[1], float(sys.argv[2]), open(sys.argv[3], "w")
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
t0 = time.monotonic()
while True:
    try:
        rss = [l.split()[1] for l in open("/proc/%s/status" % pid) if l.startswith("VmRSS:")][0]
    except (OSError, IndexError):
        break
    out.write("%.1f %s\n" % (time.monotonic() - t0, rss))
    out.flush()
    time.sleep(interval)
