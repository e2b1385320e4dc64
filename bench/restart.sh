#!/usr/bin/env bash
# restart.sh — restart latency: the time from a crash to the new process running, devlaunch side by
# side with concurrently and supervisord (installed when missing: bench/alternatives.sh); nf and
# Ruby foreman have no restart and are shown as such.
#
# The service: helpers/crasher.py, run as `PY -S -E crasher.py STAMPS RUN_S` where PY is the python
# interpreter itself (not a pyenv shim, which costs ~0.4 s a start). Its first action appends a
# CLOCK_MONOTONIC "start" stamp to the STAMPS file; it runs RUN_S (0.3) s, appends an "exit" stamp
# and ends at once with exit code 1. Latency of a restart = the next run's start stamp − the
# previous run's exit stamp: the tool noticing the exit, its configured delay, the spawn, and the
# program's own start-up. That start-up is measured alone too (crasher.py --baseline: spawn →
# first stamp, N runs), so the tool's own share shows.
#
# Each tool runs until the crasher has started N+1 times (N restarts; default N=5), then gets
# SIGTERM; it is given up on when no new start comes within QUIET_S (15) s of an exit. That is one
# round; ROUNDS (default 1) rounds run the tools in turn (A, B, A, B …), and every figure is over
# all ROUNDS×N restarts of a tool.
#   devlaunch     `devlaunch up --no-color -f MANIFEST`, restart = on-failure, max-restarts = N+2
#                 (so it never gives up here). Its backoff is fixed: 0.5 s before the first restart,
#                 doubling (0.5, 1, 2, 4, 8 s); every restart is measured, and its delay is the one
#                 devlaunch printed ("restarting in 0.50s"). Target: < 50 ms beyond the backoff.
#   concurrently  `concurrently --restart-tries N+2 -n crasher "PY -S -E crasher.py …"` with its
#                 default --restart-after 0 (no delay); it runs the command through /bin/sh -c.
#   supervisord   `supervisord -n -c CONF`, [program:crasher] autorestart=true startsecs=0: with
#                 startsecs=0 a run counts as started at once, so an exit is a plain EXITED and is
#                 restarted with no delay (startsecs > run time would mean BACKOFF: 1, 2, 3 … s).
#   nf, foreman   no restart option: one process ending stops them all; run once to show it.
# Where the time goes: each tool's stdout passes through helpers/stamp_lines.py (each line stamped
# when read), so two more rows show, from the exit stamp, when the tool said the run exited and
# when it said it restarts (devlaunch "crasher starting: … (restart k)" and concurrently
# "restarted" come before the spawn; supervisord's "spawned:" right after its fork).
# BEFORE=<git revision> adds a devlaunch-before column: devlaunch as it was at that revision (built
# by lib.sh's before_setup), its round right after devlaunch's; ROUNDS is then 3 unless set, so
# the two alternate over a minute or two rather than run once each.
# Prints one table (rows = figures, columns = tools; median of the ROUNDS×N restarts) on stdout,
# the raw per-restart lines on stderr.
#
# Usage: bench/restart.sh                  N=5 restarts per tool
#        N=3 TOOLS="devlaunch supervisord" bench/restart.sh
#        BEFORE=7f40db0 TOOLS=devlaunch ROUNDS=4 bench/restart.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$BENCH/alternatives.sh"
N=${N:-5}
RUN_S=${RUN_S:-0.3}
QUIET_S=${QUIET_S:-15}
TOOLS=${TOOLS:-"devlaunch concurrently supervisord nf foreman"}
ROUNDS=${ROUNDS:-$([ -n "$BEFORE" ] && echo 3 || echo 1)}
TARGET_MS=50
PY=$(python3 -c 'import sys; print(sys.executable)')
work=$(bench_tmpdir)
before_setup
# shellcheck disable=SC2086
alternatives_setup $(before_tools $TOOLS)
declare -A SAYS_EXIT=(             # the tool's stdout line that reports the crash
  [devlaunch]='crasher exited with code 1' [concurrently]='exited with code 1' [supervisord]='exited: crasher')
declare -A SAYS_START=(            # … and the one that reports the restart (devlaunch, concurrently:
  [devlaunch]='crasher starting: .*\(restart' [concurrently]='restarted' [supervisord]="spawned: 'crasher'")   # before the spawn; supervisord: after
