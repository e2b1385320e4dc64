#!/usr/bin/env python3
"""Copies stdin to FILE line by line, each line prefixed with the CLOCK_MONOTONIC ns at which it
was read: "<ns> <line>". Flushes every line, so a reader sees when a tool said something.
Usage: TOOL | stamp_lines.py FILE"""
import sys, time

with open(sys.argv[1], "wb") as out:
    for line in sys.stdin.buffer:
        out.write(b"%d %s" % (time.clock_gettime_ns(time.CLOCK_MONOTONIC), line))
        out.flush()
