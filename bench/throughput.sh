#!/usr/bin/env bash
# throughput.sh — does devlaunch slow down a child that logs fast, and does every line arrive?
#
# How: helpers/writer.py writes COUNT (1,000,000) lines "line 0000001"… as fast as it can, then
# prints its own wall time (and CPU) on stderr. Three ways, each N times (median reported):
#   baseline        writer.py > FILE                      (straight to a file in /tmp)
#   baseline|cat    writer.py | cat > FILE                (extra: the cost of any pipe reader)
#   devlaunch       `devlaunch up --no-color -f MANIFEST > out.txt`, MANIFEST (in a /tmp folder)
#                   with one service `writer` (restart = no); devlaunch ends by itself (exit 0)
#                   when the writer exits. Timed with /usr/bin/time -f '%e %U %S %M'.
# For devlaunch it reports: the child's own time and its ratio to the baseline (target ≤ 1.3×),
# devlaunch's wall time (JVM start → exit), lines that did not arrive (lost = COUNT − arrived) and
# lines out of order in the console output and in .devlaunch/logs/writer.log (with its rotated
# files, oldest first), devlaunch's CPU
# seconds and its peak RSS. CPU: /usr/bin/time's user+sys includes the children devlaunch waited
# for, so the writer's self-reported CPU is subtracted. A reference run with a 1-line writer gives
# devlaunch's fixed cost (JVM start, manifest, stop), so the cost of the lines themselves shows.
#
# BEFORE=<git revision> adds devlaunch as it was at that revision (lib.sh's before_setup), run right
# after the current one in every run. TOOLS picks the devlaunch columns: devlaunch (`up`, dashboard
# on, as by default) and devlaunch-nodash (`up --no-dashboard`), each with its -before twin; the
# columns alternate within every run (A B A B …), so the machine's drift hits all alike. The
# "stream time" is the writer's own wall time; its ratio to the raw pipe (writer | cat) is the
# issue-27 goal (<= 1.15x). Set JAVA_HOME to run every column on the same JDK (bin/devlaunch
# otherwise picks the newest JDK it finds, an older revision the `java` on PATH).
#
# Usage: bench/throughput.sh         N=5 runs, COUNT=1000000 (about 12 s a run)
#        BEFORE=458c2bc N=5 bench/throughput.sh
#        N=3 COUNT=200000 bench/throughput.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
N=${N:-5}
COUNT=${COUNT:-1000000}
TARGET_RATIO=1.3
PIPE_TARGET=1.15
TOOLS=${TOOLS:-devlaunch devlaunch-nodash}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

work=$(bench_tmpdir)
before_setup
field() { sed -n "s/.*$1=\\([^ ]*\\).*/\\1/p" | head -n 1; }   # key=value from a line on stdin

