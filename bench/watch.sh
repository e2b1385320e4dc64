#!/usr/bin/env bash
# watch.sh — file watching (issue #13): devlaunch's `watch` side by side with nodemon and
# `pm2 --watch` (npm packages in $ALTS, installed when missing: bench/alternatives.sh) on the same
# tree, at the same debounce (DEBOUNCE_MS, 200: devlaunch `watch-debounce = 200ms`, nodemon
# `--delay 200ms`, pm2 `--watch-delay 200ms`). A devlaunch-nowatch column (`up --no-watch`, same
# manifest) shows what the JVM costs without any watch, so the watch's own share shows.
#
# The tree, made once per invocation under this run's /tmp folder: app/d00000 … app/d04999 (FOLDERS),
# 10 files each (FILES; f0.py … f9.py) = 50,000 files, plus app/node_modules with NM_FOLDERS (500)
# packages of FILES files, which every tool is expected to ignore (devlaunch and nodemon by default;
# pm2's default ignore_watch is /[\/\\]\.|node_modules/). Every tool watches app/ from the tree's
# top folder, one at a time.
#
# The service: helpers/watch_service.py STAMPS, run as `PY watch_service.py STAMPS` by every tool
# (PY = the python interpreter itself, lib.sh): its first action appends a CLOCK_MONOTONIC "start"
# stamp to STAMPS and prints it as its first line; then it sleeps until a signal ends it.
#   devlaunch   `devlaunch up --no-color -f TREE/launcher.conf`: service svc, watch = ["app"],
#               watch-debounce = 200ms; no health check, so it is "healthy" after 1 s of running.
#   nodemon     `nodemon --no-colors --verbose --delay 200ms -e py --watch app --exec "PY … STAMPS"`
#               (-e py: nodemon filters by extension; the tree's files are all .py).
#   pm2         `pm2 start pm2.config.json`: app svc, script watch_service.py, interpreter PY, args
#               [STAMPS], watch = ["app"], watch_delay = 200 (the command line's `--watch-delay 200ms`
#               is refused by pm2 7 as a string), PM2_HOME in this run's folder so the daemon is
#               ours alone; `pm2 kill` of that home stops it. watch_delay is a delay after the first
#               change, not a debounce; for one write it is the same thing.
#
# One run of a tool (from the tree's folder):
#   1. set-up: t0, launch, then helpers/watch_sampler.py setup samples the tool's processes (the
#      launched PID and its descendants; pm2: its daemon, from PM2_HOME/pm2.pid) every 0.1 s: the
#      inotify watches they hold (fdinfo of their inotify fds), CPU (utime+stime), RSS. The service
#      (command line containing watch_service.py, with any shell wrapped around it) is left out of
#      every figure. Set up = the count of watches has not changed for QUIET_S (2) s; "ready" is the
#      first sample with that final count. The sampler costs a little CPU itself while it samples.
#   2. idle: IDLE_S (20) s with nothing happening; the tool's CPU over it (same PID + start time at
#      both ends), and its RSS at the end.
#   3. latency: WRITES (10) times, rewrite one file of the tree (helpers/watch_tree.py write: the
#      CLOCK_MONOTONIC stamp is taken right before the open) and wait until the service's next start
#      stamp (give up after 10 s); latency = that start stamp − the write stamp: the OS event, the
#      tool's debounce, its stop of the old process, the spawn and python's start-up (the same for
#      every tool). Then SETTLE_S (1.2) s, so the next write does not land inside a restart
#      (devlaunch's restart ends once the new process has run 1 s: its health settle). The k-th
#      write of round r goes to the same file for every tool, spread over the tree.
#      devlaunch and nodemon also say when they decide to restart (devlaunch "svc changed: … —
#      restarting", nodemon "restarting due to changes..."); their stdout is stamped line by line
#      (helpers/stamp_lines.py), giving "write -> the tool says restarting" and from there to the
#      new first line (the stop of the old process, the spawn, python's start-up). pm2 says it in its
#      daemon's log, not stamped here.
#   4. stop (devlaunch, nodemon: SIGTERM; pm2: `pm2 kill`); every descendant recorded before the
#      stop (PID + start time) and still alive 0.5 s after it is a survivor, reported and SIGKILLed
#      by PID.
# ROUNDS (2) rounds run every tool once, the order rotated each round (A B C D, B C D A …), so the
# machine's drift hits all alike; latency figures are over all ROUNDS×WRITES writes of a tool, the
# others the median over rounds.
# Prints one table on stdout (rows = figures, columns = tools), the raw per-run and per-write lines
# on stderr. Targets (issue 13): latency no slower than the fastest alternative at equal debounce;
# idle CPU ~0 (no polling).
#
# Usage: bench/watch.sh                               ROUNDS=2 × WRITES=10, IDLE_S=20
#        ROUNDS=1 WRITES=3 IDLE_S=5 TOOLS="devlaunch nodemon" bench/watch.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$BENCH/alternatives.sh"
ROUNDS=${ROUNDS:-2}
WRITES=${WRITES:-10}
IDLE_S=${IDLE_S:-20}
SETTLE_S=${SETTLE_S:-1.2}
QUIET_S=${QUIET_S:-2}
SETUP_LIMIT_S=${SETUP_LIMIT_S:-60}
DEBOUNCE_MS=${DEBOUNCE_MS:-200}
FOLDERS=${FOLDERS:-5000} FILES=${FILES:-10} NM_FOLDERS=${NM_FOLDERS:-500}
TOOLS=${TOOLS:-"devlaunch nodemon pm2 devlaunch-nowatch"}
PY=$(python3 -c 'import sys; print(sys.executable)')
SVC=$HELPERS/watch_service.py
PM2=$(npm_bin pm2)
NODEMON=$(npm_bin nodemon)
work=$(bench_tmpdir)
tree=$work/tree

