#!/usr/bin/env bash
# dashboard.sh — does the dashboard slow the stack? (issue #14)
#
# How: one stack, run twice side by side — once with the dashboard open, once with --no-dashboard:
#   * SERVICES (20) writers, helpers/paced_writer.py: RATE (1,000) coloured lines a second each, in
#     10 ms ticks, for DURATION seconds; each then records the rate it achieved and its worst tick
#     lateness (a writer whose pipe is slow to drain blocks and falls behind: the figure to watch);
#   * `blinker` (helpers/blinker.py, restart = no): lives 1.5 s, stamps its exit time, exits 3;
#   * `stopper`: sleep 1000, stopped and started over the API.
# `devlaunch up --no-color` runs in a /tmp folder, console to /dev/null. Its VmRSS is sampled every
# second (helpers/rss_sampler.py), its CPU read from /proc at the end, its GC pauses logged
# (-Xlog:gc through DEVLAUNCH_JAVA_OPTS): a stop-the-world pause longer than a pipe's worth of
# output (64 KiB, ~0.7 s of one writer here) is what would make a writer wait.
# With the dashboard: `devlaunch dashboard` gives the URL; headless Chromium (BROWSER=1, when
# /usr/bin/chromium exists) opens the page — the real page, painting every line it is sent — and
# helpers/dashboard_probe.py reads /api/events beside it while it cycles, for DURATION − 4 s:
#   exit→event   the blinker's own exit → its `state` event read off the stream (the child's death
#                is nothing devlaunch schedules, so this is transition → event with nothing taken off)
#   POST→event   POST /api/services/stopper/stop → the `stopping` event (includes the request)
# Also shown: log events/s the probe read, `skipped` counts it was told, Chromium's CPU.
# Targets (issue #14): the writers' rate the same with and without; RSS bounded (flat after the
# start); exit→event median ≤ 50 ms.
#
# Usage: bench/dashboard.sh                    DURATION=20 s (iteration)
#        DURATION=60 bench/dashboard.sh        the quoted run
#        SERVICES=5 RATE=200 BROWSER=0 DURATION=10 bench/dashboard.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
SERVICES=${SERVICES:-20}
RATE=${RATE:-1000}
DURATION=${DURATION:-20}
BROWSER=${BROWSER:-1}
CHROMIUM=/usr/bin/chromium
[ "$BROWSER" = 1 ] && [ ! -x "$CHROMIUM" ] && { echo "bench: no $CHROMIUM (apt-get install -y chromium); running with the SSE client only" >&2; BROWSER=0; }
[ "$DURATION" -ge 8 ] || { echo "bench: DURATION must be at least 8 s" >&2; exit 2; }
TICKS=$(getconf CLK_TCK)

snapshot_devlaunch
work=$(bench_tmpdir)
cputicks() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12 + $13}'; }   # utime + stime
tree_cpu_s() {      # CPU seconds of PID and every descendant still alive
  local t=0 p
  for p in "$1" $(python3 "$HELPERS/descendants.py" "$1" | awk '{print $1}'); do t=$((t + $(cputicks "$p" || echo 0))); done
  python3 -c "print('%.1f' % ($t / $TICKS))"
}

manifest() {        # DIR PORT: the stack's launcher.conf
  local i
  {
    echo "project = \"bench-dashboard\""
    echo "dashboard { port = $2 }"
    echo "services {"
    for i in $(seq 1 "$SERVICES"); do
      echo "  w$i { command = [\"python3\", \"$HELPERS/paced_writer.py\", \"w$i\", \"$RATE\", \"$DURATION\", \"$1/rates\"], restart = no }"
    done
    echo "  blinker { command = [\"python3\", \"$HELPERS/blinker.py\", \"$1/blinker.times\"], restart = no }"
    echo "  stopper { command = [\"sleep\", \"1000\"] }"
    echo "}"
  } >"$1/launcher.conf"
}

