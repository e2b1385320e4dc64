# Shared by the bench/*.sh scripts; sourced, not run. Bash only.
#   DEVLAUNCH     the launcher under test (default: this repo's bin/devlaunch)
#   KEEP_TMP=1    keep the /tmp/devlaunch-bench.* folders for inspection
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
HELPERS=$BENCH/helpers
DEVLAUNCH=${DEVLAUNCH:-$ROOT/bin/devlaunch}

BENCH_PIDS=()       # every process a script starts in the background; cleaned up on exit, by PID only
BENCH_TMP=()

bench_tmpdir() {    # a fresh folder under /tmp; removed on exit unless KEEP_TMP=1
  local d
  d=$(mktemp -d /tmp/devlaunch-bench.XXXXXX)
  BENCH_TMP+=("$d")
  echo "$d"
}

bench_cleanup() {
  local p
  for p in "${BENCH_PIDS[@]}"; do
    if kill -0 "$p" 2>/dev/null; then
      echo "bench: cleaning up PID $p, still running" >&2
      # its direct children too (e.g. devlaunch under /usr/bin/time), by parent PID
      kill -TERM $(ps -o pid= --ppid "$p" 2>/dev/null) 2>/dev/null
      kill -TERM "$p" 2>/dev/null
      sleep 2
      kill -KILL "$p" 2>/dev/null
    fi
  done
  if [ "${KEEP_TMP:-0}" != 1 ]; then
    [ ${#BENCH_TMP[@]} -gt 0 ] && rm -rf "${BENCH_TMP[@]}"
  else
    [ ${#BENCH_TMP[@]} -gt 0 ] && echo "bench: kept ${BENCH_TMP[*]}" >&2
  fi
  return 0
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

free_port() {       # an ephemeral port that was free a moment ago (the kernel picks it)
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

stats() {           # numbers on stdin → "median min max" (2 decimals); "- - -" when none
  python3 -c '
import sys, statistics
v = [float(x) for x in sys.stdin.read().split()]
print("%.2f %.2f %.2f" % (statistics.median(v), min(v), max(v)) if v else "- - -")'
}

now_ns() {          # CLOCK_MONOTONIC in ns, the clock the python helpers use
  python3 -c 'import time; print(time.clock_gettime_ns(time.CLOCK_MONOTONIC))'
}

# Builds the jar (through bin/devlaunch, only if stale) so no measured run includes a build.
# Called before every run: the sources may change while a bench runs.
ensure_built() {
  local jar=$ROOT/target/devlaunch.jar
  if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$jar" -print 2>/dev/null | head -n 1)" ]; then
    "$DEVLAUNCH" --version >/dev/null || { echo "bench: $DEVLAUNCH --version failed" >&2; exit 1; }
  fi
}

# What was measured: commit, uncommitted changes, jar time, machine load (read-only git).
bench_context() {
  local head dirty
  head=$(git -C "$ROOT" --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo "?")
  dirty=$(git -C "$ROOT" --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null | wc -l)
  echo "# devlaunch at $head ($dirty files changed, uncommitted), jar built $(date -r "$ROOT/target/devlaunch.jar" '+%F %T' 2>/dev/null);" \
       "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1)"
}

# Waits up to $2 seconds for PID $1 (a background child of this shell; do not call in $(...)),
# SIGKILLs it after that. Sets WAIT_RC to its exit status, or "killed" if it had to be killed.
wait_exit() {
  local pid=$1 limit=$2 i=0
  while kill -0 "$pid" 2>/dev/null && [ $i -lt $((limit * 10)) ]; do sleep 0.1; i=$((i + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    echo "bench: PID $pid still running ${limit}s after it should have ended; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    WAIT_RC=killed
    return
  fi
  wait "$pid" 2>/dev/null; WAIT_RC=$?
}
