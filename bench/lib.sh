# Shared by the bench/*.sh scripts; sourced, not run. Bash only.
#   DEVLAUNCH     the launcher under test. Default: a frozen copy of this repo's bin/devlaunch and
#                 target/devlaunch.jar (built first if stale) in a /tmp folder, so every run of a bench
#                 measures the same build even while the sources and the jar change underneath.
#                 bin/devlaunch is copied unchanged: same JVM flags; it does not rebuild there
#                 (no pom.xml beside it); launcher.conf too, so it makes its class-data archive on
#                 the first run, as an installed copy does. Set DEVLAUNCH=/work/main/bin/devlaunch
#                 to run the live one; DEVLAUNCH_CDS=0 to measure without the archive.
#   BEFORE=<rev>  (startup.sh, readiness.sh, restart.sh, stop.sh) also measure devlaunch as it was
#                 at that git revision: a "-before" column beside each devlaunch one, run interleaved
#                 with it, so the machine's drift hits both alike. See before_setup.
#   KEEP_TMP=1    keep the /tmp/devlaunch-bench.* folders for inspection
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
HELPERS=$BENCH/helpers
DEVLAUNCH_SNAPSHOT=""
BEFORE=${BEFORE:-}
DEVLAUNCH_BEFORE="" DEVLAUNCH_BEFORE_DESC=""    # the launcher at $BEFORE, once before_setup has built it

# python3 itself first on PATH, for the helpers and for every service the tools start: a version
# manager's shim (pyenv) costs ~0.4 s per start, which would be charged to whichever tool ran it.
PATH="$(dirname "$(python3 -c 'import sys; print(sys.executable)')"):$PATH"
export PATH

BENCH_PIDS=()       # every process a script starts in the background; cleaned up on exit, by PID only

