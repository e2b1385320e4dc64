#!/usr/bin/env bash
# clean.sh — how long `devlaunch clean` takes to recover a wedged 5-service stack.
#
# How: a manifest with 5 services, each a python3 HTTP server on its own port started through
# `sh -c` with a `sleep` grandchild beside it. `devlaunch up` brings them up; then the supervisor
# is SIGKILLed (nothing of it runs: no ordered stop), leaving 5 children, 5 grandchildren and 5
# held ports. `devlaunch clean --yes` is timed until it exits; afterwards the script checks that
# every leftover PID is gone and every port is free. Variant "stubborn": one server ignores
# SIGTERM, so clean has to wait out its 5 s grace and SIGKILL it.
# Prints median/min/max seconds of N runs (default 5) and the survivors (must be 0).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
N=${N:-5}
snapshot_devlaunch

run_once() {   # $1 = variant; prints "seconds survivors ports_held"
  local variant=$1 dir ports=() svc="" i
  dir=$(bench_tmpdir)
  for i in 1 2 3 4 5; do
    ports+=("$(free_port)")
    local trap_part=""
    [ "$variant" = stubborn ] && [ "$i" = 1 ] && trap_part="trap '' TERM; "
    svc+="  s$i { command = \"${trap_part}sleep 300 & python3 -m http.server ${ports[-1]} --bind 127.0.0.1 & wait\", port = ${ports[-1]} }
"
  done
  printf 'services {\n%s}\n' "$svc" > "$dir/launcher.conf"
  ( cd "$dir" && exec "$DEVLAUNCH" up --no-color > "$dir/up.out" 2>&1 ) &
  local up=$!
  BENCH_PIDS+=("$up")
  for _ in $(seq 1 300); do grep -q "all 5 services healthy" "$dir/up.out" 2>/dev/null && break; sleep 0.1; done
  # every process the supervisor started, and their descendants: by parent PID, from /proc
  local leftovers
  leftovers=$(ps -o pid= --ppid "$up" | tr -d ' ')
  leftovers="$leftovers $(for p in $leftovers; do ps -o pid= --ppid "$p"; done | tr -d ' ')"
  kill -KILL "$up"; wait "$up" 2>/dev/null
  local t0 t1
  t0=$(now_ns)
  ( cd "$dir" && "$DEVLAUNCH" clean --yes --no-color > "$dir/clean.out" 2>&1 )
  t1=$(now_ns)
  local survivors=0 held=0 p
  for p in $leftovers; do [ -d /proc/$p ] && ! grep -q '^[^)]*) Z' /proc/$p/stat 2>/dev/null && survivors=$((survivors+1)); done
  for p in "${ports[@]}"; do python3 -c "import socket,sys; s=socket.socket(); sys.exit(0 if s.connect_ex(('127.0.0.1',$p)) else 1)" || held=$((held+1)); done
  for p in $leftovers; do kill -KILL "$p" 2>/dev/null; done
  echo "$(python3 -c "print(($t1-$t0)/1e9)") $survivors $held $(echo $leftovers | wc -w)"
}

echo "devlaunch clean on a wedged 5-service stack (supervisor SIGKILLed); median of N=$N [min-max]"
printf '%-10s %-26s %-12s %-12s %s\n' variant "clean seconds" survivors "ports held" "leftovers found"
for variant in ${VARIANTS:-polite stubborn}; do
  times=() surv=() held=() found=()
  for _ in $(seq 1 "$N"); do
    read -r t s h f < <(run_once "$variant")
    echo "  $variant: ${t}s survivors=$s held=$h leftovers=$f" >&2
    times+=("$t"); surv+=("$s"); held+=("$h"); found+=("$f")
  done
  read -r med min max < <(printf '%s\n' "${times[@]}" | stats 2)
  printf '%-10s %-26s %-12s %-12s %s\n' "$variant" "$med [$min-$max]" "${surv[*]}" "${held[*]}" "${found[*]}"
done
