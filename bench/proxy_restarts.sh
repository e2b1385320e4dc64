#!/usr/bin/env bash
# proxy_restarts.sh — what a client sees while a server restarts N (10) times in a row (issue #12):
# devlaunch with `proxy = true` (it holds the public port for the whole run and holds connections
# while the server restarts), devlaunch without it, and the same server and client under supervisord
# (`supervisorctl restart`) and pm2 (`pm2 restart`), installed when missing (bench/alternatives.sh;
# a tool that cannot be installed is skipped with a note, its column left out).
#
# The server: helpers/restart_server.py, a python3 http.server (HTTP/1.1, keep-alive, a thread per
# connection) that answers every GET with 200 after a start-up delay of 0.5-1.0 s (like a dev server
# loading its app). The delay of the k-th start is
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
# Beside it, for the same whole run, two kept-alive clients (issue 23), each a GET every KA_INTERVAL_MS
# (10) ms on one reused connection, with no retry, their failures counted the same way (with the
# error's exact text on stderr and under the table):
#   http.client     helpers/keepalive_client.py: one HTTPConnection; a failure closes it, the next
#                   request opens a new one (a connection closed under it: RemoteDisconnected)
#   Node agent      helpers/keepalive_client.js: http.Agent({keepAlive: true, maxSockets: 1}), as
#                   Vite's proxy; left out when there is no node
# And an idle run of each tool (IDLE=1; IDLE=0 skips it): the same restarts with no client at all,
# so the table shows what kept-alive traffic adds to a restart: the restart command's own wall time
# (devlaunch's returns once svc is healthy again), median and max, loaded and idle. Target (issue
# 23): devlaunch-proxy, 0 failed requests in every client, and its restarts under load no slower
# than idle + 0.3 s.
#
# One run of a tool: start it; wait until P answers 200; start the clients; WARM_S (1) s; then N times:
# the restart command (devlaunch: `devlaunch restart svc`, which returns once svc is healthy again;
# `supervisorctl restart svc`, which returns once svc has run startsecs; `pm2 restart svc`, which
# returns once the new process is spawned), then wait until P answers 200 again (a separate
# connection, not counted), then PAUSE_S (1) s; then stop the clients, then the tool (devlaunch,
# supervisord: SIGTERM; pm2: `pm2 kill`). Every descendant of the tool (PID + start time) is
# recorded before the stop; any still alive 0.5 s after it is a survivor, reported and SIGKILLed by
# PID. ROUNDS (2) rounds run every tool once each, the order rotated each round (A B C D, B C D A …),
# so machine drift hits all alike, each tool's idle run just before its loaded one in odd rounds,
# just after in even ones; every figure is over all ROUNDS×N restarts.
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
KA_INTERVAL_MS=${KA_INTERVAL_MS:-10}
IDLE=${IDLE:-1}
TIMEOUT_S=${TIMEOUT_S:-5}
WARM_S=${WARM_S:-1}
PAUSE_S=${PAUSE_S:-1}
UP_LIMIT_S=${UP_LIMIT_S:-30}        # start, or a restart, not answering 200 within this: the run is given up
TOOLS=${TOOLS:-"devlaunch-proxy devlaunch supervisord pm2"}
PY=$(python3 -c 'import sys; print(sys.executable)')
SERVER=$HELPERS/restart_server.py
CLIENT=$HELPERS/restart_client.py
KA_CLIENTS="ka-py"                  # the kept-alive clients that run: ka-py, and ka-node when there is node
command -v node >/dev/null && KA_CLIENTS+=" ka-node"
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

start_client() {    # $1 = client (close, ka-py, ka-node), $2 = port, $3 = events file: sets CLIENT_PID
  case $1 in
    close) python3 "$CLIENT" run "$2" "$3" "$INTERVAL_MS" "$TIMEOUT_S" & ;;
    ka-py) python3 "$HELPERS/keepalive_client.py" "$2" "$3" "$KA_INTERVAL_MS" "$TIMEOUT_S" & ;;
    ka-node) node "$HELPERS/keepalive_client.js" "$2" "$3" "$KA_INTERVAL_MS" "$TIMEOUT_S" & ;;
  esac
  CLIENT_PID=$!; BENCH_PIDS+=("$CLIENT_PID")
}