bench_tmpdir() {    # a fresh folder /tmp/devlaunch-bench.<this script's PID>.XXXXXX; removed on exit unless KEEP_TMP=1
  mktemp -d "/tmp/devlaunch-bench.$$.XXXXXX"
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
    rm -rf /tmp/devlaunch-bench.$$.*
  else
    echo "bench: kept" /tmp/devlaunch-bench.$$.* >&2
  fi
  return 0
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

free_port() {       # an ephemeral port that was free a moment ago (the kernel picks it)
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

stats() {           # numbers on stdin → "median min max" with $1 decimals (default 2); "- - -" when none
  python3 -c '
import sys, statistics
d = int(sys.argv[1])
v = [float(x) for x in sys.stdin.read().split()]
print(" ".join("%.*f" % (d, x) for x in (statistics.median(v), min(v), max(v))) if v else "- - -")' "${1:-2}"
}

now_ns() {          # CLOCK_MONOTONIC in ns, the clock the python helpers use
  python3 -c 'import time; print(time.clock_gettime_ns(time.CLOCK_MONOTONIC))'
}

# $2 gets $1's bin/devlaunch and launcher.conf and an empty target/ for the jar: a frozen launcher,
# with no pom.xml beside it, so it never rebuilds nor looks for newer sources (a `find` per command).
launcher_layout() {
  mkdir -p "$2/bin" "$2/target"
  cp "$1/bin/devlaunch" "$2/bin/devlaunch"
  cp "$1/launcher.conf" "$2/launcher.conf"
}

# Freezes the launcher under test (see DEVLAUNCH above) and sets DEVLAUNCH to it.
snapshot_devlaunch() {
  if [ -n "${DEVLAUNCH:-}" ]; then return; fi
  local snap tries=0
  snap=$(bench_tmpdir)
  launcher_layout "$ROOT" "$snap"
  while :; do
    # builds the jar if stale; then copy it and check the copy is whole (a build may be writing it)
    if "$ROOT/bin/devlaunch" --version >/dev/null 2>"$snap/build.err" \
        && cp -p "$ROOT/target/devlaunch.jar" "$snap/target/devlaunch.jar" \
        && "$snap/bin/devlaunch" --version >/dev/null 2>&1; then
      break
    fi
    tries=$((tries + 1))
    if [ $tries -ge 24 ]; then
      echo "bench: could not get a working devlaunch.jar:" >&2; cat "$snap/build.err" >&2; exit 1
    fi
    sleep 5
  done
  DEVLAUNCH=$snap/bin/devlaunch
  DEVLAUNCH_SNAPSHOT="snapshot of jar built $(date -r "$snap/target/devlaunch.jar" '+%F %T'), sha1 $(sha1sum "$snap/target/devlaunch.jar" | cut -c1-10)"
}

# What was measured: commit, uncommitted changes, jar time, machine load (read-only git).
bench_context() {
  local head dirty
  head=$(git -C "$ROOT" --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo "?")
  dirty=$(git -C "$ROOT" --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null | wc -l)
  echo "# devlaunch: ${DEVLAUNCH_SNAPSHOT:-$DEVLAUNCH}; repo at $head with $dirty uncommitted file changes now"
  [ -n "$DEVLAUNCH_BEFORE" ] && echo "# devlaunch-before: $DEVLAUNCH_BEFORE_DESC"
  echo "# $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1)"
}

# With BEFORE=<git revision> set: builds devlaunch as it was at that revision and sets
# DEVLAUNCH_BEFORE to it, for the "-before" columns. Its committed files (git archive: no work
# tree, no stash) go to a /tmp folder and are built there, offline (mvn -B -q -o -DskipTests
# package: ~/.m2 must hold that revision's dependencies, as it does unless its pom.xml asks for
# others); the launcher is then frozen as snapshot_devlaunch freezes the current one (launcher_layout:
# bin/devlaunch, launcher.conf, the jar; no pom.xml), so both start alike and both make their
# class-data archive on their first run. One Maven build, before any measuring. Without BEFORE:
# nothing. Exits 2 for an unknown revision, 1 when the build fails (its log's tail on stderr).
before_setup() {
  [ -n "$BEFORE" ] || return 0
  local name src frozen
  name=$(basename "$0" .sh)
  src=$(bench_tmpdir) frozen=$(bench_tmpdir)
  git -C "$ROOT" archive "$BEFORE" | tar -x -C "$src" || { echo "$name: no git revision $BEFORE" >&2; exit 2; }
  echo "$name: building devlaunch at $BEFORE in $src ..." >&2
  ( cd "$src" && mvn -B -q -o -DskipTests package >"$src/build.log" 2>&1 ) || { tail -n 20 "$src/build.log" >&2; exit 1; }
  launcher_layout "$src" "$frozen"
  cp -p "$src/target/devlaunch.jar" "$frozen/target/devlaunch.jar"
  DEVLAUNCH_BEFORE=$frozen/bin/devlaunch
  "$DEVLAUNCH_BEFORE" --version >/dev/null 2>&1 || { echo "$name: devlaunch at $BEFORE does not run" >&2; exit 1; }
  DEVLAUNCH_BEFORE_DESC=$(git -C "$ROOT" --no-optional-locks log -1 --format='%h %cs "%s"' "$BEFORE" | cut -c1-90)
  [[ $DEVLAUNCH_BEFORE_DESC == "$BEFORE"* ]] || DEVLAUNCH_BEFORE_DESC="$BEFORE = $DEVLAUNCH_BEFORE_DESC"
  DEVLAUNCH_BEFORE_DESC+=", built from git archive; jar sha1 $(sha1sum "$frozen/target/devlaunch.jar" | cut -c1-10)"
}

before_tools() {    # TOOL...: the same list with TOOL-before after each devlaunch* one when BEFORE is set
  local t
  for t in "$@"; do
    echo "$t"
    [ -n "$BEFORE" ] && [[ $t == devlaunch* ]] && echo "$t-before"
  done | xargs
}
devlaunch_for() {   # TOOL: the launcher a devlaunch column runs (…-before: the one at $BEFORE)
  if [[ $1 == *-before ]]; then echo "$DEVLAUNCH_BEFORE"; else echo "$DEVLAUNCH"; fi
}
devlaunch_version() {   # TOOL: its version line; "devlaunch at REV: …" for a -before column
  if [[ $1 == *-before ]]; then echo "devlaunch at $BEFORE: $("$DEVLAUNCH_BEFORE" --version 2>&1 | head -n 1)"
  else "$DEVLAUNCH" --version 2>&1 | head -n 1; fi
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

# Waits until PID $1 has $2 `sleep 1000` descendants and $4 seconds have passed since $3 (now_ns);
# gives up after 30 s or when PID $1 ends. Sets SLEEPS to the count seen last; returns 1 on giving up.
await_sleeps() {
  local pid=$1 k=$2 t0=$3 settle_s=$4
  SLEEPS=0
  for _ in $(seq 1 300); do
    SLEEPS=$(python3 "$HELPERS/descendants.py" "$pid" | awk '$3 == "sleep" && $4 == "1000"' | wc -l)
    if [ "$SLEEPS" -ge "$k" ] && [ $(( $(now_ns) - t0 )) -ge $((settle_s * 1000000000)) ]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# Remembers every descendant of PID $1 (helpers/descendants.py) with its start time, for survivors.
record_descendants() {
  local c st _rest
  REC_PIDS=() REC_STARTS=()
  while read -r c st _rest; do REC_PIDS+=("$c"); REC_STARTS+=("$st"); done < <(python3 "$HELPERS/descendants.py" "$1")
}

# Each process record_descendants saw that still runs — same PID and start time, not a zombie — is
# a survivor: reported on stderr after the label $1, SIGKILLed by PID. Sets SURVIVORS (all of them)
# and SURVIVING_SLEEPS (those whose command line is `sleep 1000`).
survivors() {
  local j p args
  SURVIVORS=0 SURVIVING_SLEEPS=0
  for j in "${!REC_PIDS[@]}"; do
    p=${REC_PIDS[$j]}
    [ "$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '$1 != "Z" {print $20}')" = "${REC_STARTS[$j]}" ] || continue
    args=$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)
    SURVIVORS=$((SURVIVORS + 1))
    [ "$args" = "sleep 1000 " ] && SURVIVING_SLEEPS=$((SURVIVING_SLEEPS + 1))
    echo "  $1: survivor PID $p ($args); killing it" >&2
    kill -KILL "$p" 2>/dev/null
  done
}

field() { sed -n "s/.*$1=\\([^ ]*\\).*/\\1/p" | head -n 1; }   # key=value from a line on stdin

# `up --detach` of $1/launcher.conf with launcher $2 (stop.sh, sigkill.sh); sets MAIN to the detached
# supervisor's PID, checked against its /proc cmdline (empty on failure).
start_devlaunch() {
  local dir=$1 up
  MAIN=""
  ( cd "$dir" && exec "$2" up --detach --no-color -f "$dir/launcher.conf" >"$dir/up.txt" 2>&1 ) &
  up=$!; BENCH_PIDS+=("$up")
  wait_exit "$up" 60
  [ "$WAIT_RC" = 0 ] || { echo "  devlaunch up --detach: exit $WAIT_RC"; sed 's/^/    /' "$dir/up.txt"; } >&2
  MAIN=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["pid"])' "$dir/.devlaunch/supervisor.json" 2>/dev/null)
  case $(tr '\0' ' ' <"/proc/${MAIN:-0}/cmdline" 2>/dev/null) in
    *"$dir/launcher.conf up "*) BENCH_PIDS+=("$MAIN") ;;
    *) echo "  no running supervisor for $dir/launcher.conf (supervisor.json says PID '${MAIN}')" >&2; MAIN="" ;;
  esac
}

snapshot_devlaunch

# pm2's daemon is not our child, so lib.sh's descendant cleanup cannot see it: a script that starts
# pm2 adds each PM2_HOME it makes to PM2_HOMES and sets `trap pm2_cleanup EXIT` instead of
# bench_cleanup; every daemon still running is stopped with `pm2 kill` of that home only.
PM2_HOMES=()
pm2_cleanup() {
  local h
  for h in "${PM2_HOMES[@]}"; do
    if [ -f "$h/pm2.pid" ] && kill -0 "$(cat "$h/pm2.pid")" 2>/dev/null; then
      echo "bench: pm2 daemon of $h still running; pm2 kill" >&2
      PM2_HOME=$h "$PM2" kill >/dev/null 2>&1
    fi
  done
  bench_cleanup
}
