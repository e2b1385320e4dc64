#!/usr/bin/env bash
# startup.sh — how long a short command takes end to end (process start → exit), where start-up is
# most of the work: devlaunch beside the alternatives' nearest equivalents, and optionally beside an
# older devlaunch (BEFORE=<git revision>, built by lib.sh's before_setup) to show what a start-up
# change bought.
#
# Rows (median of N runs, default 11, interleaved across tools so drift hits all alike):
#   --version                  devlaunch --version | concurrently --version | nf --version |
#                              foreman version | supervisord --version
#   up of `true`               one service that exits at once, whole process until the tool exits:
#                              `devlaunch up` | `nf start` and `foreman start` of a Procfile `t: true` |
#                              `concurrently true` (supervisord has no run-until-done mode: "-")
#   status, nothing running    `devlaunch status` in the stack's folder with no supervisor (it reads
#                              the manifest, probes both ports and health URLs) | `supervisorctl status`
#                              with no supervisord (it fails at once: no socket)
#   status, stack running      `devlaunch status` | `supervisorctl status`, both stacks up
#   restart backend            `devlaunch restart backend` (returns when the new backend is healthy) |
#                              `supervisorctl restart backend` (returns when it is RUNNING, i.e. after
#                              startsecs=1 s: supervisord's own readiness notion)
# The stack: backend and frontend, each `python3 -m http.server PORT` on a free ephemeral port;
# devlaunch checks backend with health.http; frontend depends on backend. Only the tools that have
# a status/restart command get those rows; the others show "-".
# Timing uses bash's $EPOCHREALTIME around the command, so no helper process is inside the timing.
#
# Usage: bench/startup.sh                          N=11, TOOLS="devlaunch concurrently nf foreman supervisord"
#        BEFORE=41a107f N=21 TOOLS="devlaunch supervisord" bench/startup.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$BENCH/alternatives.sh"
N=${N:-11}
TOOLS=${TOOLS:-"devlaunch concurrently nf foreman supervisord"}
dir=$(bench_tmpdir)

before_setup                  # BEFORE: the older devlaunch, built from that revision's sources (lib.sh)
[ -n "$BEFORE" ] && TOOLS="devlaunch ${TOOLS/devlaunch/}"     # its column comes with devlaunch's
# shellcheck disable=SC2086
alternatives_setup $(before_tools $TOOLS)

bp=$(free_port); fp=$(free_port)
cat >"$dir/launcher.conf" <<CONF
services {
  backend  { command = ["python3", "-m", "http.server", "$bp", "--bind", "127.0.0.1"], port = $bp, health.http = "http://127.0.0.1:$bp/" }
  frontend { command = ["python3", "-m", "http.server", "$fp", "--bind", "127.0.0.1"], port = $fp, depends-on = [backend] }
}
CONF
{
  supervisord_conf "$dir"
  for s in "backend $bp" "frontend $fp"; do
    set -- $s
    printf '[program:%s]\ncommand=python3 -m http.server %s --bind 127.0.0.1\ndirectory=%s\nstartsecs=1\n' "$1" "$2" "$dir"
    printf 'stdout_logfile=NONE\nstderr_logfile=NONE\n'
  done
} >"$dir/supervisord.conf"

# up of `true`: each tool's own folder, so no tool sees another's files
mkdir -p "$dir/true"
printf 'services {\n  t { command = ["true"] }\n}\n' >"$dir/true/launcher.conf"
printf 't: true\n' >"$dir/true/Procfile"

cmd_for() {   # $1 = row, $2 = tool: the command (one word per line), nothing if the tool has none
  local dl
  dl=$(devlaunch_for "$2")
  case $1:${2%%-*} in
    up-true:devlaunch) printf '%s\n' "$dl" up -f "$dir/true/launcher.conf" ;;
    up-true:concurrently) printf '%s\n' "$(npm_bin concurrently)" true ;;
    up-true:nf) printf '%s\n' "$(npm_bin nf)" start -j "$dir/true/Procfile" ;;
    up-true:foreman) printf '%s\n' foreman start -f "$dir/true/Procfile" -d "$dir/true" ;;
    version:devlaunch) printf '%s\n' "$dl" --version ;;
    version:concurrently) printf '%s\n' "$(npm_bin concurrently)" --version ;;
    version:nf) printf '%s\n' "$(npm_bin nf)" --version ;;
    version:foreman) printf '%s\n' foreman version ;;
    version:supervisord) printf '%s\n' supervisord --version ;;
    status*:devlaunch) printf '%s\n' "$dl" status ;;
    status*:supervisord) printf '%s\n' supervisorctl -c "$dir/supervisord.conf" status ;;
    restart:devlaunch) printf '%s\n' "$dl" restart backend ;;
    restart:supervisord) printf '%s\n' supervisorctl -c "$dir/supervisord.conf" restart backend ;;
  esac
}

declare -A T
measure() {   # $1 = row: N interleaved runs of each active tool's command, seconds into T[row:tool]
  local row=$1 i t cmd t0 t1
  for i in $(seq 1 "$N"); do
    for t in "${ACTIVE[@]}"; do
      mapfile -t cmd < <(cmd_for "$row" "$t")
      [ ${#cmd[@]} -gt 0 ] || continue
      t0=$EPOCHREALTIME; ( cd "$dir" && exec "${cmd[@]}" >/dev/null 2>&1 ); t1=$EPOCHREALTIME
      T[$row:$t]+="$(echo "$t1 - $t0" | bc -l) "
    done
  done
  for t in "${ACTIVE[@]}"; do [ -n "${T[$row:$t]:-}" ] && echo "  $row $t: ${T[$row:$t]}" >&2; done
}

stacks_up() {
  local t
  for t in "${ACTIVE[@]}"; do
    case $t in
      devlaunch|devlaunch-before)
        [ "$t" = devlaunch ] || continue       # one supervisor for the folder; both versions talk to it
        ( cd "$dir" && "$DEVLAUNCH" up --detach --no-color >"$dir/up.out" 2>&1 ) || { cat "$dir/up.out" >&2; exit 1; } ;;
      supervisord)
        ( cd "$dir" && exec supervisord -n -c "$dir/supervisord.conf" >/dev/null 2>&1 ) &
        BENCH_PIDS+=("$!"); SUPERVISORD_PID=$!
        for _ in $(seq 1 100); do
          [ "$(supctl "$dir" status 2>/dev/null | grep -c RUNNING)" = 2 ] && break; sleep 0.1
        done ;;
    esac
  done
}
stacks_down() {
  local t
  for t in "${ACTIVE[@]}"; do
    case $t in
      devlaunch) ( cd "$dir" && "$DEVLAUNCH" down >/dev/null 2>&1 ) ;;
      supervisord) supctl "$dir" shutdown >/dev/null 2>&1; wait_exit "$SUPERVISORD_PID" 30 ;;
    esac
  done
}

measure version
measure up-true
measure status-idle
stacks_up
measure status-up
measure restart
stacks_down

echo
bench_context
alternatives_header
echo "# end to end wall time, median of N=$N (seconds); '-' = the tool has no such command"
c_med() { local v=${T[$1:$2]:-}; [ -n "$v" ] && med "$v" 3 || echo -; }
row "command" "${ACTIVE[@]}"
rowc "--version" c_med version
rowc "up of one \`true\`, until it exits" c_med up-true
rowc "status, nothing running" c_med status-idle
rowc "status, stack running" c_med status-up
rowc "restart backend (until healthy/RUNNING)" c_med restart
