#!/usr/bin/env bash
# proxy.sh — what devlaunch's port proxy (`proxy = true`: devlaunch holds the public port and splices
# each connection to the service's private port) costs a small HTTP request, side by side with an
# nginx `stream` proxy and socat doing the same job, and what 1,000 idle held connections cost it.
#
# How: the service is nginx (1 worker, access log off) serving a 64-byte static file on a private
# port. Four routes to it, each measured with wrk (1 thread, --latency) for DURATION (5) s:
#   direct      wrk → nginx                                            (the baseline)
#   devlaunch   wrk → the devlaunch proxy → nginx. The proxy package runs alone, not through
#               `devlaunch up`: fixtures/ProxyBenchMain (one ProxyLoop, one PortProxy forwarding the
#               public port to nginx's), from a frozen copy of target/classes + target/test-classes,
#               with the JVM flags bin/devlaunch gives a supervisor (C1 only, serial GC, -Xmx64m …):
#               the proxy will run inside that JVM.
#   devlaunch-c2  (extra, not by default) the same with the JIT's C2 compiler on
#               (-XX:TieredStopAtLevel=4 after bin/devlaunch's =1): what the C1-only flag costs
#   devlaunch-splice  (extra, not by default) the same ProxyBenchMain, same flags, on the classes of
#               the git revision BASE (default e6a5a70: the proxy before it read HTTP/1.x framing,
#               issue 23, a byte-blind splice), so the two proxies run side by side in one run.
#               BASE's committed files (git archive) are built once, offline, in a /tmp folder
#               (mvn -B -q -o test-compile), removed at exit. Target (issue 23): devlaunch's req/s
#               ≥ 95 % of devlaunch-splice's at c1 and c50 (per-round ratio, as below).
#   nginx       wrk → a second nginx, 1 worker, `stream { server { proxy_pass … } }` → nginx
#   socat       wrk → `socat TCP-LISTEN:…,fork TCP:…` (a process per connection) → nginx
# Loads:  c1        1 connection, keep-alive: the latency a developer's browser or test sees
#         c50       50 connections, keep-alive: throughput with the machine's 2 cores saturated
#         c1-close  1 connection, `Connection: close`: a new connection (accept + connect) per request
# Every proxy and server runs the whole time; each round runs every load × route once, routes
# interleaved so machine drift hits all alike (in the order given, reversed in even rounds), after one untimed 2 s warm-up of each route; the
# table gives the median over N (3) rounds, and the verdicts the median of each round's own
# devlaunch/nginx ratio (on a shared machine a whole round may run slow). Targets (issue 12):
# devlaunch's req/s ≥ 80 % of nginx stream's at c1 and c50, its added p50 (over direct, c1)
# < 0.2 ms; c1-close is an extra, without a target. Beside each proxy's figures, its CPU per request
# (user + system ticks of its process, and nginx's worker, over the run / wrk's request count): on a
# shared machine req/s at c1 swings ~2x from run to run with the cores' scheduling (all routes,
# direct too), the CPU a proxy spends on a request much less.
#
# Then memory and threads: ProxyBenchMain `hold` (same flags) holds every connection; RSS and thread
# count (/proc/PID/status) idle, then with HELD (1,000) idle connections open (helpers/hold_clients.py:
# each sends a GET that the proxy, holding, does not read), once all are accepted.
#
# Setup: wrk, nginx (+ libnginx-mod-stream) and socat are Debian packages, installed with apt-get
# when missing (alternatives.sh). The client, the proxies and nginx share the machine's cores, so
# absolute figures depend on it; the ratios between routes are the point.
#
# Usage: bench/proxy.sh                        N=3 rounds of DURATION=5 s per load and route
#        N=5 DURATION=10 LOADS="c1 c50" ROUTES="direct devlaunch nginx" bench/proxy.sh
#        HELD=0 skips the held-connections part
#        ROUTES="direct devlaunch devlaunch-c2 nginx" LOADS="c1 c1-close" bench/proxy.sh
#        N=3 LOADS="c1 c50" ROUTES="direct devlaunch devlaunch-splice nginx" HELD=0 bench/proxy.sh
#        BASE=<rev> … ROUTES="… devlaunch-splice …": the old proxy from another revision
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$BENCH/alternatives.sh"
N=${N:-3}
DURATION=${DURATION:-5}
LOADS=${LOADS:-"c1 c50 c1-close"}
ROUTES=${ROUTES:-"direct devlaunch nginx socat"}
HELD=${HELD:-1000}
BASE=${BASE:-e6a5a70}
TARGET_RATIO=80 TARGET_ADDED_MS=0.2 TARGET_SPLICE_RATIO=95
work=$(bench_tmpdir)
chmod 755 "$work"     # nginx's worker may run as another user: it must read the page

