#!/usr/bin/env python3
"""Every descendant of PID (children, grandchildren, ...), from /proc, one per line:
    <pid> <start time in ticks> <argv0 basename> <argv1>
The start time lets a caller tell a survivor from a new process that reused the PID.
Usage: descendants.py PID"""
import os, sys

root = sys.argv[1]
procs = {}
for d in os.listdir("/proc"):
    if not d.isdigit():
        continue
    try:
        f = open("/proc/%s/stat" % d).read().rsplit(") ", 1)[1].split()
        cmd = open("/proc/%s/cmdline" % d, "rb").read().split(b"\0")
    except OSError:
        continue
    if f[0] == "Z":
        continue
    procs[d] = (f[1], f[19], os.path.basename(cmd[0]).decode(errors="replace") or "?",
                cmd[1].decode(errors="replace") if len(cmd) > 1 and cmd[1] else "-")
todo, seen = [root], set()
while todo:
    p = todo.pop()
    for c, (ppid, st, a0, a1) in procs.items():
        if ppid == p and c not in seen:
            seen.add(c); todo.append(c)
            print(c, st, a0, a1)
