#!/usr/bin/env bash
# proxy_restarts.sh — what a client sees while a server restarts N (10) times in a row (issue #12):
# devlaunch with `proxy = true` (it holds the public port for the whole run and holds connections
# while the server restarts), devlaunch without it, and the same server and client under supervisord
# (`supervisorctl restart`) and pm2 (`pm2 restart`), installed when missing (bench/alternatives.sh;
# a tool that cannot be installed is skipped with a note, its column left out).
#
# The server: helpers/restart_server.py, a python3 http.server that answers every GET with 200 after
# a start-up delay of 0.5-1.0 s (like a dev server loading its app). The delay of the k-th start is
# the same for every tool (0.5 + 0.5 × frac(k × 0.618) s), so each tool's n-th restart waits for the
# same server. It does nothing on SIGTERM/SIGINT but die, like `python3 -m http.server`. Its port:
#   devlaunch-proxy   port = P, proxy = true, command = [PY, restart_server.py, STARTS, "$PORT"]:
#                     devlaunch holds P and hands the server a private port; health.http names P.
#   devlaunch         port = P, command = [PY, restart_server.py, STARTS, "P"]; health.http on P.
#   supervisord       [program:svc] command=PY restart_server.py STARTS P, autorestart=true and the
#                     defaults otherwise: startsecs=1, stopsignal=TERM.
#   pm2               `pm2 start restart_server.py --name svc --interpreter PY -- STARTS P` with its
#                     defaults (autorestart, SIGINT then SIGKILL after kill_timeout 1.6 s), PM2_HOME in
#                     this run's folder, so its daemon is ours alone; `pm2 kill` of that home ends it.
# P is a free ephemeral port, new for each run; PY is the python interpreter itself (lib.sh).
#
# The client: helpers/restart_client.py, for the whole run: GET http://127.0.0.1:P/ one at a time,
# each on a new connection (`Connection: close`), a new one INTERVAL_MS (20) ms after the previous one
# started (or at once when it took longer), TIMEOUT_S (5) s for each; every outcome counted: 200,
# refused (nothing listens), reset, closed with no answer, cut off mid-answer, timed out, other
# status (502, 503 …). A failure is charged to the last restart before it. Pacing matters: a refused
# connect returns at once, so the number of refusals is about the downtime / INTERVAL_MS.
#
# One run of a tool: start it; wait until P answers 200; start the client; WARM_S (1) s; then N times:
# the restart command (devlaunch: `devlaunch restart svc`, which returns once svc is healthy again;
# `supervisorctl restart svc`, which returns once svc has run startsecs; `pm2 restart svc`, which
# returns once the new process is spawned), then wait until P answers 200 again (a separate
# connection, not counted), then PAUSE_S (1) s; then stop the client, then the tool (devlaunch,
# supervisord: SIGTERM; pm2: `pm2 kill`). Every descendant of the tool (PID + start time) is
# recorded before the stop; any still alive 0.5 s after it is a survivor, reported and SIGKILLed by
# PID. ROUNDS (2) rounds run every tool once each, the order rotated each round (A B C D, B C D A …),
# so machine drift hits all alike; every figure is over all ROUNDS×N restarts.
#
# Prints one table on stdout (rows = figures, columns = tools), the raw per-restart and per-run lines
# on stderr. Target (issue 12): devlaunch with the proxy, 0 failed requests.
#
# Usage: bench/proxy_restarts.sh                        N=10 restarts, ROUNDS=2
#        N=3 ROUNDS=1 TOOLS="devlaunch-proxy pm2" bench/proxy_restarts.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$BENCH/alternatives.sh"
N=${N:-10}
ROUNDS=${ROUNDS:-2}
INTERVAL_MS=${INTERVAL_MS:-20}
TIMEOUT_S=${TIMEOUT_S:-5}
WARM_S=${WARM_S:-1}
PAUSE_S=${PAUSE_S:-1}
UP_LIMIT_S=${UP_LIMIT_S:-30}        # start, or a restart, not answering 200 within this: the run is given up
TOOLS=${TOOLS:-"devlaunch-proxy devlaunch supervisord pm2"}
PY=$(python3 -c 'import sys; print(sys.executable)')
SERVER=$HELPERS/restart_server.py
CLIENT=$HELPERS/restart_client.py
PM2=$(npm_bin pm2)
work=$(bench_tmpdir)
# shellcheck disable=SC2086
alternatives_setup $TOOLS