# nodemon: npm package in $ALTS, installed like alternatives.sh installs pm2
alt_tools=()
for t in $TOOLS; do [ "$t" = nodemon ] || alt_tools+=("$t"); done
if [[ " $TOOLS " == *" nodemon "* ]]; then
  if [ ! -x "$NODEMON" ] && command -v npm >/dev/null; then
    echo "watch: installing npm package nodemon into $ALTS (npm install --prefix $ALTS nodemon)" >&2
    npm install --prefix "$ALTS" nodemon >"$work/npm-nodemon.log" 2>&1 || tail -n 5 "$work/npm-nodemon.log" | sed 's/^/    /' >&2
  fi
fi
# shellcheck disable=SC2068
alternatives_setup ${alt_tools[@]}
if [[ " $TOOLS " == *" nodemon "* ]]; then     # alternatives.sh does not know nodemon: add it in TOOLS' order
  ALT_TOOLS=($TOOLS)
  if [ -x "$NODEMON" ] && command -v node >/dev/null; then
    VERSION[nodemon]="nodemon $("$NODEMON" --version 2>&1)"
    mapfile -t ACTIVE < <(for t in $TOOLS; do [[ " ${ACTIVE[*]} nodemon " == *" $t "* ]] && echo "$t"; done)
  else
    SKIP[nodemon]="npm install of nodemon failed (or no node)"; echo "watch: skipping nodemon: ${SKIP[nodemon]}" >&2
  fi
fi
[ -n "${VERSION[pm2]:-}" ] && VERSION[pm2]+=" (chokidar $(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$ALTS/node_modules/chokidar/package.json"))"
[ -n "${VERSION[nodemon]:-}" ] && VERSION[nodemon]+=" (chokidar $(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$(dirname "$(readlink -f "$NODEMON")")/../node_modules/chokidar/package.json" 2>/dev/null || sed -n 's/^  "version": "\(.*\)",$/\1/p' "$ALTS/node_modules/chokidar/package.json"))"

trap pm2_cleanup EXIT     # pm2's daemons too (lib.sh)

echo "watch: making the tree: $FOLDERS folders × $FILES files under $tree/app, plus $NM_FOLDERS × $FILES in app/node_modules" >&2
python3 "$HELPERS/watch_tree.py" make "$tree" "$FOLDERS" "$FILES" "$NM_FOLDERS" || exit 1
cat >"$tree/launcher.conf" <<CONF
project = "bench-watch"
services {
  svc {
    command = ["$PY", "$SVC", "$work/stamps.txt"]
    watch = ["app"]
    watch-debounce = ${DEBOUNCE_MS}ms
  }
}
CONF