# ---------------------------------------------------------------- tools
for pkg in wrk nginx socat; do
  command -v "$pkg" >/dev/null || apt_install "$pkg" "$work" || { echo "proxy: needs $pkg" >&2; exit 1; }
done
stream_so=/usr/lib/nginx/modules/ngx_stream_module.so
if [[ " $ROUTES " == *" nginx "* ]] && [ ! -f "$stream_so" ] && ! nginx -V 2>&1 | grep -q -- '--with-stream[^=]'; then
  apt_install libnginx-mod-stream "$work" || { echo "proxy: nginx has no stream module" >&2; exit 1; }
fi
load_stream=""
[ -f "$stream_so" ] && load_stream="load_module $stream_so;"

# ---------------------------------------------------------------- the devlaunch proxy, frozen
fixture=$ROOT/target/test-classes/io/devlaunch/fixtures/ProxyBenchMain.class
if [ ! -f "$fixture" ] || [ -n "$(find "$ROOT/src/main/java" "$ROOT/src/test/java/io/devlaunch/fixtures" -newer "$fixture" -name '*.java' 2>/dev/null | head -n 1)" ]; then
  echo "proxy: compiling the proxy and its bench main (mvn -B -q test-compile)" >&2
  (cd "$ROOT" && mvn -B -q test-compile) >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log" >&2; exit 1; }
fi
mkdir -p "$work/cp"
cp -r "$ROOT/target/classes" "$work/cp/classes" && cp -r "$ROOT/target/test-classes" "$work/cp/test-classes"
CP=$work/cp/classes:$work/cp/test-classes
# devlaunch-splice: ProxyBenchMain on BASE's classes, built once from its committed files
if [[ " $ROUTES " == *" devlaunch-splice "* ]]; then
  base_src=$work/base-src
  mkdir -p "$base_src"
  git -C "$ROOT" archive "$BASE" | tar -x -C "$base_src" || { echo "proxy: no git revision $BASE (BASE)" >&2; exit 2; }
  [ -f "$base_src/src/test/java/io/devlaunch/fixtures/ProxyBenchMain.java" ] \
    || { echo "proxy: $BASE has no fixtures/ProxyBenchMain.java: devlaunch-splice cannot run there" >&2; exit 2; }
  # the same `forward PUBLIC PRIVATE` usage line, or the route would run something else
  grep -q 'forward PUBLIC PRIVATE' "$base_src/src/test/java/io/devlaunch/fixtures/ProxyBenchMain.java" \
    || { echo "proxy: ProxyBenchMain at $BASE takes other arguments (no 'forward PUBLIC PRIVATE')" >&2; exit 2; }
  echo "proxy: building the proxy at $BASE in $base_src (mvn -B -q -o test-compile) ..." >&2
  ( cd "$base_src" && mvn -B -q -o test-compile >"$base_src/build.log" 2>&1 ) || { tail -n 20 "$base_src/build.log" >&2; exit 1; }
  BASE_CP=$base_src/target/classes:$base_src/target/test-classes
  BASE_DESC=$(git -C "$ROOT" --no-optional-locks log -1 --format='%h %cs "%s"' "$BASE" | cut -c1-100)
fi
# The supervisor's own flags, read from bin/devlaunch so they cannot drift apart (plus -Xmn8m for
# up); DEVLAUNCH_JAVA_OPTS is appended, as bin/devlaunch does (e.g. -XX:TieredStopAtLevel=4: with C2).
JOPTS="$(sed -n 's/^opts="\(.*\)"$/\1/p' "$ROOT/bin/devlaunch" | head -n 1) -Xmn8m ${DEVLAUNCH_JAVA_OPTS:-}"

