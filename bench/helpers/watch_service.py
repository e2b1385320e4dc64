#!/usr/bin/env python3
"""The service watch.sh restarts: its first action appends "start <CLOCK_MONOTONIC ns> <pid>" to
STAMPS, then it prints the same stamp as its first line and sleeps until a signal ends it (SIGTERM,
SIGINT, SIGUSR2: Python's defaults, so every tool's stop works at once).
Usage: PY -S -E watch_service.py STAMPS"""
import os, sys, time

ns = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
with open(sys.argv[1], "a") as f:
    f.write("start %d %d\n" % (ns, os.getpid()))
sys.stdout.write("first line %d\n" % ns)
sys.stdout.flush()
while True:
    time.sleep(1000)
