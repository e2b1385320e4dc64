#!/usr/bin/env bash
# readiness.sh — how long after a service starts listening does `devlaunch up` report it healthy,
# and how long does `wait-on` (npm; `wait-on http://localhost:8000 && …` in `npm run dev` scripts) take?
#
# How: helpers/slow_server.py sleeps a random 1.0–1.5 s, binds 127.0.0.1:PORT (a free ephemeral
# port), prints "bound <CLOCK_MONOTONIC ns>" and serves GET and HEAD /health → 200.
#   devlaunch variants: for each run a fresh manifest in a /tmp folder gives it one health check;
#     helpers/readiness_run.py runs `devlaunch up --no-color -f MANIFEST` with stdout on a pipe, stamps
#     (same clock) the moment the console line "… healthy in …" is read, then SIGTERMs devlaunch by PID
#     and waits for it to exit.    latency = healthy-line read − bound
#     The healthy line passes through devlaunch's console writer thread and the pipe, so this is an
#     end-to-end upper bound of the detection latency. Target: median < 20 ms.
#   wait-on variants: helpers/waiton_run.py starts slow_server.py and, right after it, wait-on
#     (both at once, as in `server & wait-on URL && next`), stamps (same clock) the moment wait-on's
#     exit is observed (waitpid returns: when `next` would start), then SIGTERMs the server by PID and
#     waits for it.    latency = wait-on exit observed − bound
#     So both include the tool's own reporting path (devlaunch: console line; wait-on: node exiting).
#
# Variants:
#   http         health.http = "http://127.0.0.1:PORT/health"   (the "bound" line also pokes the prober)
#   tcp          health.tcp  = "127.0.0.1:PORT"
#   http-silent  (extra) like http, but the server prints nothing: it writes its bound time to a file,
#                so only devlaunch's own probe schedule (10 ms, growing ×1.5 up to 100 ms) can find it.
#   http-warm,   (extra) like http / tcp, plus a second service "warmup" with the same kind of check
#   tcp-warm     that binds at once: by the time srv binds, devlaunch has already run its probe →
#                healthy → console path once, so this shows the latency without first-use costs
#                (class loading, JIT) in the JVM.
#   wait-on-http      `wait-on http-get://127.0.0.1:PORT/health`  (http-get: sends GET), default options
#   wait-on-tcp       `wait-on tcp:127.0.0.1:PORT`                 (connect), default options
#   wait-on-http-i10  (NOT default options) `wait-on -i 10 http-get://…`: polls every 10 ms, what
#                     tuning buys (-i accepts down to 0, which busy-polls)
#   wait-on-head      (extra) `wait-on http://127.0.0.1:PORT/health`: plain http: sends HEAD
# wait-on's defaults (9.5.1, lib/wait-on.js): interval 250 ms, first poll at once (delay 0),
# tcpTimeout 300 ms, timeout Infinity, simultaneous Infinity, window 750 ms — but the stability window
# applies to file: resources only; http(s)/tcp resources count as ready on the first success.
# The table's header names the version installed. Every server answers the first request wait-on's
# poll makes after it binds, so wait-on's latency is roughly uniform over one interval plus its exit.
#
# TOOLS (default "devlaunch wait-on") picks whose variants run. BEFORE=<git revision> adds, after
# each devlaunch variant, a row VARIANT-before: devlaunch as it was at that revision (built by
# lib.sh's before_setup), run right after the current one in every round (run 1 of both, run 2 of
# both, …), so the machine's drift hits both alike.
#
# Setup: wait-on comes from npm into $ALTS (default /tmp/devlaunch-alts, shared with compare.sh):
# installed with `npm install --prefix $ALTS wait-on` if missing; with no npm, or if that fails, the
# wait-on variants are skipped (noted in the table).
#
# Usage: bench/readiness.sh            N=5 runs per variant (median/min/max reported)
#        N=10 VARIANTS="http tcp wait-on-tcp" bench/readiness.sh
#        BEFORE=7f40db0 TOOLS=devlaunch N=15 bench/readiness.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
N=${N:-5}
VARIANTS=${VARIANTS:-"http tcp http-silent http-warm tcp-warm wait-on-http wait-on-tcp wait-on-http-i10"}
TOOLS=${TOOLS:-"devlaunch wait-on"}
tool_of() { [[ $1 == wait-on-* ]] && echo wait-on || echo devlaunch; }     # VARIANT: whose it is
VARIANTS=$(for v in $VARIANTS; do [[ " $TOOLS " == *" $(tool_of "$v") "* ]] && echo "$v"; done | xargs)
TARGET_MS=20
ALTS=${ALTS:-/tmp/devlaunch-alts}
WAIT_ON=$ALTS/node_modules/.bin/wait-on

