#!/usr/bin/env python3
"""A service of bench/dashboard.sh: writes RATE lines a second to stdout for DURATION_S seconds, in
ticks of 10 ms (RATE/100 lines per tick, one write each, paced against CLOCK_MONOTONIC so a slow
tick is caught up, not lost), then writes what it achieved to OUTDIR/NAME.rate and idles until
stopped (the stack stays up for the next phase). If its stdout pipe is slow to drain, its writes
block and the achieved rate falls below RATE: that is what the benchmark looks for.
    OUTDIR/NAME.rate: "lines=<n> elapsed_s=<wall time of the writing> rate=<n/elapsed> max_lag_ms=<worst
                       lateness of a tick behind its schedule>"
Usage: paced_writer.py NAME RATE DURATION_S OUTDIR"""
import os, sys, time

name, rate, duration, outdir = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
per_tick = max(1, rate // 100)
tick_ns = 10_000_000 * per_tick * 100 // rate
out = sys.stdout.buffer
mono = lambda: time.clock_gettime_ns(time.CLOCK_MONOTONIC)
start = mono()
end = start + int(duration * 1e9)
n = 0
max_lag = 0
due = start
while due < end:
    now = mono()
    if now < due:
        time.sleep((due - now) / 1e9)
    else:
        max_lag = max(max_lag, now - due)
    # a realistic request-log line with colour codes, ~90 bytes
    out.write(b"".join(b"\x1b[32mINFO\x1b[0m %s GET /api/items/%d 200 %d ms req=%08d\n" % (name.encode(), i % 977, i % 41, i)
                       for i in range(n, n + per_tick)))
    out.flush()
    n += per_tick
    due += tick_ns
elapsed = (mono() - start) / 1e9
with open(os.path.join(outdir, name + ".rate.tmp"), "w") as f:
    f.write("lines=%d elapsed_s=%.3f rate=%.1f max_lag_ms=%.1f\n" % (n, elapsed, n / elapsed, max_lag / 1e6))
os.rename(os.path.join(outdir, name + ".rate.tmp"), os.path.join(outdir, name + ".rate"))
while True:
    time.sleep(3600)
