#!/usr/bin/env bash
# readiness.sh — how long after a service starts listening does `devlaunch up` report it healthy?
#
# How: helpers/slow_server.py sleeps a random 1.0–1.5 s, binds 127.0.0.1:PORT (a free ephemeral
# port), prints "bound <CLOCK_MONOTONIC ns>" and serves GET /health → 200. For each run a fresh
# manifest in a /tmp folder gives it one health check; helpers/readiness_run.py runs
# `devlaunch up --no-color -f MANIFEST` with stdout on a pipe, stamps (same clock) the moment the
# console line "… healthy in …" is read, then SIGTERMs devlaunch by PID and waits for it to exit.
#   latency = healthy-line read − bound
# The healthy line passes through devlaunch's console writer thread and the pipe, so this is an
# end-to-end upper bound of the detection latency. Target: median < 20 ms.
#
# Variants:
#   http         health.http = "http://127.0.0.1:PORT/health"   (the "bound" line also pokes the prober)
#   tcp          health.tcp  = "127.0.0.1:PORT"
#   http-silent  (extra) like http, but the server prints nothing: it writes its bound time to a file,
#                so only devlaunch's own probe schedule (10 ms, growing ×1.5 up to 500 ms) can find it.
#   http-warm,   (extra) like http / tcp, plus a second service "warmup" with the same kind of check
#   tcp-warm     that binds at once: by the time srv binds, devlaunch has already run its probe →
#                healthy → console path once, so this shows the latency without first-use costs
#                (class loading, JIT) in the JVM.
#
# Usage: bench/readiness.sh            N=5 runs per variant (median/min/max reported)
#        N=10 VARIANTS="http tcp" bench/readiness.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
N=${N:-5}
VARIANTS=${VARIANTS:-"http tcp http-silent http-warm tcp-warm"}
TARGET_MS=20

work=$(bench_tmpdir)
declare -A results echoes rcs
for variant in $VARIANTS; do
  for i in $(seq 1 "$N"); do
    port=$(free_port)
    dir=$work/$variant-$i
    mkdir -p "$dir"
    silent_arg="" bound_file="" warmup="" env=""
    case $variant in
      http|http-warm) health="health.http = \"http://127.0.0.1:$port/health\"" ;;
      tcp|tcp-warm)   health="health.tcp = \"127.0.0.1:$port\"" ;;
      http-silent) health="health.http = \"http://127.0.0.1:$port/health\""
                   silent_arg=', "--silent"'; bound_file=$dir/bound
                   env="env { BOUND_FILE = \"$bound_file\" }" ;;
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
    line=$(python3 "$HELPERS/readiness_run.py" "$DEVLAUNCH" "$dir/launcher.conf" "$dir/stderr.txt" $bound_file)
    ms=$(sed -n 's/^latency_ms=\([^ ]*\) .*/\1/p' <<<"$line")
    echo_ms=$(sed -n 's/.* echo_ms=\([^ ]*\) .*/\1/p' <<<"$line")
    rc=$(sed -n 's/.* rc=\([^ ]*\) .*/\1/p' <<<"$line")
    printf '  %-12s run %d: %8s ms  (bound line echoed after %s ms; devlaunch exit %s) %s\n' \
      "$variant" "$i" "$ms" "$echo_ms" "$rc" "${line#* line=}" >&2
    [ -s "$dir/stderr.txt" ] && sed 's/^/    devlaunch stderr: /' "$dir/stderr.txt" >&2
    [ "$ms" != "-" ] && results[$variant]+="$ms "
    [ "$echo_ms" != "-" ] && echoes[$variant]+="$echo_ms "
    rcs[$variant]+="$rc "
  done
done

cat <<'NOTE'

echo med ms = median time from bind until the server's own "bound" line came out of devlaunch's
stdout (child pipe → NuProcess pump → console writer → pipe); it bounds how soon a poke can help.
NOTE
bench_context
echo "readiness latency: bound → 'healthy in' line read from devlaunch's stdout (N=$N per variant)"
printf '%-12s %4s %10s %10s %10s  %-9s %12s  %s\n' variant runs "median ms" "min ms" "max ms" "<${TARGET_MS}ms?" "echo med ms" "devlaunch exit codes"
for variant in $VARIANTS; do
  read -r med min max <<<"$(echo "${results[$variant]:-}" | stats)"
  runs=$(echo "${results[$variant]:-}" | wc -w)
  ok=$(python3 -c "print('yes' if '$med' != '-' and float('$med') < $TARGET_MS else 'NO')")
  read -r emed _ _ <<<"$(echo "${echoes[$variant]:-}" | stats)"
  printf '%-12s %4s %10s %10s %10s  %-9s %12s  %s\n' "$variant" "$runs" "$med" "$min" "$max" "$ok" "$emed" "${rcs[$variant]}"
done
