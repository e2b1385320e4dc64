#!/usr/bin/env bash
# compare.sh — devlaunch side by side with the tools a user would pick instead, on the work they can
# all do: concurrently (npm), node foreman `nf` (npm package foreman), Ruby foreman (Debian
# ruby-foreman) and supervisord (Debian supervisor).
#
# Setup (bench/alternatives.sh): npm packages go to $ALTS (default /tmp/devlaunch-alts,
# `npm install --prefix`), Debian packages through apt-get; whatever is missing is installed (and
# said so); a tool whose install fails is skipped with a note. TOOLS="devlaunch nf" picks a subset.
#
# Figures (each tool, median of N runs, default 3):
#  1. log throughput — helpers/writer.py writes COUNT (1,000,000) lines as the only process:
#       devlaunch     `devlaunch up --no-color -f MANIFEST`, one service, restart = no
#       concurrently  `concurrently -n writer "python3 writer.py COUNT"`
#       nf            `nf start -j Procfile` (Procfile "writer: python3 writer.py COUNT")
#       foreman       `foreman start -f Procfile`
#       supervisord   `supervisord -n -c CONF`, [program:writer] autorestart=false startsecs=0,
#                     stdout_logfile=FILE (no rotation); polled with `supervisorctl status` until
#                     EXITED, then `supervisorctl shutdown`.
#     The first four exit by themselves when the writer ends (stdout redirected to a file), timed
#     with /usr/bin/time -f '%e %U %S %M'. supervisord never ends by itself: its wall time is from
#     launch to the "exited: writer" line in its own log (supervisord drains the child's pipes
#     before it logs that), i.e. the moment every line is in its stdout log file.
#     Reported: wall time (tool start → all lines out), lines lost (COUNT − lines that arrived,
#     counted by helpers/count_any.awk, which also counts lines out of order; a line split or
#     re-prefixed mid-way counts as lost), the writer's own
#     time (its "writer: elapsed_ms=" line, from the tool's output) vs the baseline of the writer
#     straight to a file, the ratio, the tool's own CPU (user+sys of the tool minus the writer's own
#     CPU) and its peak RSS (/usr/bin/time %M: of the tool's main process).
#  2. weight — 20 idle `sleep 1000` children. Once all 20 sleeps are descendants of the tool's main
#     process and at least SETTLE_S (3) s have passed since start: VmRSS and Threads from
#     /proc/PID/status of the main process (bin/devlaunch execs java; node_modules/.bin/* are
#     `#!/usr/bin/env node` and env execs node; /usr/bin/foreman is ruby; supervisord is python;
#     the PID's cmdline is checked). All descendants (PID + start time) are recorded, the tool gets
#     SIGTERM and is waited for; every descendant still alive with the same start time is a
#     survivor: counted, reported, SIGKILLed by PID.
# Prints one table (rows = figures, columns = tools) on stdout, the raw per-run numbers on stderr.
#
# Usage: bench/compare.sh                 N=3, COUNT=1000000, K=20 idle children
#        N=1 COUNT=100000 TOOLS="devlaunch concurrently" bench/compare.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$BENCH/alternatives.sh"
N=${N:-3}
COUNT=${COUNT:-1000000}
K=${K:-20}
SETTLE_S=${SETTLE_S:-3}
RUN_LIMIT_S=${RUN_LIMIT_S:-300}     # a throughput run longer than this is killed and marked "killed"
TOOLS=${TOOLS:-"devlaunch concurrently nf foreman supervisord"}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
W=$HELPERS/writer.py
work=$(bench_tmpdir)

# ---------------------------------------------------------------- install what is missing
alternatives_setup $TOOLS

# ---------------------------------------------------------------- configs
write_configs() {   # $1 = dir, $2 = "writer" or "idle": the tool configs for that work
  local dir=$1 kind=$2 s
  mkdir -p "$dir"
  {
    echo "project = \"bench-compare\""; echo "services {"
    if [ "$kind" = writer ]; then echo "  writer { command = [\"python3\", \"$W\", \"$COUNT\"]; restart = no }"
    else for s in $(seq 1 "$K"); do echo "  s$s { command = [\"sleep\", \"1000\"] }"; done; fi
    echo "}"
  } | sed 's/; /\n    /' >"$dir/launcher.conf"
  if [ "$kind" = writer ]; then echo "writer: python3 $W $COUNT" >"$dir/Procfile"
  else for s in $(seq 1 "$K"); do echo "s$s: sleep 1000"; done >"$dir/Procfile"; fi
  {
    supervisord_conf "$dir"
    if [ "$kind" = writer ]; then
      printf '[program:writer]\ncommand=python3 %s %s\nautostart=true\nautorestart=false\nstartsecs=0\n' "$W" "$COUNT"
      printf 'stdout_logfile=%s/out.txt\nstdout_logfile_maxbytes=0\nstdout_logfile_backups=0\n' "$dir"
      printf 'stderr_logfile=%s/child-err.txt\nstderr_logfile_maxbytes=0\nstderr_logfile_backups=0\n' "$dir"
    else
      for s in $(seq 1 "$K"); do
        printf '[program:s%s]\ncommand=sleep 1000\nautorestart=false\nstdout_logfile=NONE\nstderr_logfile=NONE\n' "$s"
      done
    fi
  } >"$dir/supervisord.conf"
}
tool_cmd() {        # $1 = tool, $2 = dir, $3 = kind: the command line, one word per line
  local t=$1 dir=$2 kind=$3 s
  case $t in
    devlaunch) printf '%s\n' "$DEVLAUNCH" up --no-color -f "$dir/launcher.conf" ;;
    concurrently)
      printf '%s\n' "$(npm_bin concurrently)"
      if [ "$kind" = writer ]; then printf '%s\n' -n writer "python3 $W $COUNT"
      else for s in $(seq 1 "$K"); do echo "sleep 1000"; done; fi ;;
    nf) printf '%s\n' "$(npm_bin nf)" start -j "$dir/Procfile" ;;
    foreman) printf '%s\n' foreman start -f "$dir/Procfile" -d "$dir" ;;
    supervisord) printf '%s\n' supervisord -n -c "$dir/supervisord.conf" ;;
  esac
}

