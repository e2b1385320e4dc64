#!/usr/bin/env bash
# sigkill.sh — how many processes are left 2 s after the launcher itself is SIGKILLed (issue 22's
# anchor row "processes left 2 s after SIGKILL of the launcher"), devlaunch side by side with
# concurrently, nf, Ruby foreman, supervisord and pm2 (installed when missing: bench/alternatives.sh).
#
# The services: K (5), each run through /bin/sh -c by the tool (supervisord and pm2 have no shell:
# `sh -c "…"`). s1 is `setsid sleep 1000 & sleep 1000 & wait` — one sleep in the shell's group, one
# in a session of its own (a daemon that escaped its group); s2…sK are `sleep 1000 & wait`. So every
# tool runs K shells and K+1 `sleep 1000`, and a tool that leaves its tree when it dies leaves them.
#
# Columns (TOOLS picks a subset; TOOLS=devlaunch means both devlaunch columns):
#   devlaunch-up       `devlaunch up --no-color -f MANIFEST`, attached (our child)   SIGKILL: the JVM
#   devlaunch-detach   `devlaunch up --detach --no-color -f MANIFEST`; the supervisor's PID from
#                      .devlaunch/supervisor.json beside the manifest, checked against its /proc
#                      cmdline (its manifest path and `up`); not our child        SIGKILL: the supervisor
#   concurrently       `concurrently CMD…` (K commands)                            SIGKILL: its node
#   nf                 `nf start -j Procfile`                                      SIGKILL: its node
#   foreman            `foreman start -f Procfile`                                 SIGKILL: its ruby
#   supervisord        `supervisord -n -c CONF`, K [program:sN] with stopasgroup=true and
#                      killasgroup=true (what it offers for shell commands)       SIGKILL: supervisord
#   pm2                `pm2 start ecosystem.json` (K apps, /bin/sh -c …, interpreter none) with
#                      PM2_HOME in this run's folder, so its daemon is ours alone SIGKILL: that daemon
#                      (PID from PM2_HOME/pm2.pid; not our child: lib.sh's PM2_HOMES, pm2_cleanup)
# Every run: start the tool; wait until all K+1 `sleep 1000` are its descendants and SETTLE_S (2) s
# have passed since start; record every descendant (helpers/descendants.py: PID + start time; for
# devlaunch that includes its watchdog); `kill -9` the main process; then poll the recorded
# processes every 50 ms (bash builtins only, no fork) for up to LIMIT_S (3) s: "left after 2 s" is
# the count of those still alive (same PID and start time, not a zombie) at the first poll ≥ 2 s,
# "time until none left" the first poll that finds none (">3" when some outlived the 3 s). Then
# every recorded process still alive is reported and SIGKILLed by PID (lib.sh: survivors), and the
# tool's own leftovers go (our child is disowned, so bash reaps it without a "Killed" notice; pm2's
# stale pid file removed, so pm2_cleanup does not start a daemon to kill it).
# Prints one table (rows = figures, columns = tools, N runs, default 3) on stdout, the raw per-run
# lines on stderr. What devlaunch should show: 0 left, none left after ~1 s (its watchdog).
#
# Usage: bench/sigkill.sh                     N=3, K=5
#        N=1 TOOLS="devlaunch pm2" bench/sigkill.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$BENCH/alternatives.sh"
N=${N:-3}
K=${K:-5}
SETTLE_S=${SETTLE_S:-2}
LEFT_AFTER_S=2
LIMIT_S=${LIMIT_S:-3}
TOOLS=${TOOLS:-"devlaunch-up devlaunch-detach concurrently nf foreman supervisord pm2"}
TOOLS=$(printf '%s\n' $TOOLS | sed 's/^devlaunch$/devlaunch-up devlaunch-detach/' | xargs)
SVC='sleep 1000 & wait'
SVC1='setsid sleep 1000 & sleep 1000 & wait'
SLEEPS_WANTED=$((K + 1))
work=$(bench_tmpdir)
# shellcheck disable=SC2086
alternatives_setup $TOOLS
PM2=$(npm_bin pm2)
trap pm2_cleanup EXIT     # pm2's daemons too, then bench_cleanup (lib.sh)

svc() { if [ "$1" = 1 ]; then echo "$SVC1"; else echo "$SVC"; fi; }   # $1 = service number: its shell line