TOOL_PID="" TOOL_ROOT="" LAUNCH_PID=""
tool_launch() {     # $1 = tool, $2 = run folder: starts it in the background from the tree's folder
  local t=$1 dir=$2
  case $t in
    devlaunch|devlaunch-nowatch)
      ( cd "$tree" && exec "$DEVLAUNCH" up --no-color $([ "$t" = devlaunch-nowatch ] && echo --no-watch) -f "$tree/launcher.conf" \
          >"$dir/stdout.fifo" 2>"$dir/stderr.txt" </dev/null ) &
      TOOL_PID=$! TOOL_ROOT=$! ;;
    nodemon)
      ( cd "$tree" && exec "$NODEMON" --no-colors --verbose --delay "${DEBOUNCE_MS}ms" -e py --watch app --exec "$PY $SVC $work/stamps.txt" \
          >"$dir/stdout.fifo" 2>"$dir/stderr.txt" </dev/null ) &
      TOOL_PID=$! TOOL_ROOT=$! ;;
    pm2)
      PM2_HOMES+=("$dir/pm2")
      # an ecosystem file: `--watch-delay 200ms` on the command line is refused ("Expect watch_delay
      # to be a typeof Number") and the app is not started
      cat >"$dir/pm2.config.json" <<JSON
{"apps": [{"name": "svc", "script": "$SVC", "interpreter": "$PY", "args": ["$work/stamps.txt"], "cwd": "$tree",
           "watch": ["app"], "watch_delay": $DEBOUNCE_MS}]}
JSON
      ( cd "$tree" && PM2_HOME=$dir/pm2 exec "$PM2" start "$dir/pm2.config.json" >"$dir/pm2-start.txt" 2>&1 </dev/null ) &
      LAUNCH_PID=$! TOOL_PID="" TOOL_ROOT="@$dir/pm2/pm2.pid" ;;
  esac
  BENCH_PIDS+=($!)
}
tool_stop() {       # $1 = tool, $2 = run folder; sets WAIT_RC
  case $1 in
    pm2)
      PM2_HOME=$2/pm2 "$PM2" kill >>"$2/pm2-kill.txt" 2>&1; WAIT_RC=$?
      for _ in $(seq 1 100); do kill -0 "$TOOL_PID" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$TOOL_PID" 2>/dev/null; then echo "  pm2 daemon $TOOL_PID still running 10 s after pm2 kill; SIGKILL" >&2; kill -KILL "$TOOL_PID"; WAIT_RC=killed; fi ;;
    *) kill -TERM "$TOOL_PID" 2>/dev/null; wait_exit "$TOOL_PID" 30 ;;
  esac
}
starts() { awk '$1 == "start" {n++} END {print n + 0}' "$work/stamps.txt" 2>/dev/null || echo 0; }
last_start() { awk '$1 == "start" {s = $2} END {print s}' "$work/stamps.txt"; }
ms_between() { echo $(( ($2 - $1) / 1000 )) | awk '{printf "%.1f", $1 / 1000}'; }   # ns ns -> ms, 0.1 ms

