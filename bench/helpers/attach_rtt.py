#!/usr/bin/env python3
"""Key → echo round trip through `devlaunch attach SERVICE`, stdin a pipe: writes one byte, waits
until it comes back on attach's stdout (the service's terminal echoes it), N times. Prints one
latency in ms per line. Usage: attach_rtt.py N DEVLAUNCH [-f MANIFEST] SERVICE"""
import os, select, subprocess, sys, time

n = int(sys.argv[1])
p = subprocess.Popen(sys.argv[2:3] + ["attach"] + sys.argv[3:], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                     stderr=subprocess.DEVNULL, bufsize=0)
out = p.stdout.fileno()

def wait_for(byte, deadline):
    seen = b""
    while time.monotonic() < deadline:
        r, _, _ = select.select([out], [], [], max(0, deadline - time.monotonic()))
        if r:
            chunk = os.read(out, 4096)
            if not chunk:
                sys.exit("attach ended")
            seen += chunk
            if byte in seen:
                return
    sys.exit("no echo of %r within the deadline (saw %r)" % (byte, seen[-80:]))

# warm-up: the greeting, a first key (JIT, threads made on first use)
for _ in range(20):
    p.stdin.write(b"w")
    wait_for(b"w", time.monotonic() + 10)
letters = b"abcdefghijklmnopqrstuvxyz"
for i in range(n):
    key = letters[i % len(letters):i % len(letters) + 1]
    t0 = time.monotonic_ns()
    p.stdin.write(key)
    wait_for(key, time.monotonic() + 10)
    print("%.3f" % ((time.monotonic_ns() - t0) / 1e6))
    if i % 20 == 19:            # a newline now and then, so the terminal's line never fills
        p.stdin.write(b"\n")
        wait_for(b"\n", time.monotonic() + 10)
p.stdin.close()
p.wait(timeout=10)