trap pm2_cleanup EXIT     # pm2's daemons too (lib.sh)

write_configs() {   # $1 = folder, $2 = port, $3 = starts file: launcher.conf (both), supervisord.conf
  local dir=$1 port=$2 starts=$3 proxy
  mkdir -p "$dir"
  for proxy in true false; do
    cat >"$dir/launcher-$proxy.conf" <<CONF
project = "bench-proxy-restarts"
services {
  svc {
    command = ["$PY", "$SERVER", "$starts", "$([ $proxy = true ] && echo '$PORT' || echo "$port")"]
    port = $port
    proxy = $proxy
    health.http = "http://127.0.0.1:$port/"
  }
}
CONF
  done
  { supervisord_conf "$dir"; printf '[program:svc]\ncommand=%s %s %s %s\nautorestart=true\n' "$PY" "$SERVER" "$starts" "$port"; } >"$dir/supervisord.conf"
}
conf_of() { case $1 in devlaunch-proxy) echo "$2/launcher-true.conf" ;; *) echo "$2/launcher-false.conf" ;; esac; }

TOOL_PID=""
tool_start() {      # $1 = tool, $2 = folder, $3 = port, $4 = starts file: sets TOOL_PID (pm2: its daemon)
  local t=$1 dir=$2
  case $t in
    devlaunch*)
      ( cd "$dir" && exec "$DEVLAUNCH" up --no-color -f "$(conf_of "$t" "$dir")" >"$dir/tool.out" 2>&1 ) &
      TOOL_PID=$! ;;
    supervisord)
      ( cd "$dir" && exec supervisord -n -c "$dir/supervisord.conf" >"$dir/tool.out" 2>&1 ) &
      TOOL_PID=$! ;;
    pm2)
      PM2_HOMES+=("$dir/pm2")
      PM2_HOME=$dir/pm2 "$PM2" start "$SERVER" --name svc --interpreter "$PY" -- "$4" "$3" >"$dir/tool.out" 2>&1
      TOOL_PID=$(cat "$dir/pm2/pm2.pid" 2>/dev/null) ;;
  esac
  [ -n "$TOOL_PID" ] && BENCH_PIDS+=("$TOOL_PID")
}
tool_restart() {    # $1 = tool, $2 = folder: the restart command; its output appended to restart.out
  case $1 in
    devlaunch*) "$DEVLAUNCH" restart svc --no-color -f "$(conf_of "$1" "$2")" ;;
    supervisord) supctl "$2" restart svc ;;
    pm2) PM2_HOME=$2/pm2 "$PM2" restart svc ;;
  esac >>"$2/restart.out" 2>&1
}
tool_stop() {       # $1 = tool, $2 = folder: stops it and waits until it is gone; sets WAIT_RC
  case $1 in
    pm2)
      PM2_HOME=$2/pm2 "$PM2" kill >>"$2/tool.out" 2>&1; WAIT_RC=$?
      for _ in $(seq 1 100); do kill -0 "$TOOL_PID" 2>/dev/null || break; sleep 0.1; done
      [ "$(sed 's/.*) //' "/proc/$TOOL_PID/stat" 2>/dev/null | cut -d' ' -f1)" = Z ] || ! kill -0 "$TOOL_PID" 2>/dev/null \
        || { echo "  pm2 daemon $TOOL_PID still running 10 s after pm2 kill; SIGKILL" >&2; kill -KILL "$TOOL_PID"; WAIT_RC=killed; } ;;
    *) kill -TERM "$TOOL_PID" 2>/dev/null; wait_exit "$TOOL_PID" 30 ;;
  esac
}