declare -A SURV RCFAIL GIVEUP STARTS HELD
one_run() {         # $1 = tool, $2 = round, $3 = load (the clients run) or idle (no client)
  local t=$1 r=$2 mode=$3 dir=$work/$1-$2-$3 port starts windows k t0 tc t1 rc fails=0 sum c
  local -A cpids=()
  port=$(free_port)
  starts=$dir/starts.txt windows=$dir/windows.txt
  write_configs "$dir" "$port" "$starts"
  : >"$windows"
  tool_start "$t" "$dir" "$port" "$starts"
  if ! python3 "$CLIENT" wait "$port" "$UP_LIMIT_S"; then
    echo "  $t round $r: port $port never answered 200 within ${UP_LIMIT_S}s; giving up this run" >&2
    sed "s/^/    $t: /" "$dir/tool.out" | tail -n 8 >&2
    GIVEUP[$t]+="$r "
    tool_stop "$t" "$dir"; return
  fi
  if [ "$mode" = load ]; then
    for c in close $KA_CLIENTS; do start_client "$c" "$port" "$dir/events-$c.txt"; cpids[$c]=$CLIENT_PID; done
  fi
  sleep "$WARM_S"
  for k in $(seq 1 "$N"); do
    t0=$(now_ns)
    tool_restart "$t" "$dir"; rc=$?
    tc=$(now_ns)
    python3 "$CLIENT" wait "$port" "$UP_LIMIT_S" || { echo "  $t round $r restart $k: no 200 within ${UP_LIMIT_S}s" >&2; GIVEUP[$t]+="$r/$k "; }
    t1=$(now_ns)
    [ "$rc" = 0 ] || fails=$((fails + 1))
    echo "restart $k $t0 $t1 $rc $tc" >>"$windows"
    printf '  %-16s %-4s round %d restart %2d: command exit %s, its wall time %6.0f ms, command start -> 200 again %6.0f ms\n' \
      "$t" "$mode" "$r" "$k" "$rc" "$(( (tc - t0) / 1000 ))e-3" "$(( (t1 - t0) / 1000 ))e-3" >&2
    sleep "$PAUSE_S"
  done
  for c in "${!cpids[@]}"; do kill -TERM "${cpids[$c]}" 2>/dev/null; done
  for c in "${!cpids[@]}"; do wait_exit "${cpids[$c]}" $((TIMEOUT_S + 5)); done
  record_descendants "$TOOL_PID"
  tool_stop "$t" "$dir"
  sleep 0.5
  survivors "$t round $r"
  SURV[$t]+="$SURVIVORS " RCFAIL[$t]+="$fails "
  STARTS[$t]+="$(grep -c '^start ' "$starts" 2>/dev/null) "
  if [ "$mode" = idle ]; then        # the restart times only
    : >"$dir/events-none.txt"
    sum=$(python3 "$CLIENT" summary "$dir/events-none.txt" "$windows")
    echo "$sum" >>"$work/$t.idle.sum"
    echo "  $t idle round $r: restart command wall times (ms) $(echo "$sum" | field command_ms); tool exit $WAIT_RC" >&2
    return
  fi
  for c in $KA_CLIENTS; do           # the kept-alive clients: failures, each error's exact text
    sum=$(python3 "$CLIENT" summary "$dir/events-$c.txt" "$windows")
    echo "$sum" >>"$work/$t.$c.sum"
    echo "  $t round $r $c: $(echo "$sum" | cut -d' ' -f1-3), connections $(echo "$sum" | field connections)" >&2
    awk '$1 ~ /^[0-9]+$/ && $3 != "ok" {$1 = $2 = ""; sub(/^ +/, ""); print}' "$dir/events-$c.txt" \
      | sed 's/127\.0\.0\.1:[0-9]*/127.0.0.1:P/g' | sort | uniq -c \
      | sed "s/^ *\([0-9]*\) /$c \1 × /" >>"$work/$t.errors"
  done
  if [ "$t" = devlaunch-proxy ]; then   # devlaunch's own account after each restart (from the first stop on):
                                        # "svc port P: held 3 connections, longest 0.81s"
    HELD[$t]+="$(awk '/svc +stopping/ {on = 1} on && match($0, /held [0-9]+ connections?, longest [0-9.]+s/) {
      split(substr($0, RSTART, RLENGTH), w, " "); sub(/s$/, "", w[5]); print w[2] "@" w[5]}' "$dir/tool.out" | xargs) "
  fi
  sum=$(python3 "$CLIENT" summary "$dir/events-close.txt" "$windows")
  echo "$sum" >>"$work/$t.sum"
  echo "  $t round $r: $sum; tool exit $WAIT_RC, $(grep -c '^start ' "$starts") server starts" >&2
  grep -v ' ok$' "$dir/events-close.txt" | awk -v t="$t" -v r="$r" '{c[$3]++} END {for (o in c) printf "    %s round %s: %d × %s\n", t, r, c[o], o}' >&2
}