base=() cat_=()
declare -A WALL1 CPU1 CHILD WALL CPU RSS LOSTC LOSTF DISC DISF RCS     # per launcher: space-separated, one per run
devlaunch_run() {   # $1 = tool (devlaunch, devlaunch-before), $2 = run: one 1M-line run and one 1-line reference run
  local t=$1 i=$2 dir launcher w u s m e wcpu cc cf w1 u1 s1 rc flags=()
  launcher=$(devlaunch_for "$t")
  [[ $t == devlaunch-nodash* ]] && flags=(--no-dashboard)
  dir=$work/$t-$i
  mkdir -p "$dir"
  cat >"$dir/launcher.conf" <<CONF
project = "bench-throughput"
services {
  writer {
    command = ["python3", "$HELPERS/writer.py", "$COUNT"]
    restart = no
  }
}
CONF
  "$TIME" -f '%e %U %S %M' -o "$dir/time.txt" "$launcher" up --no-color "${flags[@]}" -f "$dir/launcher.conf" \
    >"$dir/out.txt" 2>"$dir/err.txt" &
  pid=$!; BENCH_PIDS+=("$pid")
  wait_exit "$pid" 600; rc=$WAIT_RC; RCS[$t]+="$rc "
  read -r w u s m <"$dir/time.txt" || true
  WALL[$t]+="$w "; RSS[$t]+="$(python3 -c "print(round($m / 1024))") "
  e=$(grep -a 'writer: elapsed_ms=' "$dir/out.txt" | field elapsed_ms); CHILD[$t]+="${e:--} "
  wcpu=$(grep -a 'writer: elapsed_ms=' "$dir/out.txt" | field cpu_s)
  local own; own=$(python3 -c "print('%.2f' % ($u + $s - ${wcpu:-0}))"); CPU[$t]+="$own "
  cc=$(awk -f "$HELPERS/count_lines.awk" "$dir/out.txt")
  # the log file rotates at its max-size (10 MiB by default; 1 M lines are ~37 MB): oldest file first
  cf=$(cat $(ls -1 "$dir/.devlaunch/logs/writer.log".* 2>/dev/null | awk -F. '{print $NF, $0}' | sort -k1,1nr | cut -d" " -f2-) "$dir/.devlaunch/logs/writer.log" 2>/dev/null \
    | awk -f "$HELPERS/count_lines.awk" || echo "arrived=0 disorder=0")
  LOSTC[$t]+="$((COUNT - $(field arrived <<<"$cc"))) "; DISC[$t]+="$(field disorder <<<"$cc") "
  LOSTF[$t]+="$((COUNT - $(field arrived <<<"$cf"))) "; DISF[$t]+="$(field disorder <<<"$cf") "
  printf '  run %d %-16s: child %s ms, wall %s s, cpu %s s (user %s sys %s incl. writer %s), peak RSS %s MB, exit %s\n' \
    "$i" "$t" "${e:--}" "$w" "$own" "$u" "$s" "${wcpu:-?}" "$(python3 -c "print(round($m / 1024))")" "$rc" >&2
  printf '         console: %s; log file: %s\n' "$cc" "$cf" >&2
  [ -s "$dir/err.txt" ] && sed 's/^/    devlaunch stderr: /' "$dir/err.txt" >&2
  grep -av '| line [0-9]*$' "$dir/out.txt" | sed 's/^/    console: /' | head -n 20 >&2
  rm -f "$dir/out.txt"     # ~20 MB each

  # reference: the same with a 1-line writer → devlaunch's fixed wall and CPU cost
  sed "s/\"$COUNT\"/\"1\"/" "$dir/launcher.conf" >"$dir/one.conf"
  "$TIME" -f '%e %U %S' -o "$dir/time1.txt" "$launcher" up --no-color "${flags[@]}" -f "$dir/one.conf" >"$dir/out1.txt" 2>&1 &
  pid=$!; BENCH_PIDS+=("$pid")
  wait_exit "$pid" 60
  read -r w1 u1 s1 <"$dir/time1.txt" || true
  WALL1[$t]+="$w1 "; CPU1[$t]+="$(python3 -c "print('%.2f' % ($u1 + $s1))") "
}

# shellcheck disable=SC2086
TOOLS_T=$(before_tools $TOOLS)
for i in $(seq 1 "$N"); do
  python3 "$HELPERS/writer.py" "$COUNT" >"$work/base.txt" 2>"$work/base.err"
  b=$(field elapsed_ms <"$work/base.err"); base+=("$b")
  python3 "$HELPERS/writer.py" "$COUNT" 2>"$work/cat.err" | cat >"$work/cat.txt"
  c=$(field elapsed_ms <"$work/cat.err"); cat_+=("$c")
  arrived=$(wc -l <"$work/base.txt")
  rm -f "$work/base.txt" "$work/cat.txt"
  printf '  run %d: baseline %s ms (%s lines), |cat %s ms\n' "$i" "$b" "$arrived" "$c" >&2
  for t in $TOOLS_T; do devlaunch_run "$t" "$i"; done
