"""Shared by readiness_run.py (devlaunch) and waiton_run.py (wait-on): the clock, the server's
"bound <ns>" line, and the one result line bench/readiness.sh parses."""
import os, re, time

DEADLINE_S = 60                           # give up on a run after this long


def clock():
    """CLOCK_MONOTONIC in ns: the clock slow_server.py stamps its bind with."""
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def bound_ns(line):
    """The ns from a slow_server.py "bound <ns>" line (possibly behind a "srv | " prefix), else None."""
    m = re.search(r"(?:^|\| )bound (\d+)$", line)
    return int(m.group(1)) if m else None


def report(ready, bound, rc, line, bound_seen=None, probe_cpu_pct=None):
    """Prints  latency_ms=<ready - bound> echo_ms=<bound_seen - bound | -> rc=<exit>
    probe_cpu_pct=<pct | -> line=<line | ->   (all "-" but rc when ready or bound is missing)."""
    cpu = "-" if probe_cpu_pct is None else "%.2f" % probe_cpu_pct
    if ready is None or bound is None:
        print("latency_ms=- echo_ms=- rc=%s probe_cpu_pct=%s line=-" % (rc, cpu))
        return
    echo = "-" if bound_seen is None else "%.3f" % ((bound_seen - bound) / 1e6)
    print("latency_ms=%.3f echo_ms=%s rc=%s probe_cpu_pct=%s line=%s" % ((ready - bound) / 1e6, echo, rc, cpu, line or "-"))


def probe_cpu_ns(pid):
    """CPU time (ns, from /proc/PID/task/*/schedstat) of the JVM's health-probe threads
    ("devlaunch-probe", "devlaunch-probe-2": comm is cut to 15 characters); 0 before they exist."""
    total = 0
    try:
        tasks = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return None
    for t in tasks:
        try:
            if open("/proc/%d/task/%s/comm" % (pid, t)).read().startswith("devlaunch-prob"):
                total += int(open("/proc/%d/task/%s/schedstat" % (pid, t)).read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total
