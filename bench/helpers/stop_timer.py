#!/usr/bin/env python3
"""Times a stop to the millisecond: sends SIGNAL to PID, or runs COMMAND, then polls /proc/PID every
millisecond until that process has ended (gone, a zombie, or its PID reused: start time changed).
Prints one line:
    exit_s=<signal sent / command started -> PID ended> cmd_s=<the command's wall time> cmd_rc=<its exit>
(cmd_s and cmd_rc are "-" with --signal; exit_s=timeout when PID still runs after LIMIT_S; a
command still running then is SIGKILLed: cmd_s=timeout cmd_rc=killed.)
The command's own output (stdout and stderr) goes to this script's stderr.
Usage: stop_timer.py PID LIMIT_S --signal TERM
       stop_timer.py PID LIMIT_S -- COMMAND [ARG...]"""
import os, signal, subprocess, sys, time

pid, limit = int(sys.argv[1]), float(sys.argv[2])
clock = time.monotonic


def start_time(p):
    """Field 22 of /proc/p/stat, or None when p is gone or a zombie."""
    try:
        f = open("/proc/%d/stat" % p).read().rsplit(") ", 1)[1].split()
    except OSError:
        return None
    return None if f[0] in ("Z", "X") else f[19]


born = start_time(pid)
cmd = None
t0 = clock()
if sys.argv[3] == "--signal":
    if born is not None:
        os.kill(pid, getattr(signal, "SIG" + sys.argv[4]))
else:
    cmd = subprocess.Popen(sys.argv[4:], stdout=sys.stderr, stderr=sys.stderr)
ended = cmd_end = None
rc = "-"
while clock() - t0 < limit:
    now = clock()
    if ended is None and (born is None or start_time(pid) != born):
        ended = now
    if cmd is not None and cmd_end is None and cmd.poll() is not None:
        cmd_end, rc = now, cmd.returncode
    if ended is not None and (cmd is None or cmd_end is not None):
        break
    time.sleep(0.001)
if cmd is not None and cmd_end is None:
    cmd.kill(); cmd.wait(); rc = "killed"
fmt = lambda t: "timeout" if t is None else "%.3f" % (t - t0)
print("exit_s=%s cmd_s=%s cmd_rc=%s" % (fmt(ended), "-" if cmd is None else fmt(cmd_end), rc))