await_line() {   # $1 file, $2 pattern, $3 PID: waits up to 20 s for the line; 1 if it never came
  for _ in $(seq 1 200); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
start_bg() {     # $1 name, then the command: started in the background, PID in BG_PID, output in $work/$1.out
  local name=$1; shift
  "$@" >"$work/$name.out" 2>&1 &
  BG_PID=$!; BENCH_PIDS+=("$BG_PID")
}
await_port() {   # $1 port, $2 PID: until something accepts on 127.0.0.1:$1
  for _ in $(seq 1 200); do
    python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# ---------------------------------------------------------------- the service and the routes
backend=$(free_port)
mkdir -p "$work/www" "$work/tmp"
head -c 63 /dev/zero | tr '\0' 'x' >"$work/www/index.html"; echo >>"$work/www/index.html"
chmod -R a+rX "$work/www"
temp_paths="client_body_temp_path $work/tmp/body; proxy_temp_path $work/tmp/proxy; fastcgi_temp_path $work/tmp/fcgi; uwsgi_temp_path $work/tmp/uwsgi; scgi_temp_path $work/tmp/scgi;"
cat >"$work/backend.conf" <<CONF
worker_processes 1;
pid $work/backend.pid;
error_log $work/backend.err warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  $temp_paths
  server { listen 127.0.0.1:$backend; location / { root $work/www; } }
}
CONF
start_bg backend nginx -p "$work" -c "$work/backend.conf" -g 'daemon off;'
await_port "$backend" "$BG_PID" || { echo "proxy: nginx (the service) did not start:" >&2; cat "$work/backend.out" "$work/backend.err" >&2; exit 1; }

declare -A PORT ROUTE_PID
PORT[direct]=$backend
for route in $ROUTES; do
  [ "$route" = direct ] && continue
  p=$(free_port); PORT[$route]=$p
  case $route in
    devlaunch|devlaunch-c2|devlaunch-splice)
      opts=$JOPTS cp=$CP
      [ "$route" = devlaunch-c2 ] && opts="$JOPTS -XX:TieredStopAtLevel=4"
      [ "$route" = devlaunch-splice ] && cp=$BASE_CP
      # shellcheck disable=SC2086
      start_bg "$route" java $opts -cp "$cp" io.devlaunch.fixtures.ProxyBenchMain forward "$p" "$backend"
      await_line "$work/$route.out" '^ready' "$BG_PID" || { echo "proxy: ProxyBenchMain did not start:" >&2; cat "$work/$route.out" >&2; exit 1; } ;;
    nginx)
      cat >"$work/stream.conf" <<CONF
$load_stream
worker_processes 1;
pid $work/stream.pid;
error_log $work/stream.err warn;
events { worker_connections 4096; }
stream { server { listen 127.0.0.1:$p; proxy_pass 127.0.0.1:$backend; } }
CONF
      start_bg nginx nginx -p "$work" -c "$work/stream.conf" -g 'daemon off;'
      await_port "$p" "$BG_PID" || { echo "proxy: nginx stream did not start:" >&2; cat "$work/nginx.out" "$work/stream.err" >&2; exit 1; } ;;
    socat)
      start_bg socat socat "TCP-LISTEN:$p,bind=127.0.0.1,fork,reuseaddr,backlog=1024" "TCP:127.0.0.1:$backend"
      await_port "$p" "$BG_PID" || { echo "proxy: socat did not start:" >&2; cat "$work/socat.out" >&2; exit 1; } ;;
    *) echo "proxy: unknown route $route" >&2; exit 2 ;;
  esac
  ROUTE_PID[$route]=$BG_PID
done

# ---------------------------------------------------------------- wrk
to_ms() { python3 -c '
import re, sys
m = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", sys.argv[1])
print("-" if not m else "%.3f" % (float(m[1]) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m[2]]))' "$1"; }
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() {    # $1 PID: user + system CPU ticks of it and its children now (nginx: master + worker; java: all threads)
  local p t=0 v
  for p in "$1" $(ps -o pid= --ppid "$1" 2>/dev/null); do
    v=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}')
    t=$((t + ${v:-0}))
  done
  echo "$t"
}
run_wrk() {      # $1 load, $2 route, $3 seconds: sets RPS P50 P99 ERRS, and CPU_US (the proxy's CPU per request, µs)
  local conns=1 hdr=() out c0 c1 reqs pid=${ROUTE_PID[$2]:-}
  case $1 in c1) ;; c50) conns=50 ;; c1-close) hdr=(-H "Connection: close") ;; *) echo "proxy: unknown load $1" >&2; exit 2 ;; esac
  [ -n "$pid" ] && c0=$(cpu_ticks "$pid")
  out=$(wrk -t1 -c"$conns" -d"$3"s --latency "${hdr[@]}" "http://127.0.0.1:${PORT[$2]}/index.html" 2>&1)
  CPU_US=-
  if [ -n "$pid" ] && [ "$2" != socat ]; then    # socat: a process per connection, gone before it can be read
    c1=$(cpu_ticks "$pid") reqs=$(awk '/ requests in / {print $1}' <<<"$out")
    [ -n "$reqs" ] && [ "$reqs" -gt 0 ] && CPU_US=$(python3 -c "import sys; print('%.1f' % ((int(sys.argv[1]) - int(sys.argv[2])) * 1e6 / int(sys.argv[3]) / int(sys.argv[4])))" "$c1" "$c0" "$CLK_TCK" "$reqs")
  fi
  RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
  P50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  P99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  ERRS=$(awk '/Socket errors|Non-2xx/ {sub(/^ */, ""); printf "%s; ", $0}' <<<"$out")
}