declare -A SURV RCFAIL GIVEUP STARTS HELD
one_run() {         # $1 = tool, $2 = round
  local t=$1 r=$2 dir=$work/$1-$2 port starts events windows cpid k t0 t1 rc fails=0 sum
  port=$(free_port)
  starts=$dir/starts.txt events=$dir/events.txt windows=$dir/windows.txt
  write_configs "$dir" "$port" "$starts"
  : >"$windows"
  tool_start "$t" "$dir" "$port" "$starts"
  if ! python3 "$CLIENT" wait "$port" "$UP_LIMIT_S"; then
    echo "  $t round $r: port $port never answered 200 within ${UP_LIMIT_S}s; giving up this run" >&2
    sed "s/^/    $t: /" "$dir/tool.out" | tail -n 8 >&2
    GIVEUP[$t]+="$r "
    tool_stop "$t" "$dir"; return
  fi
  python3 "$CLIENT" run "$port" "$events" "$INTERVAL_MS" "$TIMEOUT_S" &
  cpid=$!; BENCH_PIDS+=("$cpid")
  sleep "$WARM_S"
  for k in $(seq 1 "$N"); do
    t0=$(now_ns)
    tool_restart "$t" "$dir"; rc=$?
    python3 "$CLIENT" wait "$port" "$UP_LIMIT_S" || { echo "  $t round $r restart $k: no 200 within ${UP_LIMIT_S}s" >&2; GIVEUP[$t]+="$r/$k "; }
    t1=$(now_ns)
    [ "$rc" = 0 ] || fails=$((fails + 1))
    echo "restart $k $t0 $t1 $rc" >>"$windows"
    printf '  %-16s round %d restart %2d: command exit %s, command start -> 200 again %6.0f ms\n' "$t" "$r" "$k" "$rc" "$(( (t1 - t0) / 1000 ))e-3" >&2
    sleep "$PAUSE_S"
  done
  kill -TERM "$cpid" 2>/dev/null
  wait_exit "$cpid" $((TIMEOUT_S + 5))
  record_descendants "$TOOL_PID"
  tool_stop "$t" "$dir"
  sleep 0.5
  survivors "$t round $r"
  SURV[$t]+="$SURVIVORS " RCFAIL[$t]+="$fails "
  STARTS[$t]+="$(grep -c '^start ' "$starts" 2>/dev/null) "
  if [ "$t" = devlaunch-proxy ]; then   # devlaunch's own account after each restart (from the first stop on):
                                        # "svc port P: held 3 connections, longest 0.81s"
    HELD[$t]+="$(awk '/svc +stopping/ {on = 1} on && match($0, /held [0-9]+ connections?, longest [0-9.]+s/) {
      split(substr($0, RSTART, RLENGTH), w, " "); sub(/s$/, "", w[5]); print w[2] "@" w[5]}' "$dir/tool.out" | xargs) "
  fi
  sum=$(python3 "$CLIENT" summary "$events" "$windows")
  echo "$sum" >>"$work/$t.sum"
  echo "  $t round $r: $sum; tool exit $WAIT_RC, $(grep -c '^start ' "$starts") server starts" >&2
  grep -v ' ok$' "$events" | awk -v t="$t" -v r="$r" '{c[$3]++} END {for (o in c) printf "    %s round %s: %d × %s\n", t, r, c[o], o}' >&2
}

n_tools=${#ACTIVE[@]}
for r in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((n_tools - 1))); do
    one_run "${ACTIVE[$(( (i + r - 1) % n_tools ))]}" "$r"
  done
done

