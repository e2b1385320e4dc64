#!/usr/bin/env bash
# console.sh — the console path before and after the console became a reader that may fall behind
# (issue 20), side by side in one run. Ratios are the figures; absolute times move with the machine.
#   before   devlaunch at BEFORE_REV (3bb8cb7): the console writer thread also wrote the log files,
#            and a child's pump blocked once the console fell behind
#   after    devlaunch at AFTER_REV (HEAD): the pumps write the log files themselves; the console
#            is a reader that may fall behind, skipping (and saying so) beyond a 16 MB backlog
#
# The two builds: each argument is a jar, or a checkout (its target/devlaunch.jar; built with
# `mvn -B -q -o -DskipTests package` there if it has none). Without arguments, each revision's
# committed files (git archive: no work tree, nothing of the repo touched) are built offline in a
# /tmp folder. Either way the jars are copied aside first, so a rebuild mid-run changes nothing.
# Both run as bin/devlaunch runs `up`: `java OPTS -jar JAR up --no-color`, OPTS read from
# bin/devlaunch (its `opts=` line plus the `up|restart` extra flags) of the after checkout (of this
# repo when jars are given). Not its class-data archive (a start-up saving, the same for both).
#
# The workload: a /tmp project folder per run with one service, `writer`, that writes COUNT
# (1,000,000) numbered lines as fast as it can and exits — `seq 1 COUNT`, run under
# `/usr/bin/time -o` so its own wall time and CPU are known — `restart = no` and
# `dashboard { enabled = false }`; logs at their defaults (after: 10 MiB files, 3 kept: 1 M lines
# are ~31 MB, writer.log.2, .1 and writer.log). `up` exits by itself (0) once the writer has ended.
# Per run, timed with /usr/bin/time -f '%e %U %S' around `timeout` around the JVM:
#   up wall     JVM start → `up` exits
#   JVM CPU     user+sys of the supervisor JVM: time's figure (it includes the children the JVM
#               reaped) minus the writer's own user+sys
#   log         the log file(s) hold every line 1 … COUNT, in order (rotated files oldest first)
#   console     lines the reader got (where there is one that counts)
#   writer      the writer's own wall time (its /usr/bin/time): whether `up` held it back
# Scenarios (SINKS), runs alternately before/after (ABAB…); N (7) pairs after WARM (1) unmeasured:
#   pipe        stdout `| wc -l`: a pipe reader that keeps up (it reads like `cat >/dev/null`, and
#               counts the console lines it got)
#   devnull     stdout `> /dev/null` directly
# and SLOW_N (3) pairs each, no warm-up, SLOW_LIMIT (60) s per run, stdout to a python reader
# paced at SLOW_RATE (256 KiB/s; 4 KiB reads, sleeping to stay on pace; pv is not assumed):
#   slow        seq, SLOW_COUNT (300,000) lines: a burst the pump reads in pipe-sized chunks
#   slowlines   a python writer that makes one write(2) a line, LINES_COUNT (200,000) lines: the
#               pump keeps up and hands the console small batches
# "before" bounds its console queue in batches (256), so a burst fits in it and a line-by-line
# writer does not; "after" bounds it in bytes (16 MB) and never makes the pump wait, and its close
# gives the console at most 5 s to catch up.
# Prints one table on stdout (medians [min-max], after/before = ratio of the medians) and every
# run's raw figures on stderr. Takes ~6 minutes on 2 cores.
#
# Usage: bench/console.sh                                   builds 3bb8cb7 and HEAD, N=7
#        bench/console.sh OLD.jar NEW.jar                   two jars (or two checkouts)
#        N=3 SINKS="pipe slow" BEFORE_REV=4f235bd~1 bench/console.sh
set -uo pipefail
DEVLAUNCH=${DEVLAUNCH:-jars}    # lib.sh: no snapshot of this repo's launcher (it would build in the repo)
source "$(dirname "$0")/lib.sh"
N=${N:-7}
WARM=${WARM:-1}
COUNT=${COUNT:-1000000}
LIMIT=${LIMIT:-120}
SLOW_N=${SLOW_N:-3}
SLOW_COUNT=${SLOW_COUNT:-300000}
SLOW_RATE=${SLOW_RATE:-262144}
SLOW_LIMIT=${SLOW_LIMIT:-60}
LINES_COUNT=${LINES_COUNT:-200000}
SINKS=${SINKS:-"pipe devnull slow slowlines"}
BEFORE_REV=${BEFORE_REV:-3bb8cb7}
AFTER_REV=${AFTER_REV:-HEAD}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "console: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
command -v timeout >/dev/null || { echo "console: needs timeout (coreutils)" >&2; exit 1; }
[ $# = 0 ] || [ $# = 2 ] || { echo "usage: bench/console.sh [BEFORE.jar|CHECKOUT AFTER.jar|CHECKOUT]" >&2; exit 2; }

work=$(bench_tmpdir)
JAVA=java
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && JAVA=$JAVA_HOME/bin/java

build_in() {        # DIR: mvn offline package in DIR (its log's tail on failure)
  echo "console: building $1 (mvn -B -q -o -DskipTests package) ..." >&2
  ( cd "$1" && mvn -B -q -o -DskipTests package >"$work/build.log" 2>&1 ) || { tail -n 20 "$work/build.log" >&2; exit 1; }
}
jar_from() {        # ARG LABEL: ARG (jar or checkout) → $work/LABEL.jar; sets SRC_DESC[LABEL], FLAGS_FILE for after
  local arg=$1 label=$2
  if [ -f "$arg" ]; then
    cp -p "$arg" "$work/$label.jar"; SRC_DESC[$label]="jar $arg"
  elif [ -d "$arg" ]; then
    [ -f "$arg/target/devlaunch.jar" ] || build_in "$arg"
    cp -p "$arg/target/devlaunch.jar" "$work/$label.jar"
    SRC_DESC[$label]="checkout $arg at $(git -C "$arg" --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo '?')"
    [ "$label" = after ] && [ -f "$arg/bin/devlaunch" ] && FLAGS_FILE=$arg/bin/devlaunch
  else
    echo "console: $arg is neither a jar nor a folder" >&2; exit 2
  fi
}
jar_at() {          # REV LABEL: REV's committed files, built in a /tmp folder → $work/LABEL.jar
  local rev=$1 label=$2 src
  src=$work/src-$label
  mkdir -p "$src"
  git -C "$ROOT" archive "$rev" | tar -x -C "$src" || { echo "console: no git revision $rev" >&2; exit 2; }
  build_in "$src"
  cp -p "$src/target/devlaunch.jar" "$work/$label.jar"
  SRC_DESC[$label]=$(git -C "$ROOT" --no-optional-locks log -1 --format='%h %cs "%s"' "$rev" | cut -c1-80)", git archive + offline build"
  [ "$label" = after ] && FLAGS_FILE=$src/bin/devlaunch
}
declare -A SRC_DESC
FLAGS_FILE=$ROOT/bin/devlaunch
if [ $# = 2 ]; then jar_from "$1" before; jar_from "$2" after
else jar_at "$BEFORE_REV" before; jar_at "$AFTER_REV" after; fi

# bin/devlaunch's flags for `up`: the opts= line, then what its `up|restart)` case adds
base_opts=$(sed -n 's/^opts="\(.*\)"$/\1/p' "$FLAGS_FILE" | head -n 1)
up_opts=$(sed -n 's/.*up|restart) opts="\$opts \([^"]*\)".*/\1/p' "$FLAGS_FILE" | head -n 1)
[ -n "$base_opts" ] && [ -n "$up_opts" ] || { echo "console: could not read the JVM flags from $FLAGS_FILE" >&2; exit 1; }
read -r -a OPTS <<<"$base_opts $up_opts"
for v in before after; do
  "$JAVA" "${OPTS[@]}" -jar "$work/$v.jar" --version >/dev/null 2>&1 || { echo "console: $v's jar does not run" >&2; exit 1; }
done

# the slow reader: reads its stdin at RATE bytes/s (4 KiB reads, sleeping to stay on pace), then
# writes "bytes lines" to FILE
cat >"$work/slow_reader.py" <<'PY'
import os, sys, time
rate, out = float(sys.argv[1]), sys.argv[2]
t0, got, lines = time.monotonic(), 0, 0
while True:
    b = os.read(0, 4096)
    if not b:
        break
    got += len(b); lines += b.count(b"\n")
    ahead = got / rate - (time.monotonic() - t0)
    if ahead > 0:
        time.sleep(ahead)
with open(out, "w") as f:
    f.write("%d %d\n" % (got, lines))
PY

# the line-by-line writer: one write(2) a line, so the pump reads few lines at a time (a service
# that logs as it goes), where seq writes 4 KiB blocks and the pump reads up to a pipe's worth
cat >"$work/lines.py" <<'PY'
import os, sys
for i in range(int(sys.argv[1]), int(sys.argv[2]) + 1):
    os.write(1, b"%d\n" % i)
PY

# lines "… N" (log: "DATE TIME N"): how many, and how many are not exactly the previous + 1
count_awk='{ n = $NF + 0; if (c == 0) first = n; else if (n != prev + 1) dis++; c++; prev = n }
  END { printf "%d %d %d %d\n", c, dis + 0, first + 0, prev + 0 }'
log_check() {       # DIR COUNT → "ok" or "BAD(arrived=… disorder=… first=… last=…)"
  local dir=$1/.devlaunch/logs files=() k a d f l
  for k in 9 8 7 6 5 4 3 2 1; do [ -f "$dir/writer.log.$k" ] && files+=("$dir/writer.log.$k"); done
  files+=("$dir/writer.log")
  read -r a d f l < <(cat "${files[@]}" 2>/dev/null | awk "$count_awk")
  if [ "$a" = "$2" ] && [ "$d" = 0 ] && [ "$f" = 1 ] && [ "$l" = "$2" ]; then echo ok
  else echo "BAD(arrived=$a,disorder=$d,first=$f,last=$l,files=${#files[@]})"; fi
}

declare -A WALL CPU CHILD CONS LOG RC
run_once() {        # VARIANT SINK I: one measured `up`; appends to the arrays keyed "SINK VARIANT"
  local v=$1 sink=$2 i=$3 dir count limit w u s cw cu cs cpu cons="-" rc key="$2 $1"
  dir=$work/run-$sink-$v-$i
  mkdir -p "$dir"
  local writer='"seq"'
  count=$COUNT limit=$LIMIT
  [ "$sink" = slow ] && count=$SLOW_COUNT limit=$SLOW_LIMIT
  [ "$sink" = slowlines ] && count=$LINES_COUNT limit=$SLOW_LIMIT writer="\"python3\", \"$work/lines.py\""
  cat >"$dir/launcher.conf" <<CONF
project = "bench-console"
dashboard { enabled = false }
services {
  writer {
    command = ["$TIME", "-f", "%e %U %S", "-o", "$dir/child.txt", $writer, "1", "$count"]
    restart = no
  }
}
CONF
  local up=("$TIME" -f '%e %U %S' -o "$dir/time.txt" timeout --foreground -k 5 "$limit" "$JAVA" "${OPTS[@]}" -jar "$work/$v.jar" up --no-color)
  case $sink in
    pipe)   ( cd "$dir" && "${up[@]}" </dev/null 2>"$dir/err.txt" | wc -l >"$dir/console.txt"; exit "${PIPESTATUS[0]}" ); rc=$?
            cons=$(tr -d ' ' <"$dir/console.txt") ;;
    devnull) ( cd "$dir" && "${up[@]}" </dev/null >/dev/null 2>"$dir/err.txt" ); rc=$? ;;
    slow*)  ( cd "$dir" && "${up[@]}" </dev/null 2>"$dir/err.txt" | python3 "$work/slow_reader.py" "$SLOW_RATE" "$dir/console.txt"; exit "${PIPESTATUS[0]}" ); rc=$?
            cons=$(cut -d' ' -f2 "$dir/console.txt" 2>/dev/null) ;;
  esac
  [ "$rc" = 124 ] || [ "$rc" = 137 ] && rc="timeout(${limit}s)"
  read -r w u s <"$dir/time.txt" 2>/dev/null || true
  read -r cw cu cs <"$dir/child.txt" 2>/dev/null || true
  cpu=$(python3 -c "print('%.2f' % (${u:-0} + ${s:-0} - ${cu:-0} - ${cs:-0}))")
  local lc; lc=$(log_check "$dir" "$count")
  printf '  %-7s %-6s run %s: up %s s, JVM cpu %s s (time: user %s sys %s; writer %s s wall, %s+%s cpu), console lines %s, log %s, exit %s\n' \
    "$sink" "$v" "$i" "${w:--}" "$cpu" "${u:--}" "${s:--}" "${cw:--}" "${cu:--}" "${cs:--}" "$cons" "$lc" "$rc" >&2
  [ -s "$dir/err.txt" ] && grep -v 'Command exited with non-zero status' "$dir/err.txt" | head -n 5 | sed 's/^/    stderr: /' >&2
  if [ "$i" != warm ]; then
    WALL[$key]+="$w " CPU[$key]+="$cpu " CHILD[$key]+="${cw:--} " CONS[$key]+="$cons "
    [ "$lc" = ok ] && LOG[$key]=$(( ${LOG[$key]:-0} + 1 ))
    [ "$rc" = 0 ] || RC[$key]+="$rc "
  fi
  rm -rf "$dir"         # ~31 MB of logs
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "console: before = ${SRC_DESC[before]}" >&2
echo "console: after  = ${SRC_DESC[after]}" >&2
echo "console: flags (from $FLAGS_FILE): ${OPTS[*]}" >&2
for sink in $SINKS; do
  runs=$N warm=$WARM; [[ $sink == slow* ]] && runs=$SLOW_N warm=0
  for i in $(seq 1 "$warm"); do run_once before "$sink" warm; run_once after "$sink" warm; done
  for i in $(seq 1 "$runs"); do run_once before "$sink" "$i"; run_once after "$sink" "$i"; done
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)