# run MODE: one run of the stack; sets R_* figures for that mode's column.
run() {
  local mode=$1 dir=$work/$1 port pid sampler chrome="" probe="" url="" token t0 rc i
  mkdir -p "$dir/rates"
  port=$(free_port)
  manifest "$dir" "$port"
  local flags=(up --no-color)
  [ "$mode" = no-dashboard ] && flags+=(--no-dashboard)
  ( cd "$dir" && DEVLAUNCH_JAVA_OPTS="${DEVLAUNCH_JAVA_OPTS:-} -Xlog:gc:file=$dir/gc.log" exec "$DEVLAUNCH" "${flags[@]}" ) \
    >/dev/null 2>"$dir/err.txt" &
  pid=$!; BENCH_PIDS+=("$pid")
  python3 "$HELPERS/rss_sampler.py" "$pid" 1 "$dir/rss.txt" &
  sampler=$!; BENCH_PIDS+=("$sampler")
  t0=$(now_ns)
  if [ "$mode" = dashboard ]; then
    for _ in $(seq 1 300); do
      url=$(cd "$dir" && "$DEVLAUNCH" dashboard 2>/dev/null | grep -o 'http://[^ ]*token=[^ ]*' | head -n 1)
      [ -n "$url" ] && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    [ -n "$url" ] || { echo "bench: no dashboard URL from devlaunch dashboard" >&2; cat "$dir/err.txt" >&2; exit 1; }
    token=${url##*token=}
    if [ "$BROWSER" = 1 ]; then
      mkdir -p "$dir/chromium"
      "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --disable-dev-shm-usage --window-size=1280,800 \
        --user-data-dir="$dir/chromium" "$url" >"$dir/chromium.log" 2>&1 &
      chrome=$!; BENCH_PIDS+=("$chrome")
    fi
    python3 "$HELPERS/dashboard_probe.py" "$port" "$token" $((DURATION - 4)) "$dir/blinker.times" "$dir/probe.txt" 2>"$dir/probe.err" &
    probe=$!; BENCH_PIDS+=("$probe")
  fi
  # every writer has written its figures (DURATION s after it started)
  for _ in $(seq 1 $(((DURATION + 60) * 10))); do
    [ "$(ls "$dir/rates" | grep -c '\.rate$')" -ge "$SERVICES" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$probe" ] && { wait_exit "$probe" 60; }
  R_CPU=$(python3 -c "print('%.1f' % ($(cputicks "$pid" || echo 0) / $TICKS))")
  R_WALL=$(python3 -c "print('%.1f' % (($(now_ns) - $t0) / 1e9))")
  R_CHROME=-
  if [ -n "$chrome" ]; then
    R_CHROME=$(tree_cpu_s "$chrome")
    record_descendants "$chrome"
    kill -TERM "$chrome" 2>/dev/null; wait_exit "$chrome" 20
    sleep 1     # its helpers end a moment after the browser process
    survivors "chromium"
  fi
  ( cd "$dir" && "$DEVLAUNCH" down >"$dir/down.txt" 2>&1 )
  wait_exit "$pid" 60; rc=$WAIT_RC
  kill -TERM "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null
  [ -s "$dir/err.txt" ] && sed 's/^/    devlaunch stderr: /' "$dir/err.txt" | head -n 10 >&2

  # the writers' figures
  cat "$dir"/rates/*.rate >"$dir/rates.txt" 2>/dev/null
  R_WRITERS=$(wc -l <"$dir/rates.txt")
  R_SUM=$(awk -F'rate=' '{split($2, a, " "); s += a[1]} END {printf "%.0f", s}' "$dir/rates.txt")
  R_MIN=$(awk -F'rate=' '{split($2, a, " "); print a[1]}' "$dir/rates.txt" | stats 1 | cut -d' ' -f2)
  R_LAG=$(awk -F'max_lag_ms=' '{print $2}' "$dir/rates.txt" | stats 1 | awk '{print $1 " / " $3}')
  # RSS at quarters of the run, and its peak (MB)
  R_RSS=$(python3 - "$dir/rss.txt" <<'PY'
import sys
s = [(float(t), int(k)) for t, k in (l.split() for l in open(sys.argv[1]) if l.strip())]
if not s:
    print("- - - - - -"); sys.exit()
end = s[-1][0]
at = lambda f: min(s, key=lambda x: abs(x[0] - f * end))[1] / 1024
print("%.0f %.0f %.0f %.0f %.0f %d" % (at(0.1), at(0.25), at(0.5), at(0.75), max(k for _, k in s) / 1024, len(s)))
PY
)
  # the supervisor's stop-the-world pauses (its GC log): count, total and longest, ms
  R_GC=$(grep -o 'Pause.* \([0-9.]*\)ms$' "$dir/gc.log" 2>/dev/null | awk '{v = $NF; sub(/ms/, "", v); n++; t += v; if (v > m) m = v}
    END {printf "%d / %.0f / %.0f", n, t, m}')
  R_FULL=$(grep -c 'Pause Full' "$dir/gc.log" 2>/dev/null)
  R_EXIT="- - -" R_POST="- - -" R_NEXIT=0 R_NPOST=0 R_LOGRATE=- R_SKIPPED=- R_LOST=-
  if [ -f "$dir/probe.txt" ]; then
    local e p
    e=$(sed -n 's/^exit_ms=//p' "$dir/probe.txt"); p=$(sed -n 's/^post_ms=//p' "$dir/probe.txt")
    R_EXIT=$(echo "$e" | stats 1); R_NEXIT=$(echo "$e" | wc -w)
    R_POST=$(echo "$p" | stats 1); R_NPOST=$(echo "$p" | wc -w)
    R_LOGRATE=$(sed -n 's/^log_rate=//p' "$dir/probe.txt")
    R_SKIPPED=$(sed -n 's/^skipped=//p' "$dir/probe.txt")
    R_LOST=$(sed -n 's/^lost=//p' "$dir/probe.txt")
    printf '  %s: exit->event ms: %s\n' "$mode" "$e" >&2
    printf '  %s: POST->event ms: %s\n' "$mode" "$p" >&2
  fi
  [ -s "$dir/probe.err" ] && sed 's/^/    probe: /' "$dir/probe.err" | head -n 5 >&2
  printf '  %s: %s writers, %s lines/s in all; devlaunch CPU %s s over %s s, RSS %s; exit %s\n' \
    "$mode" "$R_WRITERS" "$R_SUM" "$R_CPU" "$R_WALL" "$R_RSS" "$rc" >&2
}

declare -A F
collect() {         # MODE: copies the R_* figures into F[MODE,…]
  local m=$1
  read -r r10 r25 r50 r75 rmax rn <<<"$R_RSS"
  F[$m,writers]="$R_WRITERS of $SERVICES"; F[$m,sum]=$R_SUM; F[$m,min]=$R_MIN; F[$m,lag]=$R_LAG
  F[$m,rss]="$r10 / $r25 / $r50 / $r75"; F[$m,rssmax]=$rmax; F[$m,cpu]=$R_CPU
  F[$m,gc]=$R_GC; F[$m,full]=$R_FULL
  F[$m,cpupct]=$(python3 -c "print('%.0f' % (100 * $R_CPU / $R_WALL))")
  F[$m,exit]=$(echo "$R_EXIT" | awk -v n="$R_NEXIT" '$1 == "-" {print "-"; next} {print $1 " (" $2 "-" $3 ", n=" n ")"}')
  F[$m,post]=$(echo "$R_POST" | awk -v n="$R_NPOST" '$1 == "-" {print "-"; next} {print $1 " (" $2 "-" $3 ", n=" n ")"}')
  F[$m,lograte]=$R_LOGRATE; F[$m,skipped]=$R_SKIPPED; F[$m,lost]=$R_LOST; F[$m,chrome]=$R_CHROME
}

echo "dashboard: $SERVICES writers x $RATE lines/s for $DURATION s; dashboard open (BROWSER=$BROWSER), then --no-dashboard" >&2
run dashboard;    collect dashboard
run no-dashboard; collect no-dashboard

echo
bench_context
echo "dashboard load: $SERVICES services x $RATE lines/s for $DURATION s (target $((SERVICES * RATE)) lines/s in all)$([ "$BROWSER" = 1 ] && echo "; page open in headless Chromium")"
row() { printf '%-44s %-28s %-20s\n' "$1" "${F[dashboard,$2]}" "${F[no-dashboard,$2]}"; }
printf '%-44s %-28s %-20s\n' figure "dashboard open" "--no-dashboard"
row "writers that reported" writers
row "children's write rate, all (lines/s)" sum
row "slowest child (lines/s)" min
row "tick lateness, median / worst child (ms)" lag
row "supervisor RSS at 10/25/50/75% of run (MB)" rss
row "supervisor RSS peak (MB)" rssmax
row "supervisor CPU (s)" cpu
row "  = % of one core" cpupct
row "GC pauses: count / total / longest (ms)" gc
row "  of which full collections" full
row "exit -> state event, median (ms)" exit
row "POST stop -> state event, median (ms)" post
row "log events read by the probe (/s)" lograte
row "lines skipped, told to the probe" skipped
row "state events that never came" lost
row "Chromium CPU, page open (s)" chrome
