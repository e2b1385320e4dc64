#!/usr/bin/env bash
# watchdog.sh — what the watchdog costs, and what it does when the supervisor is SIGKILLed.
#
# How: a manifest with K services (default 10), each `sleep 1000 & wait` (a grandchild in its group),
# plus one `setsid sleep 1000 & wait` (a grandchild in a session of its own) and one that ignores
# SIGTERM (stop-timeout 1s). `devlaunch up -d`, then:
#  1. The watchdog's PID from .devlaunch/supervisor.json (checked with its start time): VmRSS from
#     /proc/PID/status; its CPU (utime+stime ticks) over IDLE_S idle seconds — the target is 0.
#  2. The supervisor's thread "devlaunch-watchdog" (walks our tree every 250 ms and tells what
#     changed): its CPU over the same window, % of one core.
#  3. Every process of the stack (PID + start time, /proc field 22) recorded; SIGKILL to the
#     supervisor; ms until none of them is alive (the SIGTERM-ignorer: after its 1 s stop-timeout)
#     and ms until all but the ignorer's are gone.
# Usage: bench/watchdog.sh          K=10 IDLE_S=30
set -uo pipefail
source "$(dirname "$0")/lib.sh"
K=${K:-10}
IDLE_S=${IDLE_S:-30}
TICKS=$(getconf CLK_TCK)
DEVLAUNCH="$(cd "$(dirname "$0")/.." && pwd)/bin/devlaunch"

work=$(bench_tmpdir)
cputicks() { sed 's/.*) //' "/proc/$1" | awk '{print $12 + $13}'; }        # utime + stime of /proc/$1
starttime() {      # field 22 of /proc/PID/stat, with builtins only: the kill -9 timing loop must not fork
  local line rest; read -r line 2>/dev/null < "/proc/$1/stat" || return 0
  rest=${line##*) }; set -- $rest; case $1 in Z|X) return 0 ;; esac; echo "${20}"; }
st_now() { local line rest; st=; read -r line 2>/dev/null < "/proc/$1/stat" || return 0
  rest=${line##*) }; set -- $rest; case $1 in Z|X) return 0 ;; esac; st=${20}; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

{
  echo "services {"
  for i in $(seq 1 "$K"); do echo "  s$i { command = \"sleep 1000 & wait\" }"; done
  echo "  daemon { command = \"setsid sleep 1000 & wait\" }"
  echo "  stubborn { command = \"trap '' TERM; sleep 1000 & while :; do sleep 1; done\", stop-timeout = 1s }"
  echo "}"
} > "$work/launcher.conf"
cd "$work" || exit 1
"$DEVLAUNCH" up -d --no-dashboard > up.txt 2>&1 || { cat up.txt; exit 1; }
sup=$(json .devlaunch/supervisor.json 'd["pid"]')
wd=$(json .devlaunch/supervisor.json 'd["watchdog"]["pid"]')
BENCH_PIDS+=("$sup")
wd_start=$(starttime "$wd")
sleep 1      # the first walks have told the watchdog everything

tid=$(for t in /proc/"$sup"/task/*; do [ "$(cat "$t/comm")" = devlaunch-watch ] && basename "$t"; done | head -n 1)
w0=$(cputicks "$wd/stat"); t0=$(cputicks "$sup/task/$tid/stat"); s0=$(cputicks "$sup/stat")
sleep "$IDLE_S"
w1=$(cputicks "$wd/stat"); t1=$(cputicks "$sup/task/$tid/stat"); s1=$(cputicks "$sup/stat")
echo "stack: $K services + a setsid daemon + a SIGTERM-ignorer; idle ${IDLE_S}s"
echo "watchdog PID $wd: $(grep VmRSS /proc/"$wd"/status | awk '{print $2, $3}') RSS, $((w1 - w0)) CPU ticks while idle"
awk -v a="$t0" -v b="$t1" -v s="$IDLE_S" -v hz="$TICKS" \
  'BEGIN { printf "supervisor thread devlaunch-watchdog: %d ticks = %.2f%% of one core\n", b - a, 100 * (b - a) / hz / s }'
awk -v a="$s0" -v b="$s1" -v s="$IDLE_S" -v hz="$TICKS" \
  'BEGIN { printf "supervisor JVM in all: %d ticks = %.2f%% of one core\n", b - a, 100 * (b - a) / hz / s }'

# Everything in the stack: the supervisor's descendants (it is a subreaper, so the daemon is one).
stack=()
descend() { local c; for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
  [ "$c" = "$wd" ] && continue; stack+=("$c:$(starttime "$c")"); descend "$c"; done; }
descend "$sup"
alive() { local e; n=0; for e in "${stack[@]}"; do st_now "${e%%:*}"; [ "$st" = "${e#*:}" ] && n=$((n + 1)); done; }
echo "processes in the stack: ${#stack[@]}"
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
t=$(date +%s%N); kill -KILL "$sup"; BENCH_PIDS=(); first=      # dead now: never signalled by PID again
while alive; [ "$n" -gt 0 ]; do
  [ -z "$first" ] && [ "$n" -le 2 ] && first=$(ms_since "$t")
  sleep 0.01
done
echo "after SIGKILL of the supervisor: all but the SIGTERM-ignorer's 2 gone in ${first:-0} ms; all gone in $(ms_since "$t") ms"
sleep 0.5
[ "$(starttime "$wd")" = "$wd_start" ] && echo "the watchdog still runs (unexpected)" || echo "the watchdog has exited"
