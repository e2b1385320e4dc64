#!/usr/bin/env python3
"""One readiness measurement: runs `DEVLAUNCH up --no-color -f MANIFEST` with its stdout on a pipe,
stamps (CLOCK_MONOTONIC) the moment the console line containing "healthy in" is read, takes the
server's "bound <ns>" from its console line (or from BOUND_FILE for the --silent server), then
SIGTERMs devlaunch by its PID and waits for it to exit.

Prints one line:  latency_ms=<healthy-read - bound> echo_ms=<bound-line-read - bound> rc=<devlaunch exit>
                  probe_cpu_pct=<CPU of devlaunch's probe threads / time from "srv starting:" to healthy>
                  line=<the healthy line>
echo_ms (how long the server's own "bound" line took to come out of devlaunch's console) is a
diagnostic: the pipe → pump → console-writer → pipe path every console line takes; "-" for --silent.
Usage: readiness_run.py DEVLAUNCH MANIFEST STDERR_FILE [BOUND_FILE]"""
import os, re, signal, subprocess, sys, time
from readiness_common import DEADLINE_S, bound_ns, clock, probe_cpu_ns, report

devlaunch, manifest, err_path = sys.argv[1:4]
bound_file = sys.argv[4] if len(sys.argv) > 4 else None

with open(err_path, "wb") as err:
    p = subprocess.Popen([devlaunch, "up", "--no-color", "-f", manifest], stdout=subprocess.PIPE, stderr=err)
bound = healthy = bound_seen = None
started = cpu0 = cpu1 = None              # "srv starting:" read, and the probe threads' CPU then / at healthy
healthy_line = ""
transcript = []
deadline = time.monotonic() + DEADLINE_S
for raw in p.stdout:                      # readline: returns as soon as a whole line is in the pipe
    t = clock()
    line = raw.decode("utf-8", "replace").rstrip("\n")
    transcript.append(line)
    # only the measured service "srv" counts (the warm-up variants have a second one)
    if started is None and re.search(r"\| srv +starting: ", line):
        started, cpu0 = t, probe_cpu_ns(p.pid)
    if healthy is None and re.search(r"\| srv +healthy in ", line):
        healthy, healthy_line = t, line
        cpu1 = probe_cpu_ns(p.pid)
    elif bound is None and line.startswith("srv ") and bound_ns(line) is not None:
        bound, bound_seen = bound_ns(line), t
    if healthy is not None and (bound is not None or bound_file):
        break
    if "FAILED" in line or time.monotonic() > deadline:
        break

if bound is None and bound_file and os.path.exists(bound_file):
    bound = bound_ns(open(bound_file).read().strip())

os.kill(p.pid, signal.SIGTERM)            # bin/devlaunch execs java: this PID is the JVM
tail = p.stdout.read()                    # drain until devlaunch closes its stdout
try:
    rc = p.wait(timeout=30)
except subprocess.TimeoutExpired:
    os.kill(p.pid, signal.SIGKILL)
    rc = "killed(%s)" % p.wait()
if healthy is None or bound is None:
    sys.stderr.write("readiness_run: no %s line; devlaunch said:\n  %s\n" % (
        "healthy" if healthy is None else "bound", "\n  ".join(transcript)))
pct = None
if None not in (started, healthy, cpu0, cpu1) and healthy > started:
    pct = 100.0 * (cpu1 - cpu0) / (healthy - started)
report(healthy, bound, rc, healthy_line, bound_seen, pct)
