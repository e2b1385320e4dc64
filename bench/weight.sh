#!/usr/bin/env bash
# weight.sh — how heavy is the supervisor: JVM threads and resident memory with 1, 20 and 50 idle
# services, and does stopping it leave nothing behind?
#
# How: for each service count K a manifest in a /tmp folder has K services
# `command = ["sleep", "1000"]` with no health check (ready after devlaunch's 1 s settle time).
# `devlaunch up --no-color -f MANIFEST` runs in the background ($! is bin/devlaunch, which execs the
# JVM, so it is the JVM's PID: checked in /proc/PID/cmdline). Once the console says
# "services healthy" / "the service is healthy", /proc/PID/status gives Threads, VmRSS and VmHWM.
# Then SIGTERM to that PID, wait for it to exit, and check that none of the `sleep 1000` children
# (PIDs from the console's "starting: … (PID n)" lines, matched with their /proc start time so a
# reused PID is not mistaken for one) survived; a survivor is reported and killed by its PID.
# Also shown: seconds from launch to "healthy" and from SIGTERM to exit, and (DIAG=1, the
# default; first run of each K, after the figures were read) the JVM's threads by name and its heap
# use from `jcmd PID GC.heap_info`.
# Targets: thread count independent of K; VmRSS < 100 MB at K = 20.
#
# Usage: bench/weight.sh                 N=5 runs per K, COUNTS="1 20 50"
#        N=3 COUNTS="1 100" DIAG=0 bench/weight.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
N=${N:-5}
COUNTS=${COUNTS:-"1 20 50"}
DIAG=${DIAG:-1}
RSS_TARGET_MB=100

work=$(bench_tmpdir)
starttime() { awk '{print $22}' "/proc/$1/stat" 2>/dev/null; }     # field 22: start time in ticks (comm has no spaces here)
declare -A T R H U S RC STRAY
diag=""
for k in $COUNTS; do
  for i in $(seq 1 "$N"); do
    dir=$work/k$k-$i
    mkdir -p "$dir"
    {
      echo 'project = "bench-weight"'
      echo 'services {'
      for s in $(seq 1 "$k"); do echo "  s$s { command = [\"sleep\", \"1000\"] }"; done
      echo '}'
    } >"$dir/launcher.conf"

    t0=$(now_ns)
    "$DEVLAUNCH" up --no-color -f "$dir/launcher.conf" >"$dir/out.txt" 2>"$dir/err.txt" &
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

    # the children, with their start times, before stopping
    kids=() kid_start=()
    for c in $(sed -n 's/.* starting: sleep 1000 (PID \([0-9]*\).*/\1/p' "$dir/out.txt"); do
      kids+=("$c"); kid_start+=("$(starttime "$c")")
    done
    [ ${#kids[@]} -eq "$k" ] || echo "  K=$k run $i: console named ${#kids[@]} children, expected $k" >&2

    if [ "$DIAG" = 1 ] && [ "$i" = 1 ]; then
      diag+=$'\n'"K=$k: JVM threads by name (digits folded to #):"$'\n'
      diag+=$(cat /proc/"$pid"/task/*/comm | sed 's/[0-9][0-9]*/#/g' | sort | uniq -c | sort -rn | awk '{c=$1; $1=""; printf "  %3d %s\n", c, $0}')
      diag+=$'\n'"K=$k: jcmd $pid GC.heap_info:"$'\n'
      diag+=$(jcmd "$pid" GC.heap_info 2>&1 | sed -n '2,$p' | sed 's/^/  /')
    fi

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
    printf '  K=%-3s run %d: threads %s, VmRSS %s MB, VmHWM %s MB, up->healthy %s s, stop %s s, exit %s, stragglers %s\n' \
      "$k" "$i" "$threads" "$rss" "$hwm" "$up_s" "$stop_s" "$rc" "$stray" >&2
    [ -s "$dir/err.txt" ] && sed 's/^/    devlaunch stderr: /' "$dir/err.txt" >&2
    grep -avE 'starting: sleep 1000|s[0-9]+ +(healthy in|stopping$|stopped \(exit code 15\))' "$dir/out.txt" \
      | sed 's/^/    console: /' >&2
    T[$k]+="$threads " R[$k]+="$rss " H[$k]+="$hwm " U[$k]+="$up_s " S[$k]+="$stop_s " RC[$k]+="$rc " STRAY[$k]+="$stray "
  done
done

[ -n "$diag" ] && printf '%s\n' "$diag"
echo
bench_context
echo "supervisor weight with K idle services (median of N=$N; [min-max])"
printf '%4s  %-14s %-20s %-20s %-17s %-15s %-14s %s\n' K threads "VmRSS MB" "VmHWM MB" "up->healthy s" "SIGTERM->exit s" "exit codes" "stragglers"
cell() { echo "$1" | stats "${2:-2}" | awk '{printf "%s [%s-%s]", $1, $2, $3}'; }
for k in $COUNTS; do
  printf '%4s  %-14s %-20s %-20s %-17s %-15s %-14s %s\n' "$k" "$(cell "${T[$k]:-}" 0)" "$(cell "${R[$k]:-}")" \
    "$(cell "${H[$k]:-}")" "$(cell "${U[$k]:-}")" "$(cell "${S[$k]:-}")" "${RC[$k]:-}" "${STRAY[$k]:-}"
done
first=${COUNTS%% *} last=${COUNTS##* }
tf=$(echo "${T[$first]:-}" | stats 0 | cut -d' ' -f1); tl=$(echo "${T[$last]:-}" | stats 0 | cut -d' ' -f1)
echo "threads: median $tf at K=$first, $tl at K=$last ($(python3 -c "print('independent of K' if '$tf' == '$tl' else 'grows with K: %+g' % (float('$tl') - float('$tf')))" 2>/dev/null))"
if [[ " $COUNTS " == *" 20 "* ]]; then
  r20=$(echo "${R[20]:-}" | stats | cut -d' ' -f1)
  echo "VmRSS at K=20: median $r20 MB (target < $RSS_TARGET_MB MB: $(python3 -c "print('yes' if float('$r20') < $RSS_TARGET_MB else 'NO, by %.1f MB' % (float('$r20') - $RSS_TARGET_MB))" 2>/dev/null))"
fi