declare -A NO_RESTART=(
  [nf]="nf has no restart option: when one process exits it stops the others and exits"
  [foreman]="foreman has no restart option: when one process exits it stops the others and exits")

crasher() { echo "$PY -S -E $HELPERS/crasher.py $1 $RUN_S"; }     # $1 = the stamps file
write_configs() {   # $1 = folder, $2 = the stamps file: launcher.conf, Procfile, supervisord.conf
  local dir=$1
  mkdir -p "$dir"
  cat >"$dir/launcher.conf" <<CONF
project = "bench-restart"
services {
  crasher {
    command = [$(crasher "$2" | sed 's/[^ ]*/"&"/g; s/ /, /g')]
    restart = on-failure
    max-restarts = $((N + 2))
  }
}
CONF
  echo "crasher: $(crasher "$2")" >"$dir/Procfile"
  { supervisord_conf "$dir"; printf '[program:crasher]\ncommand=%s\nautorestart=true\nstartsecs=0\n' "$(crasher "$2")"; } >"$dir/supervisord.conf"
}
tool_cmd() {        # $1 = tool, $2 = folder, $3 = stamps file: the command line, a word a line
  case ${1%-before} in
    devlaunch) printf '%s\n' "$(devlaunch_for "$1")" up --no-color -f "$2/launcher.conf" ;;
    concurrently) printf '%s\n' "$(npm_bin concurrently)" --restart-tries $((N + 2)) -n crasher "$(crasher "$3")" ;;
    nf) printf '%s\n' "$(npm_bin nf)" start -j "$2/Procfile" ;;
    foreman) printf '%s\n' foreman start -f "$2/Procfile" -d "$2" ;;
    supervisord) printf '%s\n' supervisord -n -c "$2/supervisord.conf" ;;
  esac
}
count() { grep -c "^$1 " "$2" 2>/dev/null; }     # stamps of a kind ("start", "exit") in file $2

declare -A LAT BEYOND DELAY SEEN UNTIL RC BY_ITSELF
restart_run() {     # $1 = tool, $2 = round: one run of the tool, N restarts
  local t=$1 dir=$work/$1-$2 stamps=$work/$1-$2/stamps.txt pid spid cmd=() quiet=0 lat=() delays=() k by_itself=""
  write_configs "$dir" "$stamps"
  : >"$stamps"
  mapfile -t cmd < <(tool_cmd "$t" "$dir" "$stamps")
  mkfifo "$dir/stdout.fifo"     # the tool's stdout, each line stamped with when it came out
  "$PY" "$HELPERS/stamp_lines.py" "$dir/stdout.txt" <"$dir/stdout.fifo" &
  spid=$!; BENCH_PIDS+=("$spid")
  ( cd "$dir" && exec "${cmd[@]}" >"$dir/stdout.fifo" 2>"$dir/stderr.txt" ) &
  pid=$!; BENCH_PIDS+=("$pid")
  while [ "$(count start "$stamps")" -le "$N" ] && [ $quiet -lt $((QUIET_S * 10)) ]; do
    kill -0 "$pid" 2>/dev/null || { by_itself=1; break; }
    if [ -s "$stamps" ] && [ "$(count exit "$stamps")" -ge "$(count start "$stamps")" ]; then quiet=$((quiet + 1)); else quiet=0; fi
    sleep 0.1
  done
  kill -TERM "$pid" 2>/dev/null
  wait_exit "$pid" 30
  RC[$t]+="$WAIT_RC "; [ -n "$by_itself" ] && BY_ITSELF[$t]=" (by itself)"
  wait_exit "$spid" 5
  mapfile -t lat < <(python3 "$HELPERS/crasher.py" --latencies "$stamps" "$dir/stdout.txt" "${SAYS_EXIT[${t%%-*}]:-^$}" "${SAYS_START[${t%%-*}]:-^$}" | head -n "$N")
  if [[ $t == devlaunch* ]]; then   # the delay devlaunch announced before each restart
    mapfile -t delays < <(grep -ao 'restarting in [0-9.]*s' "$dir/stdout.txt" | sed 's/restarting in \([0-9.]*\)s/\1/' | awk '{print $1 * 1000}')
  fi
  for k in "${!lat[@]}"; do
    local d=${delays[$k]:-0} l seen said b until
    read -r l seen said <<<"${lat[$k]}"
    b=$(python3 -c "print('%.3f' % ($l - $d))")
    until=$(python3 -c "print('%.3f' % ($l - $said))" 2>/dev/null || echo -)
    LAT[$t]+="$l " BEYOND[$t]+="$b " DELAY[$t]+="$d " SEEN[$t]+="$seen " UNTIL[$t]+="$until "
    printf '  restart %-16s round %d #%d: crash -> running %8.3f ms, configured delay %6s ms, beyond it %7.3f ms; after the exit the tool said "exited" at %s ms, "restarting" at %s ms\n' \
      "$t" "$2" $((k + 1)) "$l" "$d" "$b" "$seen" "$said" >&2
  done
  printf '  restart %-16s: round %d, %d starts, %d restarts measured, tool exit %s\n' "$t" "$2" "$(count start "$stamps")" "${#lat[@]}" "$WAIT_RC${by_itself:+ (by itself)}" >&2
  sed "s/^/    $t stderr: /" "$dir/stderr.txt" | head -n 6 >&2
}