n_tools=${#ACTIVE[@]}
for r in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((n_tools - 1))); do
    t=${ACTIVE[$(( (i + r - 1) % n_tools ))]}
    if [ "$IDLE" = 1 ] && [ $((r % 2)) = 1 ]; then one_run "$t" "$r" idle; fi
    one_run "$t" "$r" load
    if [ "$IDLE" = 1 ] && [ $((r % 2)) = 0 ]; then one_run "$t" "$r" idle; fi
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
c_recover_idle() { c_recover "$1.idle"; }
secs() { tr ',' '\n' | grep -E '^[0-9.]+$' | awk '{print $1 / 1000}'; }        # "ms,ms,…" lines → seconds
c_cmd() {           # SUM TOOL: the restart command's wall time, median (max) s, from $work/TOOL[.SUM].sum
  local v; v=$(f_all command_ms "$2${1:+.$1}" | secs)
  [ -n "$v" ] || { echo "-"; return; }
  echo "$(echo "$v" | stats 2 | cut -d' ' -f1) ($(echo "$v" | stats 2 | cut -d' ' -f3))"
}
c_cmd_delta() {     # TOOL: median under load − median idle (s)
  local a b; a=$(f_all command_ms "$1" | secs | stats 2 | cut -d' ' -f1) b=$(f_all command_ms "$1.idle" | secs | stats 2 | cut -d' ' -f1)
  python3 -c "print('%+.2f' % ($a - $b))" 2>/dev/null || echo "-"
}
c_ka() {            # CLIENT FIGURE TOOL: a kept-alive client's figure (sent, failed, kinds, connections, longest)
  local c=$1 f=$2 t=$3 k out=""
  [[ " $KA_CLIENTS " == *" $c "* ]] || { echo "-"; return; }
  case $f in
    failed) c_failed "$t.$c" ;;
    kinds)
      for k in refused reset closed cut timeout non200 other; do
        v=$(c_sum "$k" "$t.$c"); [ "$v" != "-" ] && [ "$v" != 0 ] && out+="${out:+ }$k×$v"
      done
      echo "${out:-none}" ;;
    longest) c_max longest_ms "$t.$c" ;;
    *) c_sum "$f" "$t.$c" ;;
  esac
}
c_surv() { local v; v=$(echo "${SURV[$1]:-}" | xargs -n 1 | awk '{s += $1} END {print s + 0}'); echo "$v"; }
c_rcfail() { echo "${RCFAIL[$1]:-}" | xargs -n 1 | awk '{s += $1} END {print s + 0}'; }
c_giveup() { local v; v=$(echo "${GIVEUP[$1]:-}" | xargs); echo "${v:-none}"; }

echo
bench_context
alternatives_header
echo "# $N restarts a run, ROUNDS=$ROUNDS (figures over all $((N * ROUNDS)) restarts of a tool); client: sequential GETs, a new connection each, one every ${INTERVAL_MS} ms at most, ${TIMEOUT_S} s timeout"
echo "# beside it, kept-alive clients on one reused connection, a GET every ${KA_INTERVAL_MS} ms, no retry: $KA_CLIENTS (ka-py: python3 http.client; ka-node: node $(node --version 2>/dev/null) http.Agent keepAlive, maxSockets 1)"
[ "$IDLE" = 1 ] && echo "# idle: a second run of each tool, the same restarts with no client at all"
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
rowc "restart command wall time, median (max) s" c_cmd ""
[ "$IDLE" = 1 ] && rowc "   idle (no client), median (max) s" c_cmd idle
[ "$IDLE" = 1 ] && rowc "   loaded - idle, medians (s)" c_cmd_delta
rowc "restart command -> 200 again, median (s)" c_recover
rowc "   min-max (s)" c_recover_span
[ "$IDLE" = 1 ] && rowc "   idle (no client), median (s)" c_recover_idle
for c in $KA_CLIENTS; do
  case $c in ka-py) label="kept-alive http.client" ;; ka-node) label="kept-alive Node agent" ;; esac
  rowc "$label: requests sent" c_ka "$c" sent
  rowc "   failed (total, per round)" c_ka "$c" failed
  rowc "   failures by kind" c_ka "$c" kinds
  rowc "   TCP connections opened" c_ka "$c" connections
  rowc "   longest single request (ms)" c_ka "$c" longest
done
rowc "devlaunch: held per restart, longest" c_held
rowc "restart commands that failed" c_rcfail
rowc "server starts per run" c_startsl
rowc "left running after the stop" c_surv
rowc "runs or restarts given up" c_giveup
for t in "${ACTIVE[@]}"; do           # the kept-alive clients' failures, each error's exact text
  [ -s "$work/$t.errors" ] || continue
  echo "$t, kept-alive clients' failures (all rounds):"
  awk '{c = $1; n = $2; $1 = $2 = $3 = ""; sub(/^ +/, ""); s[c "\t" $0] += n}
       END {for (k in s) {split(k, w, "\t"); printf "  %s: %d × %s\n", w[1], s[k], w[2]}}' "$work/$t.errors" | sort
done
if [[ " ${ACTIVE[*]} " == *" devlaunch-proxy "* ]]; then   # issue 23's targets
  t=devlaunch-proxy fails=0
  for c in close $KA_CLIENTS; do
    n=$(c_sum failed "$t$([ "$c" = close ] || echo ".$c")"); [ "$n" = "-" ] || fails=$((fails + n))
  done
  delta=$(c_cmd_delta "$t")
  echo "targets (issue 23), devlaunch-proxy: 0 failed requests in every client: $([ "$fails" = 0 ] && echo met || echo "NOT met ($fails failed)");" \
    "restart under load ≤ idle + 0.3 s: $( [ "$IDLE" = 1 ] && python3 -c "import sys; d = float(sys.argv[1]); print(('met' if d <= 0.3 else 'NOT met') + ' (%+.2f s, medians)' % d)" "$delta" 2>/dev/null || echo "not measured (IDLE=0)")"
fi
