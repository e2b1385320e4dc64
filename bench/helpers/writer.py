#!/usr/bin/env python3
"""A child that logs as fast as it can: writes COUNT lines "line 0000001" … "line 1000000" to
stdout (buffered, in chunks of 10,000 lines; each chunk is formatted inside the timed loop, as a
real program would), flushes, then prints on stderr:
    writer: elapsed_ms=<wall time of the writing, CLOCK_MONOTONIC> cpu_s=<its own user+sys> lines=COUNT
Usage: writer.py [COUNT]   (default 1000000)"""
import os, sys, time

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
out = sys.stdout.buffer
start = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
n = 1
while n <= count:
    end = min(count, n + 9_999)
    out.write(b"".join(b"line %07d\n" % i for i in range(n, end + 1)))
    n = end + 1
out.flush()
elapsed = time.clock_gettime_ns(time.CLOCK_MONOTONIC) - start
t = os.times()
sys.stderr.write("writer: elapsed_ms=%.1f cpu_s=%.2f lines=%d\n" % (elapsed / 1e6, t.user + t.system, count))
sys.stderr.flush()