write_configs() {   # $1 = folder: launcher.conf, Procfile, supervisord.conf, ecosystem.json
  local dir=$1 s
  mkdir -p "$dir"
  { echo 'project = "bench-sigkill"'; echo 'services {'
    for s in $(seq 1 "$K"); do echo "  s$s { command = \"$(svc "$s")\" }"; done; echo '}'; } >"$dir/launcher.conf"
  for s in $(seq 1 "$K"); do echo "s$s: $(svc "$s")"; done >"$dir/Procfile"
  { supervisord_conf "$dir"
    for s in $(seq 1 "$K"); do
      printf '[program:s%s]\ncommand=sh -c "%s"\nautorestart=false\nstdout_logfile=NONE\nstderr_logfile=NONE\n' "$s" "$(svc "$s")"
      printf 'stopasgroup=true\nkillasgroup=true\n'
    done
  } >"$dir/supervisord.conf"
  python3 -c '
import json, sys
k, svc, svc1 = int(sys.argv[1]), sys.argv[2], sys.argv[3]
apps = [{"name": "s%d" % s, "script": "/bin/sh", "args": ["-c", svc1 if s == 1 else svc],
         "interpreter": "none", "autorestart": False} for s in range(1, k + 1)]
print(json.dumps({"apps": apps}, indent=1))' "$K" "$SVC" "$SVC1" >"$dir/ecosystem.json"
}
tool_cmd() {        # $1 = tool, $2 = folder: the command line that runs the tool in the foreground, a word a line
  local s
  case $1 in
    devlaunch-up) printf '%s\n' "$DEVLAUNCH" up --no-color -f "$2/launcher.conf" ;;
    concurrently) printf '%s\n' "$(npm_bin concurrently)"; for s in $(seq 1 "$K"); do svc "$s"; done ;;
    nf) printf '%s\n' "$(npm_bin nf)" start -j "$2/Procfile" ;;
    foreman) printf '%s\n' foreman start -f "$2/Procfile" -d "$2" ;;
    supervisord) printf '%s\n' supervisord -n -c "$2/supervisord.conf" ;;
  esac
}

start_pm2() {       # $1 = folder; sets MAIN to its daemon's PID (empty on failure)
  local dir=$1
  MAIN=""
  PM2_HOMES+=("$dir/pm2")
  ( cd "$dir" && PM2_HOME=$dir/pm2 "$PM2" start "$dir/ecosystem.json" >"$dir/tool.out" 2>&1 ) \
    || { echo "  pm2 start: exit $?"; tail -n 8 "$dir/tool.out" | sed 's/^/    /'; } >&2
  MAIN=$(cat "$dir/pm2/pm2.pid" 2>/dev/null)
  if [ -n "$MAIN" ] && kill -0 "$MAIN" 2>/dev/null; then BENCH_PIDS+=("$MAIN"); else MAIN=""; fi
}
forget_pid() {      # $1: SIGKILLed and gone, so never signalled by PID again (bench_cleanup)
  local p keep=()
  for p in "${BENCH_PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  BENCH_PIDS=("${keep[@]}")
}

# REC_SLEEP[j]: 1 when recorded process j is a `sleep 1000` (read before the kill, not while timing).
flag_sleeps() {
  local j
  REC_SLEEP=()
  for j in "${!REC_PIDS[@]}"; do
    [ "$(tr '\0' ' ' <"/proc/${REC_PIDS[$j]}/cmdline" 2>/dev/null)" = "sleep 1000 " ] && REC_SLEEP[$j]=1 || REC_SLEEP[$j]=0
  done
}
# ALIVE, ALIVE_SLEEPS: recorded processes still alive (same start time, not a zombie). Builtins only.
alive_now() {
  local j line rest
  ALIVE=0 ALIVE_SLEEPS=0
  for j in "${!REC_PIDS[@]}"; do
    line=
    read -r line 2>/dev/null <"/proc/${REC_PIDS[$j]}/stat" || [ -n "$line" ] || continue
    rest=${line##*) }
    set -- $rest
    case $1 in Z|X) continue ;; esac
    [ "${20}" = "${REC_STARTS[$j]}" ] || continue
    ALIVE=$((ALIVE + 1)); ALIVE_SLEEPS=$((ALIVE_SLEEPS + REC_SLEEP[j]))
  done
}
us_now() { US=${EPOCHREALTIME/./}; }     # wall clock in µs, no fork