# ---------------------------------------------------------------- 1. throughput
declare -A WALL LOST DIS CHILD CPU PRSS RC WEIGHT_RSS THR SURV STOPS WRC
base=()
throughput_run() {  # $1 = tool, $2 = run number
  local t=$1 i=$2 dir=$work/tp-$1-$2 pid cmd=() rc w u s m e wcpu cnt t0 st
  write_configs "$dir" writer
  mapfile -t cmd < <(tool_cmd "$t" "$dir" writer)
  t0=$(python3 -c 'import time; print(time.time())')
  ( cd "$dir" && exec "$TIME" -f '%e %U %S %M' -o "$dir/time.txt" "${cmd[@]}" >"$dir/stdout.txt" 2>"$dir/stderr.txt" ) &
  pid=$!; BENCH_PIDS+=("$pid")
  if [ "$t" = supervisord ]; then
    st=""
    for _ in $(seq 1 $((RUN_LIMIT_S * 5))); do
      st=$(supctl "$dir" status writer 2>/dev/null | awk '{print $2}')
      case $st in EXITED|FATAL|BACKOFF|STOPPED) break ;; esac
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    [ "$st" = EXITED ] || echo "  supervisord run $i: writer state '$st'" >&2
    supctl "$dir" shutdown >/dev/null 2>&1
    wait_exit "$pid" 60; rc=$WAIT_RC; [ "$st" = EXITED ] || rc="$rc/$st"
    # wall: launch → "exited: writer" in supervisord's own log (its local time, ms)
    w=$(python3 - "$dir/supervisord.log" "$t0" <<'PY'
import sys, time, datetime
for line in open(sys.argv[1], errors="replace"):
    if "exited: writer" in line:
        ts = datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp()
        print("%.2f" % (ts - float(sys.argv[2]))); break
else:
    print("-")
PY
)
    e=$(field elapsed_ms <"$dir/child-err.txt"); wcpu=$(field cpu_s <"$dir/child-err.txt")
    cnt=$(awk -f "$HELPERS/count_any.awk" "$dir/out.txt" 2>/dev/null || echo "arrived=0 disorder=0")
    read -r _ u s m <"$dir/time.txt" || true
  else
    wait_exit "$pid" "$RUN_LIMIT_S"; rc=$WAIT_RC
    read -r w u s m <"$dir/time.txt" || true
    [ "$rc" = killed ] && w=killed
    e=$(grep -a 'writer: elapsed_ms=' "$dir/stdout.txt" "$dir/stderr.txt" -h | field elapsed_ms)
    wcpu=$(grep -a 'writer: elapsed_ms=' "$dir/stdout.txt" "$dir/stderr.txt" -h | field cpu_s)
    cnt=$(awk -f "$HELPERS/count_any.awk" "$dir/stdout.txt")
  fi
  local cpu=- rssm=-
  [ -n "${u:-}" ] && cpu=$(python3 -c "print('%.2f' % ($u + $s - ${wcpu:-0}))")
  [ -n "${m:-}" ] && rssm=$(python3 -c "print(round($m / 1024))")
  WALL[$t]+="${w:--} " CHILD[$t]+="${e:--} " CPU[$t]+="$cpu " PRSS[$t]+="$rssm " RC[$t]+="$rc "
  LOST[$t]+="$((COUNT - $(field arrived <<<"$cnt"))) " DIS[$t]+="$(field disorder <<<"$cnt") "
  printf '  throughput %-12s run %d: wall %s s, child %s ms (cpu %s s), tool cpu own %s s (user %s sys %s), peak RSS %s MB, %s, exit %s\n' \
    "$t" "$i" "${w:--}" "${e:--}" "${wcpu:--}" "$cpu" "${u:--}" "${s:--}" "$rssm" "$cnt" "$rc" >&2
  # anything the tool said that is not a writer line (first 8)
  grep -avhE 'line [0-9]{7}$' "$dir/stdout.txt" "$dir/stderr.txt" 2>/dev/null | head -n 8 | sed "s/^/    $t: /" >&2
  rm -f "$dir/stdout.txt" "$dir/out.txt"      # ~20-40 MB each
}