med() { printf '%s\n' $1 | grep -v '^-$' | stats "$2"; }          # "median min max"
cell() { local m a b; read -r m a b < <(med "$1" "$2"); [ "$m" = - ] && echo "-" || echo "$m [$a-$b]"; }
ratio() {           # median(after) / median(before) of two lists
  local mb ma
  mb=$(med "$1" 4 | cut -d' ' -f1) ma=$(med "$2" 4 | cut -d' ' -f1)
  python3 -c "import sys; b, a = sys.argv[1], sys.argv[2]; print('-' if '-' in (a, b) or float(b) == 0 else '%.2f' % (float(a) / float(b)))" "$mb" "$ma"
}
echo "# console path before/after (issue 20): one service writing numbered lines, \`up --no-color\`; medians [min-max], ratio = after/before of the medians"
echo "# before: ${SRC_DESC[before]}; jar sha1 $(sha1sum "$work/before.jar" | cut -c1-10)"
echo "# after:  ${SRC_DESC[after]}; jar sha1 $(sha1sum "$work/after.jar" | cut -c1-10)"
echo "# JVM: ${OPTS[*]}"
echo "# $(nproc) CPUs, load $load0 at start, $load1 at end; $("$JAVA" -version 2>&1 | head -n 1)"
line() { printf '| %-44s | %-26s | %-22s | %-22s | %-5s |\n' "$@"; }
line scenario figure before after ratio
echo "|---|---|---|---|---|"
late() { printf '%s\n' $1 | awk '$1 >= 4 { n++ } END { print n + 0 }'; }
row() {             # SCENARIO LABEL ARRAY KEY DECIMALS
  local -n arr=$3
  line "$1" "$2" "$(cell "${arr[$4 before]:-}" "$5")" "$(cell "${arr[$4 after]:-}" "$5")" "$(ratio "${arr[$4 before]:-}" "${arr[$4 after]:-}")"
}
for sink in $SINKS; do
  case $sink in
    pipe) name="seq $(printf "%'d" "$COUNT") lines, stdout | wc -l" runs=$N ;;
    devnull) name="seq $(printf "%'d" "$COUNT") lines, stdout > /dev/null" runs=$N ;;
    slow) name="seq $(printf "%'d" "$SLOW_COUNT") lines, reader at $((SLOW_RATE / 1024)) KiB/s" runs=$SLOW_N ;;
    slowlines) name="line by line, $(printf "%'d" "$LINES_COUNT") lines, reader at $((SLOW_RATE / 1024)) KiB/s" runs=$SLOW_N ;;
  esac
  name=${name//|/\\|}       # a Markdown table cell
  row "$name" "up wall s" WALL "$sink" 2
  row "" "JVM CPU s" CPU "$sink" 2
  row "" "writer's own wall s" CHILD "$sink" 2
  [ "$sink" = devnull ] || row "" "console lines read" CONS "$sink" 0
  [[ $sink == slow* ]] || line "" "runs with up wall >= 4 s" "$(late "${WALL[$sink before]:-}")/$runs" "$(late "${WALL[$sink after]:-}")/$runs" ""
  line "" "log complete in order; exit" "${LOG[$sink before]:-0}/$runs; ${RC[$sink before]:-all 0}" "${LOG[$sink after]:-0}/$runs; ${RC[$sink after]:-all 0}" ""
done