done

med() { printf '%s\n' "$@" | grep -v '^-$' | stats | cut -d' ' -f1; }
range() { printf '%s\n' "$@" | grep -v '^-$' | stats | awk '{print $2 "-" $3}'; }
B=$(med "${base[@]}")
P=$(med "${cat_[@]}")

echo
bench_context
echo "log throughput: $COUNT lines from one child (median of N=$N; range min-max)"
[ -n "$DEVLAUNCH_BEFORE" ] && echo "devlaunch-before: devlaunch at $BEFORE, each run right after the same run of devlaunch."
printf '%-38s %12s %16s\n' figure median range
printf '%-38s %12s %16s\n' "baseline child -> file (ms)" "$B" "$(range "${base[@]}")"
printf '%-38s %12s %16s\n' "baseline child | cat > file (ms)" "$(med "${cat_[@]}")" "$(range "${cat_[@]}")"
for t in $TOOLS_T; do
  l() { local v; read -ra v <<<"$1"; printf '%s\n' "${v[@]}"; }
  child=($(l "${CHILD[$t]:-}")) wall=($(l "${WALL[$t]:-}")) cpu=($(l "${CPU[$t]:-}")) wall1=($(l "${WALL1[$t]:-}")) cpu1=($(l "${CPU1[$t]:-}")) rss=($(l "${RSS[$t]:-}"))
  C=$(med "${child[@]}")
  ratio=$(python3 -c "print('%.2f' % ($C / $B))" 2>/dev/null || echo "-")
  ok=$(python3 -c "print('yes' if $ratio <= $TARGET_RATIO else 'NO')" 2>/dev/null || echo "-")
  echo "$t:"
  printf '%-38s %12s %16s\n' "  child under $t (ms)" "$C" "$(range "${child[@]}")"
  printf '%-38s %12s %16s\n' "  ratio to baseline (<= $TARGET_RATIO?)" "${ratio}x $ok" ""
  pr=$(python3 -c "print('%.2f' % ($C / $P))" 2>/dev/null || echo "-")
  pok=$(python3 -c "print('yes' if $pr <= $PIPE_TARGET else 'NO')" 2>/dev/null || echo "-")
  printf '%-38s %12s %16s\n' "  ratio to raw pipe (<= $PIPE_TARGET?)" "${pr}x $pok" ""
  printf '%-38s %12s %16s\n' "  wall, JVM start->exit (s)" "$(med "${wall[@]}")" "$(range "${wall[@]}")"
  printf '%-38s %12s %16s\n' "  CPU user+sys, own (s)" "$(med "${cpu[@]}")" "$(range "${cpu[@]}")"
  printf '%-38s %12s %16s\n' "    same, 1-line writer: wall (s)" "$(med "${wall1[@]}")" "$(range "${wall1[@]}")"
  printf '%-38s %12s %16s\n' "    same, 1-line writer: CPU (s)" "$(med "${cpu1[@]}")" "$(range "${cpu1[@]}")"
  printf '%-38s %12s\n' "    => CPU per line, net (us)" "$(python3 -c "print('%.2f' % (($(med "${cpu[@]}") - $(med "${cpu1[@]}")) / $COUNT * 1e6))")"
  printf '%-38s %12s %16s\n' "  peak RSS (MB)" "$(med "${rss[@]}")" "$(range "${rss[@]}")"
  printf '%-38s %12s\n' "  lines lost, console (per run)" "${LOSTC[$t]:-}"
  printf '%-38s %12s\n' "  lines lost, log file (per run)" "${LOSTF[$t]:-}"
  printf '%-38s %12s\n' "  lines out of order, console" "${DISC[$t]:-}"
  printf '%-38s %12s\n' "  lines out of order, log file" "${DISF[$t]:-}"
  printf '%-38s %12s\n' "  exit codes" "${RCS[$t]:-}"
done