# ---------------------------------------------------------------- the table
f_all() { [ -f "$work/$2.sum" ] && field_all "$1" <"$work/$2.sum"; }   # KEY TOOL: the key's value in each round
field_all() { sed -n "s/.* $1=\\([^ ]*\\).*/\\1/p; s/^$1=\\([^ ]*\\).*/\\1/p"; }
c_sum() { local v; v=$(f_all "$1" "$2" | awk '{s += $1; n++} END {if (n) print s}'); echo "${v:--}"; }
c_max() { local v; v=$(f_all "$1" "$2" | awk 'n++ == 0 || $1 > m {m = $1} END {if (n) print m}'); echo "${v:--}"; }
c_failed() {        # total, then each round's
  local per; per=$(f_all failed "$1" | xargs | tr ' ' '/')
  [ -n "$per" ] || { echo "-"; return; }
  if [[ $per == */* ]]; then echo "$(c_sum failed "$1") ($per)"; else echo "$per"; fi
}
c_non200() {
  local n codes; n=$(c_sum non200 "$1"); [ "$n" = "-" ] && { echo "-"; return; }
  codes=$(f_all codes "$1" | tr ',' '\n' | grep -v '^-$' | awk -F: '{c[$1] += $2} END {for (k in c) printf "%s%s×%s", (n++ ? " " : ""), c[k], k}')
  echo "$n${codes:+ ($codes)}"
}
c_per_restart() {   # median (max) of the failures per restart
  local v; v=$(f_all per_restart "$1" | tr ',' '\n' | grep -E '^[0-9]+$')
  [ -n "$v" ] || { echo "-"; return; }
  echo "$(echo "$v" | stats 0 | cut -d' ' -f1) ($(echo "$v" | stats 0 | cut -d' ' -f3))"
}
c_restarts_failing() { local a b; a=$(c_sum restarts_failing "$1") b=$(c_sum restarts "$1"); [ "$a" = "-" ] && echo "-" || echo "$a of $b"; }
c_recover() { local v; v=$(f_all recover_ms "$1" | tr ',' '\n' | grep -E '^[0-9.]+$'); [ -n "$v" ] && echo "$v" | awk '{print $1 / 1000}' | stats 2 | cut -d' ' -f1 || echo "-"; }
c_recover_span() { local v; v=$(f_all recover_ms "$1" | tr ',' '\n' | grep -E '^[0-9.]+$'); [ -n "$v" ] && echo "$v" | awk '{print $1 / 1000}' | stats 2 | awk '{print $2 "-" $3}' || echo "-"; }
c_held() {          # devlaunch's own count: connections held per restart, median (max), and its longest hold
  [ "$1" = devlaunch-proxy ] || { echo "-"; return; }
  local v; v=$(echo "${HELD[$1]:-}" | xargs -n 1)
  [ -n "$v" ] || { echo "-"; return; }
  echo "$(echo "$v" | cut -d@ -f1 | stats 0 | cut -d' ' -f1) ($(echo "$v" | cut -d@ -f1 | stats 0 | cut -d' ' -f3)), $(echo "$v" | cut -d@ -f2 | stats 2 | cut -d' ' -f3) s"
}
c_startsl() { c_runs STARTS "$1"; }
c_surv() { local v; v=$(echo "${SURV[$1]:-}" | xargs -n 1 | awk '{s += $1} END {print s + 0}'); echo "$v"; }
c_rcfail() { echo "${RCFAIL[$1]:-}" | xargs -n 1 | awk '{s += $1} END {print s + 0}'; }
c_giveup() { local v; v=$(echo "${GIVEUP[$1]:-}" | xargs); echo "${v:-none}"; }

echo
bench_context
alternatives_header
echo "# $N restarts a run, ROUNDS=$ROUNDS (figures over all $((N * ROUNDS)) restarts of a tool); client: sequential GETs, a new connection each, one every ${INTERVAL_MS} ms at most, ${TIMEOUT_S} s timeout"
echo "# server: $PY restart_server.py, start-up 0.5-1.0 s (the same sequence for every tool); WARM_S=$WARM_S s before the first restart, PAUSE_S=$PAUSE_S s after each is answering again"
ROW_LABEL_W=40 ROW_CELL_W=16
row "figure" "${ACTIVE[@]}"
rowc "requests sent" c_sum sent
rowc "answered 200" c_sum ok
rowc "failed (total, per round)" c_failed
rowc "   connection refused" c_sum refused
rowc "   reset" c_sum reset
rowc "   closed with no answer" c_sum closed
rowc "   cut off mid-answer" c_sum cut
rowc "   timed out (> ${TIMEOUT_S} s)" c_sum timeout
rowc "   answered non-200" c_non200
rowc "   other errors" c_sum other
rowc "failed per restart, median (max)" c_per_restart
rowc "restarts with a failed request" c_restarts_failing
rowc "failed before the first restart" c_sum before
rowc "longest single request (ms)" c_max longest_ms
rowc "requests slower than 100 ms" c_sum slow
rowc "longest time without a 200 (ms)" c_max gap_ms
rowc "restart command -> 200 again, median (s)" c_recover
rowc "   min-max (s)" c_recover_span
rowc "devlaunch: held per restart, longest" c_held
rowc "restart commands that failed" c_rcfail
rowc "server starts per run" c_startsl
rowc "left running after the stop" c_surv
rowc "runs or restarts given up" c_giveup
