#!/usr/bin/env python3
"""The tree watch.sh watches, and the writes it times.
  watch_tree.py make DIR FOLDERS FILES NM_FOLDERS
      DIR/app/d00000 … d<FOLDERS-1>, each with f0.py … f<FILES-1>.py (one short line each), and
      DIR/app/node_modules/pkg0000 … with FILES files each: a folder every tool should ignore.
  watch_tree.py write FILE LOG LABEL
      appends "write <CLOCK_MONOTONIC ns> LABEL FILE" to LOG, the stamp taken right before FILE
      is opened, then rewrites FILE (a new line of text, closed at once): one editor save."""
import os, sys, time

if sys.argv[1] == "make":
    base, folders, files, nm = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    for d in range(folders):
        p = os.path.join(base, "app", "d%05d" % d)
        os.makedirs(p)
        for f in range(files):
            with open(os.path.join(p, "f%d.py" % f), "w") as out:
                out.write("x = %d\n" % f)
    for d in range(nm):
        p = os.path.join(base, "app", "node_modules", "pkg%04d" % d)
        os.makedirs(p)
        for f in range(files):
            with open(os.path.join(p, "index%d.js" % f), "w") as out:
                out.write("module.exports = %d;\n" % f)
elif sys.argv[1] == "write":
    path, log, label = sys.argv[2], sys.argv[3], sys.argv[4]
    ns = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
    with open(path, "w") as out:
        out.write("x = %d  # %s\n" % (ns, label))
    with open(log, "a") as f:
        f.write("write %d %s %s\n" % (ns, label, path))
else:
    sys.exit("usage: watch_tree.py make DIR FOLDERS FILES NM_FOLDERS | write FILE LOG LABEL")
