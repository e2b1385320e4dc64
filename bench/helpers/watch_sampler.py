#!/usr/bin/env python3
"""What a watching tool costs, from /proc. The tool = ROOT (a PID, or @FILE: the PID in FILE once
it exists, for pm2's daemon) and all its descendants, except the processes whose command line
contains EXCLUDE (the service, and a shell wrapped around it), ROOT itself excepted: their start-up
is not the tool's.
  watch_sampler.py setup ROOT EXCLUDE T0_NS LIMIT_S QUIET_S SAMPLES
      Every 0.1 s: the inotify watches the tool's processes hold (the "inotify wd:" lines of their
      inotify fds' fdinfo), their CPU (utime+stime) and RSS; each sample appended to SAMPLES.
      The watch is set up once the count of watches (> 0) has not changed for QUIET_S s and the
      tool used less than 5 % of a core meanwhile (a count that pauses while the tool is still busy
      walking the tree, as pm2's daemon does before chokidar's first folder, is not a plateau);
      ready = the first sample that had that final count. Prints one line:
        ready_ms=<ready - T0_NS> watches=<n> cpu_ms=<CPU at ready> rss_kb=<RSS at the end> procs=<n>
      or ready_ms=- when there was no stable count within LIMIT_S s of T0_NS.
  watch_sampler.py idle ROOT EXCLUDE SECONDS
      The tool's CPU over SECONDS (processes with the same PID and start time at both ends), and
      its RSS at the end: idle_cpu_ms=<ms> idle_pct=<% of one core> rss_kb=<kB> watches=<n> procs=<n>"""
import os, sys, time

TICK_MS = 1000.0 / os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def now():
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def resolve(root):
    if not root.startswith("@"):
        return root
    try:
        return open(root[1:]).read().strip() or None
    except OSError:
        return None


def tool_procs(root, exclude):
    """{(pid, start): (ticks, rss_kb)} plus the watch count, for the tool's processes."""
    procs = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            f = open("/proc/%s/stat" % d).read().rsplit(") ", 1)[1].split()
            cmd = open("/proc/%s/cmdline" % d, "rb").read()
        except OSError:
            continue
        if f[0] != "Z":
            procs[d] = (f[1], f, cmd)
    mine, todo = set(), [root] if root in procs else []
    mine.update(todo)
    while todo:
        p = todo.pop()
        for c, (ppid, _f, _cmd) in procs.items():
            if ppid == p and c not in mine:
                mine.add(c); todo.append(c)
    out, watches = {}, 0
    for p in mine:
        _ppid, f, cmd = procs[p]
        if p != root and exclude and exclude.encode() in cmd:
            continue       # the service; never the root (nodemon's own command line names the service)
        out[(p, f[19])] = (int(f[11]) + int(f[12]), int(f[21]) * PAGE_KB)
        watches += inotify_watches(p)
    return out, watches


def inotify_watches(pid):
    n = 0
    try:
        fds = os.listdir("/proc/%s/fd" % pid)
    except OSError:
        return 0
    for fd in fds:
        try:
            if os.readlink("/proc/%s/fd/%s" % (pid, fd)) != "anon_inode:inotify":
                continue
            with open("/proc/%s/fdinfo/%s" % (pid, fd)) as f:
                n += sum(1 for line in f if line.startswith("inotify wd:"))
        except OSError:
            pass
    return n


def totals(procs):
    return sum(t for t, _ in procs.values()) * TICK_MS, sum(r for _, r in procs.values())


if sys.argv[1] == "setup":
    root_arg, exclude, t0, limit_s, quiet_s, samples = sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), sys.argv[7]
    rows = []          # (ns, watches, cpu_ms, rss_kb, nprocs)
    with open(samples, "w") as log:
        while now() - t0 < limit_s * 1e9:
            root = resolve(root_arg)
            if root:
                procs, w = tool_procs(root, exclude)
                cpu, rss = totals(procs)
                ns = now()
                rows.append((ns, w, cpu, rss, len(procs)))
                log.write("%d %d %.0f %d %d\n" % rows[-1]); log.flush()
                if w > 0:
                    first = next(i for i in range(len(rows)) if all(r[1] == w for r in rows[i:]))
                    quiet = next(i for i in range(len(rows)) if ns - rows[i][0] <= quiet_s * 1e9)
                    busy = (rows[-1][2] - rows[quiet][2]) / max((ns - rows[quiet][0]) / 1e6, 1)
                    if ns - rows[first][0] >= quiet_s * 1e9 and busy < 0.05:
                        r = rows[first]
                        print("ready_ms=%.0f watches=%d cpu_ms=%.0f rss_kb=%d procs=%d" % ((r[0] - t0) / 1e6, w, r[2], rows[-1][3], rows[-1][4]))
                        sys.exit(0)
            time.sleep(0.1)
    last = rows[-1] if rows else (0, 0, 0, 0, 0)
    print("ready_ms=- watches=%d cpu_ms=%.0f rss_kb=%d procs=%d" % (last[1], last[2], last[3], last[4]))
elif sys.argv[1] == "idle":
    root, exclude, seconds = resolve(sys.argv[2]), sys.argv[3], float(sys.argv[4])
    a, _ = tool_procs(root, exclude)
    t_a = now()
    time.sleep(seconds)
    b, w = tool_procs(root, exclude)
    t_b = now()
    ms = sum(b[k][0] - a[k][0] for k in a if k in b) * TICK_MS
    print("idle_cpu_ms=%.0f idle_pct=%.2f rss_kb=%d watches=%d procs=%d" % (ms, 100.0 * ms / ((t_b - t_a) / 1e6), totals(b)[1], w, len(b)))
else:
    sys.exit(__doc__)
