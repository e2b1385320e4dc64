#!/usr/bin/env bash
# control.sh — how long `devlaunch status` and `devlaunch restart backend` take, with a supervisor
# running (and `status` without one, and `--version` for start-up).
#
# How: a 2-service stack in a /tmp folder — backend (python3 http.server, health http) and
# frontend (python3 http.server, depends on backend) — started with `devlaunch up --detach`.
# Each command is run N times (default 7) and timed end to end (process start → exit), so the
# figures include JVM start-up. `restart backend` includes stopping the backend, starting a new
# python3 and waiting until its health check passes. Finally `devlaunch down`.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
N=${N:-7}
snapshot_devlaunch
dir=$(bench_tmpdir)
bp=$(free_port); fp=$(free_port)
cat > "$dir/launcher.conf" <<CONF
services {
  backend  { command = ["python3", "-m", "http.server", "$bp", "--bind", "127.0.0.1"], port = $bp, health.http = "http://127.0.0.1:$bp/" }
  frontend { command = ["python3", "-m", "http.server", "$fp", "--bind", "127.0.0.1"], port = $fp, depends-on = [backend] }
}
CONF

time_cmd() {   # runs "$@" in the stack's folder N times; prints the seconds of each run
  local i t0 t1
  for i in $(seq 1 "$N"); do
    t0=$EPOCHREALTIME; ( cd "$dir" && "$@" >/dev/null 2>&1 ); t1=$EPOCHREALTIME   # bash 5: no helper process in the timing
    echo "$t1 - $t0" | bc -l
  done
}

echo "control commands, end to end (median of N=$N [min-max], seconds)"
printf '%-36s %s\n' command "median [min-max]"
row() { local label=$1; shift; read -r med min max < <(time_cmd "$@" | stats 3); printf '%-36s %s [%s-%s]\n' "$label" "$med" "$min" "$max"; }
row "devlaunch --version" "$DEVLAUNCH" --version
row "devlaunch status (no supervisor)" "$DEVLAUNCH" status
( cd "$dir" && "$DEVLAUNCH" up --detach --no-color > "$dir/up.out" 2>&1 ) || { cat "$dir/up.out"; exit 1; }
row "devlaunch status (supervisor up)" "$DEVLAUNCH" status
row "devlaunch restart backend" "$DEVLAUNCH" restart backend
( cd "$dir" && "$DEVLAUNCH" down > /dev/null 2>&1 )