for route in $ROUTES; do run_wrk c1 "$route" 2; done     # warm-up: JIT, nginx's first files, socat
declare -A rps p50 p99 errs cpu
for i in $(seq 1 "$N"); do
  order=$ROUTES     # reversed in even rounds: no route always runs right after another (its GC, its cache)
  [ $((i % 2)) = 0 ] && order=$(echo "$ROUTES" | xargs -n 1 | tac | xargs)
  for load in $LOADS; do
    for route in $order; do
      run_wrk "$load" "$route" "$DURATION"
      rps[$load.$route]+="$RPS " p50[$load.$route]+="$P50 " p99[$load.$route]+="$P99 " cpu[$load.$route]+="$CPU_US "
      [ -n "$ERRS" ] && errs[$load.$route]+="$ERRS"
      printf '  round %d %-8s %-16s %8s req/s  p50 %7s ms  p99 %7s ms  proxy CPU %5s µs/req  %s\n' "$i" "$load" "$route" "$RPS" "$P50" "$P99" "$CPU_US" "$ERRS" >&2
    done
  done
done

# ---------------------------------------------------------------- memory and threads, HELD idle connections held
status_of() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }   # $1 PID, $2 field (VmRSS in kB, Threads)
fds_of() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
measure_held() {
  local hold_port hold_pid clients_pid ok=1
  hold_port=$(free_port)
  # shellcheck disable=SC2086
  start_bg hold java $JOPTS -cp "$CP" io.devlaunch.fixtures.ProxyBenchMain hold "$hold_port"
  hold_pid=$BG_PID
  await_line "$work/hold.out" '^ready' "$hold_pid" || ok=0
  sleep 1
  idle_rss=$(status_of "$hold_pid" VmRSS) idle_threads=$(status_of "$hold_pid" Threads) idle_fds=$(fds_of "$hold_pid")
  start_bg clients python3 "$HELPERS/hold_clients.py" "$hold_port" "$HELD"
  clients_pid=$BG_PID
  await_line "$work/clients.out" '^connected' "$clients_pid" || ok=0
  for _ in $(seq 1 100); do    # until the proxy accepted them all: one descriptor each
    [ "$(fds_of "$hold_pid")" -ge $((idle_fds + HELD)) ] && break
    sleep 0.1
  done
  sleep 1
  held_rss=$(status_of "$hold_pid" VmRSS) held_threads=$(status_of "$hold_pid" Threads) held_fds=$(fds_of "$hold_pid")
  kill -TERM "$clients_pid" "$hold_pid" 2>/dev/null
  [ $ok = 1 ] || { echo "proxy: the held-connections run failed:" >&2; cat "$work/hold.out" "$work/clients.out" >&2; }
}
ROUTE_PIDS=("${BENCH_PIDS[@]}")
[ "$HELD" -gt 0 ] && measure_held
for p in "${ROUTE_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done     # by PID; nginx's master takes its worker along
for p in "${ROUTE_PIDS[@]}"; do wait_exit "$p" 10; done

# ---------------------------------------------------------------- the table
bench_context
echo "# $(wrk --version 2>&1 | head -n 1 | cut -c1-60); $(nginx -v 2>&1); $(socat -V 2>/dev/null | sed -n 's/^socat version \([^ ]*\).*/socat \1/p')"
echo "# devlaunch proxy JVM: java $JOPTS"
[[ " $ROUTES " == *" devlaunch-splice "* ]] && echo "# devlaunch-splice: ProxyBenchMain at BASE=$BASE ($BASE_DESC), built from git archive"
echo "small HTTP responses (64-byte file from nginx), wrk -t1, ${DURATION}s per run, median of N=$N rounds"
printf '%-9s %-16s %10s %9s %9s %12s %12s %14s  %s\n' load route "req/s" "p50 ms" "p99 ms" "added p50" "% of nginx" "CPU µs/req" "errors"
for load in $LOADS; do
  base50=$(med "${p50[$load.direct]:-}" 3)
  ngx=$(med "${rps[$load.nginx]:-}" 0)
  for route in $ROUTES; do
    r=$(med "${rps[$load.$route]:-}" 0) m=$(med "${p50[$load.$route]:-}" 3) q=$(med "${p99[$load.$route]:-}" 3)
    # values as arguments: a "-" spliced into the expression would be a syntax error, an empty cell
    added=$(python3 -c "import sys; r, m, b = sys.argv[1:]; print('-' if r == 'direct' or '-' in (m, b) else '%+.3f' % (float(m) - float(b)))" "$route" "$m" "$base50")
    pct=$(python3 -c "import sys; r, n = sys.argv[1:]; print('-' if '-' in (r, n) or n in ('', '0') else '%.0f %%' % (100 * float(r) / float(n)))" "$r" "$ngx")
    printf '%-9s %-16s %10s %9s %9s %12s %12s %14s  %s\n' "$load" "$route" "$r" "$m" "$q" "$added" "$pct" "$(med "${cpu[$load.$route]:-}" 1)" "${errs[$load.$route]:-}"
  done