declare -A LAT SAID AFTER READY WATCHES SETUP_CPU SETUP_RSS IDLE_MS IDLE_PCT IDLE_RSS FIRST MISSED SURV RCS SAYS_N
one_run() {         # $1 = tool, $2 = round
  local t=$1 r=$2 dir=$work/$1-$2 t0 spid setup idle k f c w_ns s_ns said i file n0
  mkdir -p "$dir"
  : >"$work/stamps.txt"
  spid=""
  if [ "$t" = pm2 ]; then : >"$dir/stdout.txt"      # pm2's daemon writes its own logs, in PM2_HOME
  else
    mkfifo "$dir/stdout.fifo"
    "$PY" "$HELPERS/stamp_lines.py" "$dir/stdout.txt" <"$dir/stdout.fifo" &
    spid=$!; BENCH_PIDS+=("$spid")
  fi
  t0=$(now_ns)
  tool_launch "$t" "$dir"
  # 1. set-up
  if [ "$t" = devlaunch-nowatch ]; then
    for _ in $(seq 1 $((SETUP_LIMIT_S * 10))); do [ "$(starts)" -ge 1 ] && break; sleep 0.1; done
    setup="ready_ms=- watches=0 cpu_ms=- rss_kb=- procs=-"
  else
    setup=$(python3 "$HELPERS/watch_sampler.py" setup "$TOOL_ROOT" watch_service.py "$t0" "$SETUP_LIMIT_S" "$QUIET_S" "$dir/samples.txt")
  fi
  [ -n "$LAUNCH_PID" ] && { wait_exit "$LAUNCH_PID" 30; LAUNCH_PID=""; }
  [ "$t" = pm2 ] && { TOOL_PID=$(cat "$dir/pm2/pm2.pid" 2>/dev/null); [ -n "$TOOL_PID" ] && BENCH_PIDS+=("$TOOL_PID"); }
  for _ in $(seq 1 100); do [ "$(starts)" -ge 1 ] && break; sleep 0.1; done
  s_ns=$(awk '$1 == "start" {print $2; exit}' "$work/stamps.txt")
  FIRST[$t]+="$([ -n "$s_ns" ] && ms_between "$t0" "$s_ns" | awk '{printf "%.0f", $1}') "
  READY[$t]+="$(field ready_ms <<<"$setup") " WATCHES[$t]+="$(field watches <<<"$setup") "
  SETUP_CPU[$t]+="$(field cpu_ms <<<"$setup") " SETUP_RSS[$t]+="$(field rss_kb <<<"$setup") "
  echo "  $t round $r: set-up: $setup; service first line $(echo "${FIRST[$t]}" | awk '{print $NF}') ms after launch" >&2
  # 2. idle
  idle=$(python3 "$HELPERS/watch_sampler.py" idle "${TOOL_PID:-$TOOL_ROOT}" watch_service.py "$IDLE_S")
  IDLE_MS[$t]+="$(field idle_cpu_ms <<<"$idle") " IDLE_PCT[$t]+="$(field idle_pct <<<"$idle") " IDLE_RSS[$t]+="$(field rss_kb <<<"$idle") "
  echo "  $t round $r: idle ${IDLE_S}s: $idle" >&2
  # 3. latency
  if [ "$t" != devlaunch-nowatch ]; then
    for k in $(seq 1 "$WRITES"); do
      i=$(( (k * 7919 + r * 104729) % FOLDERS ))
      file=$tree/app/$(printf 'd%05d' "$i")/f$(( (k + r) % FILES )).py
      c=$(starts)
      n0=$(wc -l <"$dir/stdout.txt" 2>/dev/null || echo 0)
      python3 "$HELPERS/watch_tree.py" write "$file" "$dir/writes.txt" "$t-$r-$k"
      w_ns=$(awk 'END {print $2}' "$dir/writes.txt")
      for _ in $(seq 1 200); do [ "$(starts)" -gt "$c" ] && break; sleep 0.05; done
      if [ "$(starts)" -le "$c" ]; then
        MISSED[$t]=$(( ${MISSED[$t]:-0} + 1 ))
        echo "  $t round $r write $k: ${file#"$tree/"}: no restart within 10 s" >&2
        continue
      fi
      s_ns=$(last_start)
      LAT[$t]+="$(ms_between "$w_ns" "$s_ns") "
      said=$(tail -n +$((n0 + 1)) "$dir/stdout.txt" | awk '/changed: .* restarting|restarting due to changes/ {print $1; exit}')
      [ -n "$said" ] && SAID[$t]+="$(ms_between "$w_ns" "$said") " AFTER[$t]+="$(ms_between "$said" "$s_ns") "
      printf '  %-10s round %d write %2d: %-22s write -> new first line %7s ms; -> the tool says restarting %s ms\n' \
        "$t" "$r" "$k" "${file#"$tree/"}" "$(ms_between "$w_ns" "$s_ns")" "$([ -n "$said" ] && ms_between "$w_ns" "$said" || echo -)" >&2
      sleep "$SETTLE_S"
    done
  fi
  # 4. stop
  if [ -n "$TOOL_PID" ]; then record_descendants "$TOOL_PID"; REC_PIDS+=("$TOOL_PID"); REC_STARTS+=("$(sed 's/.*) //' "/proc/$TOOL_PID/stat" | awk '{print $20}')"); fi
  tool_stop "$t" "$dir"
  RCS[$t]+="$WAIT_RC "
  sleep 0.5
  survivors "$t round $r"
  [ -n "$spid" ] && wait_exit "$spid" 5      # after the survivors: one may hold the tool's stdout
  SURV[$t]=$(( ${SURV[$t]:-0} + SURVIVORS ))
  SAYS_N[$t]=$(grep -ao 'watching [0-9,]* files' "$dir/stdout.txt" | head -n 1)
  sed "s/^/    $t stderr: /" "$dir/stderr.txt" 2>/dev/null | grep -v 'KeyboardInterrupt\|Traceback\|time.sleep\|^    [^ ]* stderr: *\(File\|\^\)' | head -n 4 >&2
}

n_tools=${#ACTIVE[@]}
for r in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((n_tools - 1))); do
    one_run "${ACTIVE[$(( (i + r - 1) % n_tools ))]}" "$r"
  done