work=$(bench_tmpdir)
waiton_skip="" waiton_version=""
if [[ " $VARIANTS " == *" wait-on-"* ]]; then
  if [ ! -x "$WAIT_ON" ] && command -v npm >/dev/null; then
    echo "readiness: installing wait-on into $ALTS (npm install --prefix $ALTS wait-on)" >&2
    npm install --prefix "$ALTS" wait-on >"$work/npm.log" 2>&1 || tail -n 5 "$work/npm.log" | sed 's/^/    /' >&2
  fi
  if [ -x "$WAIT_ON" ] && command -v node >/dev/null; then
    waiton_version=$(node -p "require('$ALTS/node_modules/wait-on/package.json').version")
  else
    waiton_skip="skipped: no node/npm, or npm install of wait-on failed"
    echo "readiness: wait-on variants $waiton_skip" >&2
  fi
fi

before_setup
rows=()             # the table's: each variant, and VARIANT-before after each devlaunch one with BEFORE
for variant in $VARIANTS; do
  rows+=("$variant")
  [ -n "$DEVLAUNCH_BEFORE" ] && [ "$(tool_of "$variant")" = devlaunch ] && rows+=("$variant-before")
done

declare -A results echoes rcs cpus
for variant in $VARIANTS; do
  [[ $variant == wait-on-* && -n $waiton_skip ]] && continue
  for i in $(seq 1 "$N"); do
    for row in "${rows[@]}"; do        # this variant's rows, one run each: interleaved run by run
      [ "${row%-before}" = "$variant" ] || continue
      port=$(free_port)
      dir=$work/$row-$i
      mkdir -p "$dir"
      silent_arg="" bound_file="" warmup="" env="" waiton=()
      case $variant in
        http|http-warm) health="health.http = \"http://127.0.0.1:$port/health\"" ;;
        tcp|tcp-warm)   health="health.tcp = \"127.0.0.1:$port\"" ;;
        http-silent) health="health.http = \"http://127.0.0.1:$port/health\""
                     silent_arg=', "--silent"'; bound_file=$dir/bound
                     env="env { BOUND_FILE = \"$bound_file\" }" ;;
        wait-on-http)     waiton=("http-get://127.0.0.1:$port/health") ;;
        wait-on-tcp)      waiton=("tcp:127.0.0.1:$port") ;;
        wait-on-http-i10) waiton=(-i 10 "http-get://127.0.0.1:$port/health") ;;
        wait-on-head)     waiton=("http://127.0.0.1:$port/health") ;;
        *) echo "unknown variant $variant" >&2; exit 2 ;;
      esac
      if [[ $variant == *-warm ]]; then
        wport=$(free_port)
        warmup="warmup {
    command = [\"python3\", \"$HELPERS/slow_server.py\", \"$wport\", \"--now\"]
    ${health//$port/$wport}
    restart = no
  }"
      fi
      if [[ $variant == wait-on-* ]]; then
        tool=wait-on
        line=$(python3 "$HELPERS/waiton_run.py" "$port" "$dir/stderr.txt" "$WAIT_ON" "${waiton[@]}")
      else
        tool=devlaunch
        cat >"$dir/launcher.conf" <<CONF
project = "bench-readiness"
services {
  srv {
    command = ["python3", "$HELPERS/slow_server.py", "$port"$silent_arg]
    $env
    $health
    restart = no
  }
  $warmup
}
CONF
        line=$(python3 "$HELPERS/readiness_run.py" "$(devlaunch_for "$row")" "$dir/launcher.conf" "$dir/stderr.txt" $bound_file)
      fi
      ms=$(sed -n 's/^latency_ms=\([^ ]*\) .*/\1/p' <<<"$line")
      echo_ms=$(sed -n 's/.* echo_ms=\([^ ]*\) .*/\1/p' <<<"$line")
      rc=$(sed -n 's/.* rc=\([^ ]*\) .*/\1/p' <<<"$line")
      pcpu=$(sed -n 's/.* probe_cpu_pct=\([^ ]*\) .*/\1/p' <<<"$line")
      if [ $tool = devlaunch ]; then detail="bound line echoed after $echo_ms ms; probe threads ${pcpu:--}% of a core; devlaunch exit $rc"
      else detail="wait-on exit $rc"; fi
      printf '  %-18s run %d: %8s ms  (%s) %s\n' "$row" "$i" "$ms" "$detail" "${line#* line=}" >&2
      [ -s "$dir/stderr.txt" ] && sed "s/^/    $tool stderr: /" "$dir/stderr.txt" >&2
      [ "$ms" != "-" ] && results[$row]+="$ms "
      [ "$echo_ms" != "-" ] && echoes[$row]+="$echo_ms "
      rcs[$row]+="$rc "
      [ -n "$pcpu" ] && [ "$pcpu" != "-" ] && cpus[$row]+="$pcpu "
    done
  done
done

cat <<'NOTE'

probe CPU % = CPU time of devlaunch's health-probe threads (/proc/PID/task/*/schedstat) from the
"srv starting:" line to the "healthy" line, over that time: % of one core spent probing the one
starting service (the successful probe included).
echo med ms = median time from bind until the server's own "bound" line came out of devlaunch's
stdout (child pipe → NuProcess pump → console writer → pipe); it bounds how soon a poke can help.
wait-on-* rows: bound → wait-on's exit observed; the target column is devlaunch's, "-" for them.
NOTE
[ -n "$DEVLAUNCH_BEFORE" ] && echo "*-before rows: devlaunch at $BEFORE, each run right after the same run of the row above it."
bench_context
[ -n "$waiton_version" ] && echo "# wait-on $waiton_version ($WAIT_ON); defaults: interval 250 ms, delay 0, tcpTimeout 300 ms, window 750 ms (file: resources only)"
echo "readiness latency: bound → 'healthy in' line read from devlaunch's stdout, or wait-on's exit (N=$N per variant)"
w=16; [ -n "$DEVLAUNCH_BEFORE" ] && w=18       # room for "http-silent-before"
printf "%-${w}s %4s %10s %10s %10s  %-9s %12s %12s  %s\n" variant runs "median ms" "min ms" "max ms" "<${TARGET_MS}ms?" "echo med ms" "probe CPU %" "exit codes"
for row in "${rows[@]}"; do
  if [[ $row == wait-on-* && -n $waiton_skip ]]; then
    printf "%-${w}s %s\n" "$row" "$waiton_skip"; continue
  fi
  read -r med min max <<<"$(echo "${results[$row]:-}" | stats)"
  runs=$(echo "${results[$row]:-}" | wc -w)
  ok=$(python3 -c "print('yes' if '$med' != '-' and float('$med') < $TARGET_MS else 'NO')")
  [[ $row == wait-on-* ]] && ok=-
  read -r emed _ _ <<<"$(echo "${echoes[$row]:-}" | stats)"
  read -r cmed _ _ <<<"$(echo "${cpus[$row]:-}" | stats)"
  printf "%-${w}s %4s %10s %10s %10s  %-9s %12s %12s  %s\n" "$row" "$runs" "$med" "$min" "$max" "$ok" "$emed" "$cmed" "${rcs[$row]}"
done
