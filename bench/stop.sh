#!/usr/bin/env bash
# stop.sh — how long does stopping K (20) services take when each has a grandchild, and what
# survives the stop (must be 0)? devlaunch side by side with concurrently, nf, Ruby foreman and
# supervisord (installed when missing: bench/alternatives.sh).
#
# The service: the shell line `sleep 1000 & wait`, run through /bin/sh -c by each tool (supervisord
# has no shell: `sh -c "sleep 1000 & wait"`). The sh is the tool's child, the sleep its grandchild;
# a tool that signals only its child leaves the sleep behind when the sh dies.
#
# Columns (TOOLS picks a subset):
#   devlaunch-down     `devlaunch up --detach --no-color -f MANIFEST` (returns once all are up; no
#                      health check: ready after ~1 s), then `devlaunch down --no-color -f MANIFEST`
#                      timed end to end: the wall time of that command, its JVM start included.
#   devlaunch-term     the same start, then SIGTERM to the supervisor → its exit. The supervisor's
#                      PID comes from .devlaunch/supervisor.json beside the manifest, checked against
#                      its /proc cmdline (its manifest path and `up`). It is not our child: no exit code.
#   concurrently       `concurrently "sleep 1000 & wait" …` (K commands)      SIGTERM → exit
#   nf                 `nf start -j Procfile` ("sN: sleep 1000 & wait")        SIGTERM → exit
#   foreman            `foreman start -f Procfile` (same Procfile)             SIGTERM → exit
#   supervisord        `supervisord -n -c CONF`, K [program:sN] with stopasgroup=true and
#                      killasgroup=true — what a user who knows supervisord sets for shell commands
#                      (its defaults signal only the child)                    SIGTERM → exit
#   supervisord-plain  the same with supervisord's defaults (stopasgroup=false)
# Every run: start the tool; wait until all K `sleep 1000` are its descendants and SETTLE_S (2) s
# have passed since start; record every descendant (helpers/descendants.py: PID + start time);
# stop, timed by helpers/stop_timer.py, which polls /proc every ms until the main process has ended
# (gone or a zombie). After the tool returns, GRACE_S (0.5) s more, then every recorded descendant
# still alive with the same start time (not a zombie) is a survivor: reported, SIGKILLed by PID.
# Prints one table (rows = figures, columns = tools, median of N runs, default 5) on stdout, the raw
# per-run lines on stderr. Target: devlaunch stops 20 services in < 1 s, 0 survivors.
# TOOLS may say devlaunch for both devlaunch columns. BEFORE=<git revision> adds devlaunch-down-before
# and devlaunch-term-before: the same with devlaunch as it was at that revision (built by lib.sh's
# before_setup; its own `down` for its own supervisor), each run right after devlaunch's.
#
# Usage: bench/stop.sh                    N=5, K=20
#        N=2 TOOLS="devlaunch-down supervisord" bench/stop.sh
#        BEFORE=7f40db0 TOOLS=devlaunch N=11 bench/stop.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$BENCH/alternatives.sh"
N=${N:-5}
K=${K:-20}
SETTLE_S=${SETTLE_S:-2}
GRACE_S=${GRACE_S:-0.5}
STOP_LIMIT_S=${STOP_LIMIT_S:-60}     # a stop taking longer is cut short: the tool is SIGKILLed
TOOLS=${TOOLS:-"devlaunch-down devlaunch-term concurrently nf foreman supervisord supervisord-plain"}
TOOLS=$(printf '%s\n' $TOOLS | sed 's/^devlaunch$/devlaunch-down devlaunch-term/' | xargs)
TARGET_S=1
SVC='sleep 1000 & wait'
work=$(bench_tmpdir)
before_setup
# shellcheck disable=SC2086
alternatives_setup $(before_tools $TOOLS)

write_configs() {   # $1 = folder: launcher.conf, Procfile, supervisord.conf, supervisord-plain.conf
  local dir=$1 s group
  mkdir -p "$dir"
  { echo 'project = "bench-stop"'; echo 'services {'
    for s in $(seq 1 "$K"); do echo "  s$s { command = \"$SVC\" }"; done; echo '}'; } >"$dir/launcher.conf"
  for s in $(seq 1 "$K"); do echo "s$s: $SVC"; done >"$dir/Procfile"
  for group in true false; do
    { supervisord_conf "$dir"
      for s in $(seq 1 "$K"); do
        printf '[program:s%s]\ncommand=sh -c "%s"\nautorestart=false\nstdout_logfile=NONE\nstderr_logfile=NONE\n' "$s" "$SVC"
        [ $group = true ] && printf 'stopasgroup=true\nkillasgroup=true\n'
      done
    } >"$dir/supervisord$([ $group = true ] || echo -plain).conf"
  done
}
tool_cmd() {        # $1 = tool, $2 = folder: the command line that runs the tool in the foreground, a word a line
  local s
  case $1 in
    concurrently) printf '%s\n' "$(npm_bin concurrently)"; for s in $(seq 1 "$K"); do echo "$SVC"; done ;;
    nf) printf '%s\n' "$(npm_bin nf)" start -j "$2/Procfile" ;;
    foreman) printf '%s\n' foreman start -f "$2/Procfile" -d "$2" ;;
    supervisord) printf '%s\n' supervisord -n -c "$2/supervisord.conf" ;;
    supervisord-plain) printf '%s\n' supervisord -n -c "$2/supervisord-plain.conf" ;;
  esac
}


