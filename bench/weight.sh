#!/usr/bin/env bash
# weight.sh — how heavy is the supervisor: JVM threads and resident memory with 1, 20 and 50 idle
# services, and does stopping it leave nothing behind?
#
# How: for each service count K a manifest in a /tmp folder has K services
# `command = ["sleep", "1000"]` with no health check (ready after devlaunch's 1 s settle time).
#  1. `devlaunch up --no-color -f MANIFEST` runs in the background ($! is bin/devlaunch, which execs
#     the JVM, so it is the JVM's PID: checked in /proc/PID/cmdline).
#  2. Once the console says "services healthy" / "the service is healthy": Threads, VmRSS, VmHWM
#     from /proc/PID/status (the figures with targets), and the `sleep 1000` children: the JVM's
#     child processes in /proc (PID + start time), cross-checked with the PIDs the console names.
#  3. (extra) The stack stays idle for IDLE_S seconds (default 5): devlaunch's CPU over that window
#     (utime+stime from /proc/PID/stat, % of one core) and VmRSS at its end; an idle supervisor
#     should cost ~nothing, and RSS right at "healthy" may not be its steady state.
#  4. (DIAG=1, default; first run of each K) the JVM's threads by name, `jcmd PID GC.heap_info`.
#  5. SIGTERM to the PID, wait for it to exit; every child still alive with the same PID *and*
#     start time (so a reused PID is not mistaken for one) is a straggler: reported, killed by PID.
# Also shown: seconds from launch to "healthy" and from SIGTERM to exit.
# Targets: thread count independent of K; VmRSS < 100 MB at K = 20.
#
# BEFORE=<git revision> adds rows "K-before": devlaunch as it was at that revision (lib.sh's
# before_setup), run right after the current one in every run, so the machine's drift hits both.
#
# Usage: bench/weight.sh                 N=5 runs per K, COUNTS="1 20 50", IDLE_S=5
#        BEFORE=458c2bc N=3 bench/weight.sh
#        N=3 COUNTS="1 100" DIAG=0 IDLE_S=60 bench/weight.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
N=${N:-5}
COUNTS=${COUNTS:-"1 20 50"}
DIAG=${DIAG:-1}
IDLE_S=${IDLE_S:-5}
TICKS=$(getconf CLK_TCK)
RSS_TARGET_MB=100

