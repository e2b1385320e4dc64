#!/usr/bin/env python3
"""One readiness measurement for `wait-on`: starts `python3 slow_server.py PORT` (stdout on a pipe)
and `WAIT_ON ARGS...` right after it, waits for wait-on to exit and stamps (CLOCK_MONOTONIC) the
moment its exit is observed (waitpid returns) - the moment `wait-on URL && next` would start `next`.
Then reads the server's "bound <ns>" line, SIGTERMs the server by its PID and waits for it.

Prints one line:  latency_ms=<wait-on exit - bound> echo_ms=- rc=<wait-on exit status> line=-
Usage: waiton_run.py PORT STDERR_FILE WAIT_ON [ARG...]"""
import os, signal, subprocess, sys
from readiness_common import DEADLINE_S, bound_ns, clock, report

port, err_path, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
server_py = os.path.join(os.path.dirname(os.path.abspath(__file__)), "slow_server.py")

with open(err_path, "wb") as err:
    server = subprocess.Popen(["python3", server_py, port], stdout=subprocess.PIPE, stderr=err)
    waiter = subprocess.Popen(cmd, stdout=err, stderr=err)
try:
    rc = waiter.wait(timeout=DEADLINE_S)
    ready = clock()
except subprocess.TimeoutExpired:
    waiter.kill()
    rc, ready = "killed(%s)" % waiter.wait(), None

# wait-on succeeded, so the server has bound and prints its line right after (EOF if it died)
bound = bound_ns(server.stdout.readline().decode().strip()) if rc == 0 else None
server.send_signal(signal.SIGTERM)
server.stdout.close()
try:
    server.wait(timeout=10)
except subprocess.TimeoutExpired:
    server.kill()
    server.wait()
if rc != 0 or bound is None:
    sys.stderr.write("waiton_run: wait-on exit %s, bound %s\n" % (rc, bound))
report(ready if rc == 0 else None, bound, rc, None)