declare -A STOP GONE SURV DESC RC
stop_run() {        # $1 = tool, $2 = run number
  local t=$1 i=$2 dir=$work/$1-$2 pid="" cmd=() t0 timing stop_s gone_s rc=- note=""
  write_configs "$dir"
  t0=$(now_ns)
  if [[ $t == devlaunch-* ]]; then
    start_devlaunch "$dir" "$(devlaunch_for "$t")"; pid=$MAIN
  else
    mapfile -t cmd < <(tool_cmd "$t" "$dir")
    ( cd "$dir" && exec "${cmd[@]}" >"$dir/stdout.txt" 2>"$dir/stderr.txt" ) &
    pid=$!; BENCH_PIDS+=("$pid")
  fi
  [ -n "$pid" ] || { RC[$t]+="no-start "; return; }
  await_sleeps "$pid" "$K" "$t0" "$SETTLE_S" \
    || echo "  stop $t run $i: only $SLEEPS of $K sleeps after 30 s; stopping anyway" >&2
  record_descendants "$pid"
  case ${t%-before} in
    devlaunch-down)
      timing=$(python3 "$HELPERS/stop_timer.py" "$pid" "$STOP_LIMIT_S" -- "$(devlaunch_for "$t")" down --no-color -f "$dir/launcher.conf" 2>"$dir/down.txt")
      stop_s=$(field cmd_s <<<"$timing") rc=$(field cmd_rc <<<"$timing")
      note="down said: $(tr '\n' ' ' <"$dir/down.txt")" ;;
    *)
      timing=$(python3 "$HELPERS/stop_timer.py" "$pid" "$STOP_LIMIT_S" --signal TERM)
      stop_s=$(field exit_s <<<"$timing") ;;
  esac
  gone_s=$(field exit_s <<<"$timing")
  if [[ $t == devlaunch-* ]]; then
    [ "$gone_s" = timeout ] && { echo "  stop $t run $i: supervisor still running; SIGKILL" >&2; kill -KILL "$pid"; }
    note+=" supervisor.log ends: $(tail -n 1 "$dir/.devlaunch/logs/supervisor.log" 2>/dev/null)"
  else
    wait_exit "$pid" 5; rc=$WAIT_RC
  fi
  sleep "$GRACE_S"
  survivors "stop $t run $i"
  STOP[$t]+="$stop_s " GONE[$t]+="$gone_s " SURV[$t]+="$SURVIVORS " DESC[$t]+="${#REC_PIDS[@]} " RC[$t]+="$rc "
  printf '  stop %-21s run %d: main PID %s, %d descendants (%d sleeps), stop %s s, main process gone after %s s, exit %s, survivors %d (sleeps %d)%s\n' \
    "$t" "$i" "$pid" "${#REC_PIDS[@]}" "$SLEEPS" "$stop_s" "$gone_s" "$rc" "$SURVIVORS" "$SURVIVING_SLEEPS" "${note:+; $note}" >&2
}

for i in $(seq 1 "$N"); do
  for t in "${ACTIVE[@]}"; do stop_run "$t" "$i"; done     # interleaved: drift hits every tool alike
done

echo
bench_context
alternatives_header
echo "# stop $K services (\`$SVC\` each: sh + sleep grandchild); median of N=$N; survivors checked ${GRACE_S} s after the tool returned"
echo "# devlaunch-down: wall time of \`devlaunch down\` (JVM start included); the others: SIGTERM to the main process -> its exit"
echo "# supervisord: stopasgroup=true killasgroup=true; supervisord-plain: its defaults. devlaunch-term exit: not our child, not known"
ROW_LABEL_W=36 ROW_CELL_W=17
[ -n "$BEFORE" ] && ROW_CELL_W=21       # room for "devlaunch-down-before"
row "figure" "${ACTIVE[@]}"
c_stop() { med "${STOP[$1]:-}"; }
c_span() { span "${STOP[$1]:-}"; }
c_gone() { med "${GONE[$1]:-}"; }
c_desc() { med "${DESC[$1]:-}" 0; }
c_target() {        # devlaunch columns: median stop < TARGET_S and no survivor in any run
  [[ $1 == devlaunch-* ]] || { echo "-"; return; }
  python3 -c "print('yes' if float('$(c_stop "$1")') < $TARGET_S and set('${SURV[$1]:-x}'.split()) == {'0'} else 'NO')" 2>/dev/null || echo "-"
}
rowc "stop wall time, median (s)" c_stop
rowc "   min-max (s)" c_span
rowc "   main process gone after (s)" c_gone
rowc "survivors (per run)" c_runs SURV
rowc "   descendants recorded (median)" c_desc
rowc "exit code (per run)" c_runs RC
rowc "devlaunch < ${TARGET_S} s and 0 survivors" c_target