done
echo
echo "targets: devlaunch req/s ≥ ${TARGET_RATIO} % of nginx stream's; devlaunch's added p50 at c1 < ${TARGET_ADDED_MS} ms"
echo "(ratio: the median of each round's devlaunch/nginx req/s, robust to drift between rounds; the table's % compares medians)"
echo "(CPU µs/req: the proxy process's user+system CPU during the run / wrk's requests; nginx: master + worker)"
for load in $LOADS; do
  [[ " $ROUTES " == *" devlaunch "* && " $ROUTES " == *" nginx "* && " $ROUTES " == *" direct "* ]] || break
  python3 - "$TARGET_RATIO" "$TARGET_ADDED_MS" "$load" "${rps[$load.devlaunch]:-}" "${rps[$load.nginx]:-}" "${p50[$load.devlaunch]:-}" "${p50[$load.direct]:-}" <<'PY'
import statistics, sys
target, target_added, load = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
d, n, dp, bp = [[float(x) for x in a.split() if x != "-"] for a in sys.argv[4:]]
ratio = statistics.median([a / b for a, b in zip(d, n)]) * 100 if d and n else float("nan")
added = statistics.median(dp) - statistics.median(bp) if dp and bp else float("nan")
verdict = lambda ok: "met" if ok else "NOT met"
line = "  %-9s throughput %3.0f %% of nginx (per-round ratio): %s;  added p50 %.3f ms" % (load, ratio, verdict(ratio >= target), added)
print(line + (": " + verdict(added < target_added) if load == "c1" else ""))
PY
done
if [[ " $ROUTES " == *" devlaunch "* && " $ROUTES " == *" devlaunch-splice "* ]]; then
  echo
  echo "target (issue 23): devlaunch (HTTP/1.x framing) req/s ≥ ${TARGET_SPLICE_RATIO} % of devlaunch-splice's (the proxy at $BASE)"
  for load in $LOADS; do
    python3 - "$TARGET_SPLICE_RATIO" "$load" "${rps[$load.devlaunch]:-}" "${rps[$load.devlaunch-splice]:-}" \
      "${cpu[$load.devlaunch]:-}" "${cpu[$load.devlaunch-splice]:-}" <<'PY'
import statistics, sys
target, load = float(sys.argv[1]), sys.argv[2]
d, s, dc, sc = [[float(x) if x != "-" else None for x in a.split()] for a in sys.argv[3:]]
per = [100 * a / b for a, b in zip(d, s) if a and b]
ratio = statistics.median(per) if per else float("nan")
print("  %-9s req/s, devlaunch / devlaunch-splice %5.1f %% (per-round median; rounds: %s): %s" % (
    load, ratio, " ".join("%.1f" % x for x in per), "met" if ratio >= target else "NOT met"))
cper = [100 * a / b for a, b in zip(dc, sc) if a and b]
if cper:
    print("  %-9s CPU per request, devlaunch / devlaunch-splice %5.1f %% (per-round median; rounds: %s)" % (
        load, statistics.median(cper), " ".join("%.0f" % x for x in cper)))
PY
  done
fi
[ "$HELD" -gt 0 ] || exit 0
echo
echo "devlaunch proxy holding $HELD idle connections (ProxyBenchMain hold; each client sent a GET, unread)"
printf '%-22s %10s %10s\n' "" idle "$HELD held"
printf '%-22s %10s %10s\n' "threads" "$idle_threads" "$held_threads"
printf '%-22s %10s %10s\n' "RSS MB" "$(python3 -c "print('%.1f' % ($idle_rss / 1024))")" "$(python3 -c "print('%.1f' % ($held_rss / 1024))")"
printf '%-22s %10s %10s\n' "open descriptors" "$idle_fds" "$held_fds"
printf '%-22s %10s %10s\n' "RSS per connection kB" "" "$(python3 -c "print('%.1f' % (($held_rss - $idle_rss) / $HELD))")"