# ---------------------------------------------------------------- 2. weight
weight_run() {      # $1 = tool, $2 = run number
  local t=$1 i=$2 dir=$work/w-$1-$2 pid cmd=() t0 ok="" exe rss thr t2 t3
  write_configs "$dir" idle
  mapfile -t cmd < <(tool_cmd "$t" "$dir" idle)
  t0=$(now_ns)
  ( cd "$dir" && exec "${cmd[@]}" >"$dir/stdout.txt" 2>"$dir/stderr.txt" ) &
  pid=$!; BENCH_PIDS+=("$pid")
  await_sleeps "$pid" "$K" "$t0" "$SETTLE_S" && ok=1
  exe=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-80)
  if [ -z "$ok" ]; then
    echo "  weight $t run $i: only $SLEEPS of $K sleeps after 30 s (main process: $exe); output:" >&2
    head -n 20 "$dir/stdout.txt" "$dir/stderr.txt" | sed 's/^/    /' >&2
  fi
  rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status" 2>/dev/null)
  thr=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
  record_descendants "$pid"
  t2=$(now_ns)
  kill -TERM "$pid" 2>/dev/null
  wait_exit "$pid" 30
  t3=$(now_ns)
  sleep 0.5     # a tool may return before its children are reaped by their new parent
  survivors "weight $t run $i"
  local stop_s; stop_s=$(python3 -c "print('%.2f' % (($t3 - $t2) / 1e9))")
  WEIGHT_RSS[$t]+="${rss:--} " THR[$t]+="${thr:--} " SURV[$t]+="$SURVIVING_SLEEPS " STOPS[$t]+="$stop_s " WRC[$t]+="$WAIT_RC "
  printf '  weight %-12s run %d: main PID %s (%s), VmRSS %s MB, threads %s, descendants %d (sleeps %s), SIGTERM->exit %s s (exit %s), survivors %d (sleeps %d)\n' \
    "$t" "$i" "$pid" "$exe" "${rss:--}" "${thr:--}" "${#REC_PIDS[@]}" "$SLEEPS" "$stop_s" "$WAIT_RC" "$SURVIVORS" "$SURVIVING_SLEEPS" >&2
}

for i in $(seq 1 "$N"); do
  python3 "$W" "$COUNT" >"$work/base.txt" 2>"$work/base.err"
  base+=("$(field elapsed_ms <"$work/base.err")"); rm -f "$work/base.txt"
  echo "  baseline run $i: writer -> file ${base[-1]} ms" >&2
  for t in "${ACTIVE[@]}"; do throughput_run "$t" "$i"; done     # interleaved: drift hits every tool alike
done
for i in $(seq 1 "$N"); do
  for t in "${ACTIVE[@]}"; do weight_run "$t" "$i"; done
done

# ---------------------------------------------------------------- table
B=$(printf '%s\n' "${base[@]}" | stats 1 | cut -d' ' -f1)
echo
bench_context
alternatives_header
echo "# median of N=$N; per-run values where a single number would hide something. Baseline: writer -> file $B ms (runs: ${base[*]})"
row "figure" "${ACTIVE[@]}"
c_wall()  { local v; v=$(med "${WALL[$1]:-}"); [[ "${WALL[$1]:-}" == *killed* ]] && v="$v(killed)"; echo "$v"; }
c_child() { med "${CHILD[$1]:-}" 1; }
c_ratio() { local c; c=$(med "${CHILD[$1]:-}" 1); python3 -c "print('%.2fx' % ($c / $B))" 2>/dev/null || echo -; }
c_cpu()   { med "${CPU[$1]:-}"; }
c_prss()  { med "${PRSS[$1]:-}" 0; }
c_wrss()  { med "${WEIGHT_RSS[$1]:-}" 1; }
c_thr()   { med "${THR[$1]:-}" 0; }
c_stop()  { med "${STOPS[$1]:-}"; }
rowc "1. wall, start -> all $COUNT lines out (s)" c_wall
rowc "   lines lost or mangled (per run)" c_list LOST
rowc "   lines out of order (per run)" c_list DIS
rowc "   writer's own time (ms; baseline $B)" c_child
rowc "   writer's time / baseline" c_ratio
rowc "   tool CPU user+sys, own (s)" c_cpu
rowc "   tool peak RSS (MB)" c_prss
rowc "   tool exit (per run)" c_list RC
rowc "2. VmRSS, $K idle children (MB)" c_wrss
rowc "   threads, $K idle children" c_thr
rowc "   SIGTERM -> exit (s)" c_stop
rowc "   sleeps surviving stop (per run)" c_list SURV