declare -A LEFT LEFTS GONE DESC
sigkill_run() {     # $1 = tool, $2 = run number
  local t=$1 i=$2 dir=$work/$1-$2 pid="" cmd=() t0 k0 el left="" lefts="" left_ms="" gone_ms="" gone
  write_configs "$dir"
  t0=$(now_ns)
  case $t in
    devlaunch-detach) start_devlaunch "$dir" "$DEVLAUNCH"; pid=$MAIN ;;
    pm2) start_pm2 "$dir"; pid=$MAIN ;;
    *)
      mapfile -t cmd < <(tool_cmd "$t" "$dir")
      ( cd "$dir" && exec "${cmd[@]}" >"$dir/stdout.txt" 2>"$dir/stderr.txt" ) &
      pid=$!; BENCH_PIDS+=("$pid")
      disown "$pid" ;;    # bash still reaps it, without a "Killed" job notice on stderr
  esac
  [ -n "$pid" ] || { echo "  sigkill $t run $i: did not start" >&2; LEFT[$t]+="no-start "; return; }
  await_sleeps "$pid" "$SLEEPS_WANTED" "$t0" "$SETTLE_S" \
    || echo "  sigkill $t run $i: only $SLEEPS of $SLEEPS_WANTED sleeps after 30 s; killing anyway" >&2
  record_descendants "$pid"
  flag_sleeps
  us_now; k0=$US
  kill -KILL "$pid"
  while :; do
    alive_now
    us_now; el=$(( (US - k0) / 1000 ))
    if [ "$ALIVE" = 0 ] && [ -z "$gone_ms" ]; then
      gone_ms=$el
      [ -z "$left" ] && left=0 lefts=0 left_ms=$el     # nothing recorded can come back
    fi
    if [ -z "$left" ] && [ "$el" -ge $((LEFT_AFTER_S * 1000)) ]; then left=$ALIVE lefts=$ALIVE_SLEEPS left_ms=$el; fi
    [ -n "$gone_ms" ] && [ -n "$left" ] && break
    [ "$el" -ge $((LIMIT_S * 1000)) ] && break
    sleep 0.05
  done
  for _ in $(seq 1 50); do                                    # the killed one is gone (or a zombie) before it is forgotten
    [ "$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)" = Z ] || ! kill -0 "$pid" 2>/dev/null && break
    sleep 0.1
  done
  forget_pid "$pid"
  [ "$t" = pm2 ] && rm -f "$dir/pm2/pm2.pid"                 # its daemon is dead: pm2_cleanup must not start one to kill it
  survivors "sigkill $t run $i"
  if [ -n "$gone_ms" ]; then gone=$(awk -v m="$gone_ms" 'BEGIN { printf "%.2f", m / 1000 }'); else gone=">$LIMIT_S"; fi
  LEFT[$t]+="$left " LEFTS[$t]+="$lefts " GONE[$t]+="$gone " DESC[$t]+="${#REC_PIDS[@]} "
  printf '  sigkill %-16s run %d: main PID %s, %d descendants recorded (%d sleeps), left %s (sleeps %s) at %s ms, none left after %s s; still alive at the end, SIGKILLed: %d (sleeps %d)\n' \
    "$t" "$i" "$pid" "${#REC_PIDS[@]}" "$SLEEPS" "$left" "$lefts" "$left_ms" "$gone" "$SURVIVORS" "$SURVIVING_SLEEPS" >&2
}

for i in $(seq 1 "$N"); do
  for t in "${ACTIVE[@]}"; do sigkill_run "$t" "$i"; done     # interleaved: drift hits every tool alike
done

echo
bench_context
alternatives_header
echo "# $K services (\`$SVC1\` once, \`$SVC\` K-1 times: $K shells + $SLEEPS_WANTED sleeps); N=$N runs"
echo "# kill -9 of the launcher's main process $SETTLE_S s after all sleeps were up; recorded descendants (PID + start time) polled every 50 ms for ${LIMIT_S} s"
echo "# devlaunch-detach: the supervisor of \`up --detach\`; supervisord: stopasgroup=true killasgroup=true; pm2: its daemon"
ROW_LABEL_W=40 ROW_CELL_W=17
row "figure" "${ACTIVE[@]}"
c_gone() {          # median when every run ended with none left; else how many runs did
  local v n all
  all=$(printf '%s\n' ${GONE[$1]:-} | wc -l)
  n=$(printf '%s\n' ${GONE[$1]:-} | grep -cE '^[0-9.]+$')
  if [ "$n" = "$all" ] && [ "$n" -gt 0 ]; then med "${GONE[$1]}"; else echo ">$LIMIT_S s in $((all - n))/$all"; fi
}
c_desc() { med "${DESC[$1]:-}" 0; }
rowc "processes left 2 s after SIGKILL (runs)" c_runs LEFT
rowc "   of them sleep 1000 (runs)" c_runs LEFTS
rowc "   processes recorded (median)" c_desc
rowc "time until none left, median (s)" c_gone
