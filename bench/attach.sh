#!/usr/bin/env bash
# attach.sh — what `interactive = true` costs and how quick `devlaunch attach` feels, in one run.
#
# Rows (median, min, max):
#   start-up, plain         `devlaunch up` of one service that is not interactive: from just before
#                           the up command is started to the service's first action (it appends a
#                           CLOCK_MONOTONIC stamp to a file). JVM, manifest, supervisor and spawn.
#   start-up, interactive   the same service with interactive = true: a pseudo-terminal opened (JNA
#                           bindings loaded on first use), sh and setsid --ctty in the child.
#   attach key → echo       helpers/attach_rtt.py: one key written to `devlaunch attach` (stdin a
#                           pipe) until it is back on attach's stdout, echoed by the service's
#                           terminal; through the control socket both ways. K keys (default 200)
#                           after 20 for warm-up.
# The start-up runs alternate plain / interactive, N rounds (default 11), each `up` stopped with
# SIGTERM once the stamp is in. The service is `python3 -S -E` writing its stamp, then sleeping.
# Then, when the test classes are compiled (mvn test-compile), one spawn's cost inside the
# supervisor: fixtures/SpawnBenchMain, /bin/true 300 times through ChildProcess.start, plain and
# interactive (time inside start(), which the supervisor's loop pays; spawn → exit reported).
#
# Usage: bench/attach.sh            N=11 K=200
set -uo pipefail
source "$(dirname "$0")/lib.sh"
N=${N:-11}
K=${K:-200}
dir=$(bench_tmpdir)
snapshot_devlaunch
PY=$(python3 -c 'import sys; print(sys.executable)')

for kind in plain interactive; do
  mkdir -p "$dir/$kind"
  flag=""; [ "$kind" = interactive ] && flag="interactive = true"
  cat >"$dir/$kind/launcher.conf" <<CONF
services {
  svc {
    command = ["$PY", "-S", "-E", "-c", "import sys, time; open(sys.argv[1], 'a').write(str(time.clock_gettime_ns(time.CLOCK_MONOTONIC)) + '\\\\n'); time.sleep(600)", "$dir/$kind/stamps"]
    $flag
  }
}
CONF
done

one_start() {   # $1 = kind: prints ms from starting `up` to the service's stamp
  local d=$dir/$1 t0 t1 pid
  rm -f "$d/stamps"
  t0=$(now_ns)
  "$DEVLAUNCH" up --no-color -f "$d/launcher.conf" >"$d/up.log" 2>&1 &
  pid=$!; BENCH_PIDS+=("$pid")
  for _ in $(seq 1 600); do [ -s "$d/stamps" ] && break; sleep 0.05; done
  t1=$(head -n 1 "$d/stamps" 2>/dev/null)
  kill -TERM "$pid"; wait "$pid" 2>/dev/null
  [ -n "$t1" ] && python3 -c "print('%.1f' % (($t1 - $t0) / 1e6))"
}

: >"$dir/plain.ms"; : >"$dir/interactive.ms"
for _ in $(seq 1 "$N"); do
  for kind in plain interactive; do one_start "$kind" >>"$dir/$kind.ms"; done
done

# attach round trip: the interactive service is `cat` (its terminal echoes each key as it arrives)
mkdir -p "$dir/echo"
printf 'services {\n  echo { command = ["cat"], interactive = true }\n}\n' >"$dir/echo/launcher.conf"
"$DEVLAUNCH" up --no-color -f "$dir/echo/launcher.conf" >"$dir/echo/up.log" 2>&1 &
up=$!; BENCH_PIDS+=("$up")
for _ in $(seq 1 600); do grep -q "healthy in" "$dir/echo/up.log" && break; sleep 0.05; done
python3 "$HELPERS/attach_rtt.py" "$K" "$DEVLAUNCH" -f "$dir/echo/launcher.conf" echo >"$dir/rtt.ms" || echo "bench: attach_rtt failed" >&2
kill -TERM "$up"; wait "$up" 2>/dev/null

spawns=""
if [ -f "$ROOT/target/test-classes/io/devlaunch/fixtures/SpawnBenchMain.class" ]; then
  jar=$(dirname "$(dirname "$DEVLAUNCH")")/target/devlaunch.jar
  for m in plain interactive; do spawns+="# $(java -cp "$ROOT/target/test-classes:$jar" io.devlaunch.fixtures.SpawnBenchMain 300 $m)"$'\n'; done
fi

bench_context
printf '%-24s %10s %10s %10s\n' "" median min max
printf '%-24s %10s %10s %10s   (ms, %s runs)\n' "start-up, plain" $(stats 1 <"$dir/plain.ms") "$N"
printf '%-24s %10s %10s %10s   (ms, %s runs)\n' "start-up, interactive" $(stats 1 <"$dir/interactive.ms") "$N"
printf '%-24s %10s %10s %10s   (ms, %s keys)\n' "attach key → echo" $(stats 2 <"$dir/rtt.ms") "$K"
printf '%s' "$spawns"