base=$(python3 "$HELPERS/crasher.py" --baseline "$N" "$work/baseline.txt")
echo "  program start-up alone (spawn -> first stamp), ms: $(echo $base)" >&2
for r in $(seq 1 "$ROUNDS"); do
  for t in "${ACTIVE[@]}"; do restart_run "$t" "$r"; done
done

echo
bench_context
alternatives_header
read -r bmed bmin bmax < <(echo "$base" | stats 1)
echo "# restart latency = the crasher's exit stamp -> the next run's start stamp (CLOCK_MONOTONIC); N=$N restarts per tool and round, ROUNDS=$ROUNDS"
echo "# program start-up alone ($PY -S -E crasher.py, spawn -> first stamp, N=$N): median $bmed ms [$bmin-$bmax]; every latency includes it"
for t in "${ACTIVE[@]}"; do [ -n "${NO_RESTART[$t]:-}" ] && echo "# $t: no restart: ${NO_RESTART[$t]} (seen: exit $(echo ${RC[$t]})${BY_ITSELF[$t]:-})"; done
[ -n "$BEFORE" ] && ROW_CELL_W=17       # room for "devlaunch-before"
row "figure" "${ACTIVE[@]}"
nr() { [ -n "${NO_RESTART[$1]:-}" ] && [ -z "${LAT[$1]:-}" ]; }       # a tool that does not restart
c_med()   { local -n a=$1; nr "$2" && { echo "no restart"; return; }; med "${a[$2]:-}" 1; }
c_span()  { local -n a=$1; nr "$2" && { echo "-"; return; }; span "${a[$2]:-}" 1; }
c_delay() { nr "$1" && { echo "-"; return; }; echo "${DELAY[$1]:-}" | xargs -n 1 | awk '!seen[$1]++ {printf "%s%g", (n++ ? "/" : ""), $1 / 1000}'; }
c_own()   { nr "$1" && { echo "-"; return; }; python3 -c "print('%.1f' % ($(med "${BEYOND[$1]:-}" 1) - $bmed))" 2>/dev/null || echo "-"; }
c_count() { echo "${LAT[$1]:-}" | wc -w; }
c_rc()    { c_runs RC "$1"; }
c_target() { [[ $1 == devlaunch* ]] || { echo "-"; return; }
  python3 -c "print('yes' if float('$(med "${BEYOND[$1]:-}" 1)') < $TARGET_MS else 'NO')" 2>/dev/null || echo "-"; }
rowc "configured delay per restart (s)" c_delay
rowc "crash -> running, median (ms)" c_med LAT
rowc "   min-max (ms)" c_span LAT
rowc "beyond the configured delay (ms)" c_med BEYOND
rowc "   min-max (ms)" c_span BEYOND
rowc "   minus program start-up $bmed ms" c_own
rowc "   exit -> the tool says so (ms)" c_med SEEN
rowc "   tool says restart -> running (ms)" c_med UNTIL
rowc "restarts measured" c_count
rowc "tool exit" c_rc
rowc "devlaunch < $TARGET_MS ms beyond backoff" c_target