done

# ---------------------------------------------------------------- the table
echo
bench_context
alternatives_header
echo "# tree: $FOLDERS folders × $FILES files under app/ ($((FOLDERS * FILES)) files) + app/node_modules ($NM_FOLDERS × $FILES files, to be ignored); every tool watches app/"
echo "# debounce ${DEBOUNCE_MS} ms for all: devlaunch watch-debounce, nodemon --delay, pm2 watch_delay; service: $PY watch_service.py (prints a CLOCK_MONOTONIC stamp first)"
echo "# ROUNDS=$ROUNDS (tool order rotated each round) × WRITES=$WRITES writes; latency over all writes, the rest median over rounds; idle over IDLE_S=$IDLE_S s; set up = inotify watch count stable for QUIET_S=$QUIET_S s"
for t in "${ACTIVE[@]}"; do [ -n "${SAYS_N[$t]:-}" ] && echo "# $t said: ${SAYS_N[$t]}"; done
ROW_LABEL_W=44 ROW_CELL_W=17
row "figure" "${ACTIVE[@]}"
nw() { [ "$1" = devlaunch-nowatch ]; }
c_lat()   { nw "$1" && { echo "-"; return; }; med "${LAT[$1]:-}" 1; }
c_latsp() { nw "$1" && { echo "-"; return; }; span "${LAT[$1]:-}" 1; }
c_said()  { [ -n "${SAID[$1]:-}" ] && med "${SAID[$1]}" 1 || echo "-"; }
c_after() { [ -n "${AFTER[$1]:-}" ] && echo "$(med "${AFTER[$1]}" 1) ($(span "${AFTER[$1]}" 0 | cut -d- -f2))" || echo "-"; }
c_n()     { nw "$1" && { echo "-"; return; }; echo "$(echo "${LAT[$1]:-}" | wc -w)${MISSED[$1]:+ (${MISSED[$1]} missed)}"; }
c_target() { [ "$1" = devlaunch ] || { echo "-"; return; }
  local best="" t m
  for t in "${ACTIVE[@]}"; do [[ $t == devlaunch* ]] && continue; m=$(med "${LAT[$t]:-}" 1); [ "$m" = "-" ] && continue
    [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $m < $best else 1)" && best=$m; done
  [ -z "$best" ] && { echo "-"; return; }
  python3 -c "print('yes' if $(med "${LAT[$1]:-}" 1) <= $best else 'NO (+%.0f ms)' % ($(med "${LAT[$1]:-}" 1) - $best))"; }
c_m()     { local -n a=$1; local v; v=$(med "${a[$2]:-}" "${3:-0}"); echo "$v"; }
c_s()     { local -n a=$1; local v; v=$(med "${a[$2]:-}" 0); [ "$v" = "-" ] && echo "-" || awk -v v="$v" 'BEGIN {printf "%.2f", v / 1000}'; }
c_mb()    { local -n a=$1; local v; v=$(med "${a[$2]:-}" 0); [ "$v" = "-" ] && echo "-" || awk -v v="$v" 'BEGIN {printf "%.0f", v / 1024}'; }
c_watches() { c_runs WATCHES "$1"; }
c_idle()  { local v p; v=$(med "${IDLE_MS[$1]:-}" 0); p=$(med "${IDLE_PCT[$1]:-}" 2); echo "$v ($p%)"; }
c_idlel() { c_list IDLE_MS "$1"; }
c_surv()  { echo "${SURV[$1]:-0}"; }
c_rc()    { c_runs RCS "$1"; }
rowc "write -> new first line, median (ms)" c_lat
rowc "   min-max (ms)" c_latsp
rowc "   write -> tool says restarting (ms)" c_said
rowc "   then -> new first line, median (max)" c_after
rowc "   writes measured" c_n
rowc "devlaunch no slower than the fastest other" c_target
rowc "idle CPU over ${IDLE_S} s, median ms (% core)" c_idle
rowc "   per round (ms)" c_idlel
rowc "set-up: launch -> watches complete (s)" c_s READY
rowc "   inotify watches held" c_watches
rowc "   CPU until then (s)" c_s SETUP_CPU
rowc "   launch -> service's first line (s)" c_s FIRST
rowc "RSS after set-up (MB)" c_mb SETUP_RSS
rowc "RSS after ${IDLE_S} s idle (MB)" c_mb IDLE_RSS
rowc "tool exit" c_rc
rowc "left running after the stop" c_surv