work=$(bench_tmpdir)
before_setup
cputicks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }   # utime + stime
starttime() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $20}'; }   # field 22: start time in ticks
children_of() {     # "PID STARTTIME" of every process whose parent is $1 and whose command is sleep 1000
  python3 - "$1" <<'PY'
import os, sys
for d in os.listdir("/proc"):
    if not d.isdigit(): continue
    try:
        f = open("/proc/%s/stat" % d).read().rsplit(") ", 1)[1].split()
        cmd = open("/proc/%s/cmdline" % d, "rb").read().split(b"\0")
    except OSError:
        continue
    if f[1] == sys.argv[1] and os.path.basename(cmd[0]) == b"sleep" and cmd[1:2] == [b"1000"]:   # devlaunch execs /usr/bin/sleep
        print(d, f[19])
PY
}
declare -A T R H U S RC STRAY KIDS IC IR
diag=""
rows=()             # the table's: each K, and K-before after it with BEFORE
for k in $COUNTS; do rows+=("$k"); [ -n "$DEVLAUNCH_BEFORE" ] && rows+=("$k-before"); done
for k in $COUNTS; do
  for i in $(seq 1 "$N"); do
   for tool in $(before_tools devlaunch); do
    row=$k; [[ $tool == *-before ]] && row=$k-before
    launcher=$(devlaunch_for "$tool")
    dir=$work/k$row-$i
    mkdir -p "$dir"
    {
      echo 'project = "bench-weight"'
      echo 'services {'
      for s in $(seq 1 "$k"); do echo "  s$s { command = [\"sleep\", \"1000\"] }"; done
      echo '}'
    } >"$dir/launcher.conf"

    t0=$(now_ns)
    "$launcher" up --no-color -f "$dir/launcher.conf" >"$dir/out.txt" 2>"$dir/err.txt" &
    pid=$!; BENCH_PIDS+=("$pid")
    ok=""
    for _ in $(seq 1 600); do
      if grep -aqE 'services healthy|the service is healthy' "$dir/out.txt"; then ok=1; break; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    t1=$(now_ns)
    if [ -z "$ok" ]; then
      echo "  K=$k run $i: devlaunch never reported healthy; its output:" >&2
      sed 's/^/    /' "$dir/out.txt" "$dir/err.txt" >&2
      kill -TERM "$pid" 2>/dev/null; wait_exit "$pid" 30
      continue
    fi
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline")
    case $cmd in *java*devlaunch.jar*) ;; *) echo "  K=$k run $i: PID $pid is not the JVM: $cmd" >&2 ;; esac
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
    rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")
    hwm=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")

    # the children, with their start times, before stopping: the JVM's child processes from /proc
    # (parent PID = the JVM), cross-checked with the PIDs the console named ("… PID n …")
    kids=() kid_start=()
    while read -r c st; do kids+=("$c"); kid_start+=("$st"); done < <(children_of "$pid")
    named=$(grep -aoE '^devlaunch \| s[0-9]+ .*PID [0-9]+' "$dir/out.txt" | grep -oE 'PID [0-9]+' | sort -u | wc -l)
    [ ${#kids[@]} -eq "$k" ] || echo "  K=$k run $i: the JVM has ${#kids[@]} child processes, expected $k" >&2
    [ "$named" -eq "$k" ] || echo "  K=$k run $i: the console named $named child PIDs, expected $k" >&2

    # idle window: CPU and RSS while nothing happens
    c0=$(cputicks "$pid"); w0=$(now_ns)
    sleep "$IDLE_S"
    c1=$(cputicks "$pid"); w1=$(now_ns)
    idle_cpu=$(python3 -c "print('%.1f' % (($c1 - $c0) / $TICKS / (($w1 - $w0) / 1e9) * 100))")
    idle_rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")

    if [ "$DIAG" = 1 ] && [ "$i" = 1 ]; then
      diag+=$'\n'"K=$row: JVM threads by name (digits folded to #):"$'\n'
      diag+=$(cat /proc/"$pid"/task/*/comm | sed 's/[0-9][0-9]*/#/g' | sort | uniq -c | sort -rn | awk '{c=$1; $1=""; printf "  %3d %s\n", c, $0}')
      diag+=$'\n'"K=$row: jcmd $pid GC.heap_info:"$'\n'
      diag+=$(jcmd "$pid" GC.heap_info 2>&1 | sed -n '2,$p' | sed 's/^/  /')
    fi

    # self-check: the start time read by starttime() matches the one found by children_of()
    [ ${#kids[@]} -gt 0 ] && [ "$(starttime "${kids[0]}")" != "${kid_start[0]}" ] \
      && echo "  K=$k run $i: self-check failed: start times disagree; the straggler check is unreliable" >&2
    t2=$(now_ns)
    kill -TERM "$pid"
    wait_exit "$pid" 60; rc=$WAIT_RC
    t3=$(now_ns)
    stray=0
    for j in "${!kids[@]}"; do
      c=${kids[$j]}
      if [ -n "${kid_start[$j]}" ] && [ "$(starttime "$c")" = "${kid_start[$j]}" ]; then
        stray=$((stray + 1))
        echo "  K=$k run $i: child PID $c ($(tr '\0' ' ' <"/proc/$c/cmdline" 2>/dev/null)) survived; killing it" >&2
        kill -KILL "$c" 2>/dev/null
      fi
    done
    up_s=$(python3 -c "print('%.2f' % (($t1 - $t0) / 1e9))")
    stop_s=$(python3 -c "print('%.2f' % (($t3 - $t2) / 1e9))")
    printf '  K=%-3s run %d: threads %s, VmRSS %s MB, VmHWM %s MB, up->healthy %s s, idle %ss: CPU %s%% VmRSS %s MB, stop %s s, exit %s, stragglers %s\n' \
      "$row" "$i" "$threads" "$rss" "$hwm" "$up_s" "$IDLE_S" "$idle_cpu" "$idle_rss" "$stop_s" "$rc" "$stray" >&2
    [ -s "$dir/err.txt" ] && sed 's/^/    devlaunch stderr: /' "$dir/err.txt" >&2
    grep -avE 's[0-9]+ +(starting: sleep 1000|spawned PID|healthy in|stopping$|stopped \(exit code 15\))' "$dir/out.txt" \
      | sed 's/^/    console: /' >&2
    T[$row]+="$threads " R[$row]+="$rss " H[$row]+="$hwm " U[$row]+="$up_s " S[$row]+="$stop_s " RC[$row]+="$rc " STRAY[$row]+="$stray " KIDS[$row]+="${#kids[@]} " IC[$row]+="$idle_cpu " IR[$row]+="$idle_rss "
   done
  done
done

[ -n "$diag" ] && printf '%s\n' "$diag"
echo
bench_context
echo "supervisor weight with K idle services (median of N=$N; [min-max])"
[ -n "$DEVLAUNCH_BEFORE" ] && echo "K-before rows: devlaunch at $BEFORE, each run right after the same run of the row above it."
printf '%9s  %-10s %-22s %-22s %-18s %-18s %-20s %-20s %s\n' K threads "VmRSS MB" "VmHWM MB" "up->healthy s" "SIGTERM->exit s" "children checked" "stragglers" "exit codes"
cell() { echo "$1" | stats "${2:-2}" | awk '{printf "%s [%s-%s]", $1, $2, $3}'; }
for k in "${rows[@]}"; do
  printf '%9s  %-10s %-22s %-22s %-18s %-18s %-20s %-20s %s\n' "$k" "$(cell "${T[$k]:-}" 0)" "$(cell "${R[$k]:-}" 1)" \
    "$(cell "${H[$k]:-}" 1)" "$(cell "${U[$k]:-}")" "$(cell "${S[$k]:-}")" "${KIDS[$k]:-}" "${STRAY[$k]:-}" "${RC[$k]:-}"
done
echo
echo "after ${IDLE_S} s idle (extra):"
printf '%9s  %-22s %s\n' K "CPU % of one core" "VmRSS MB"
for k in "${rows[@]}"; do
  printf '%9s  %-22s %s\n' "$k" "$(cell "${IC[$k]:-}" 1)" "$(cell "${IR[$k]:-}" 1)"
done
first=${COUNTS%% *} last=${COUNTS##* }
tf=$(echo "${T[$first]:-}" | stats 0 | cut -d' ' -f1); tl=$(echo "${T[$last]:-}" | stats 0 | cut -d' ' -f1)
echo "threads: median $tf at K=$first, $tl at K=$last ($(python3 -c "print('independent of K' if '$tf' == '$tl' else 'grows with K: %+g' % (float('$tl') - float('$tf')))" 2>/dev/null))"
if [[ " $COUNTS " == *" 20 "* ]]; then
  r20=$(echo "${R[20]:-}" | stats | cut -d' ' -f1)
  i20=$(echo "${IR[20]:-}" | stats | cut -d' ' -f1)
  verdict() { python3 -c "print('yes' if float('$1') < $RSS_TARGET_MB else 'NO, by %.1f MB' % (float('$1') - $RSS_TARGET_MB))" 2>/dev/null; }
  echo "VmRSS at K=20: median $r20 MB when healthy (target < $RSS_TARGET_MB MB: $(verdict "$r20")); $i20 MB after ${IDLE_S} s idle ($(verdict "$i20"))"
fi
