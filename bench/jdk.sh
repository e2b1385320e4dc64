#!/usr/bin/env bash
# jdk.sh — the same jar on JDK 17 + class-data archive against JDK 25 + AOT cache, paired: N rounds,
# each runs every row once in turn (so drift hits all alike); median, mean and min per row.
# Rows: --version and status (nothing running, one service) through bin/devlaunch with
# DEVLAUNCH_JAVA naming each JDK, and the cost of the Java choice itself (bin/devlaunch up to its
# exec, with and without the remembered choice in target/devlaunch.jdk).
# Timing uses bash's $EPOCHREALTIME around the command.
#
# Usage: N=30 JDK17=/usr/lib/jvm/java-17-openjdk-amd64 JDK25=/usr/lib/jvm/temurin-25-jdk-amd64 bench/jdk.sh
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-30}
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/i/bin" "$work/i/target" "$work/proj"
cp "$ROOT/bin/devlaunch" "$work/i/bin/"; cp "$ROOT/target/devlaunch.jar" "$work/i/target/"; cp "$ROOT/launcher.conf" "$work/i/"
sed 's/^exec "\$java".*/exit 0/' "$ROOT/bin/devlaunch" >"$work/i/bin/noexec"
printf 'services { web { command = ["sleep", "1"], port = 1 } }\ndashboard { enabled = false }\n' >"$work/proj/launcher.conf"
cd "$work/proj"
D=$work/i/bin/devlaunch
rows=("17+CDS --version" "25+AOT --version" "17+CDS status" "25+AOT status" "choice, remembered" "choice, looked up")
cmds=("DEVLAUNCH_JAVA=$JDK17 sh $D --version" "DEVLAUNCH_JAVA=$JDK25 sh $D --version"
      "DEVLAUNCH_JAVA=$JDK17 sh $D status" "DEVLAUNCH_JAVA=$JDK25 sh $D status"
      "env -u JAVA_HOME sh $work/i/bin/noexec --version" "rm -f $work/i/target/devlaunch.jdk; env -u JAVA_HOME sh $work/i/bin/noexec --version")
for c in "${cmds[@]}"; do eval "$c" >/dev/null 2>&1; done     # archives, cache and choice made
declare -A t
for ((r = 0; r < N; r++)); do
  for i in "${!cmds[@]}"; do
    s=$EPOCHREALTIME; eval "${cmds[$i]}" >/dev/null 2>&1; e=$EPOCHREALTIME
    t[$i]+="$(( (${e/./} - ${s/./}) )) "
  done
done
echo "N=$N pairs; load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
for i in "${!rows[@]}"; do
  tr ' ' '\n' <<<"${t[$i]}" | grep . | sort -n | awk -v l="${rows[$i]}" '{v[NR]=$1; s+=$1} END {printf "%-22s median %6.1f ms  mean %6.1f  min %6.1f\n", l, v[int((NR+1)/2)]/1000, s/NR/1000, v[1]/1000}'
done
