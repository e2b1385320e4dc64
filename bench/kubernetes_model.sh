#!/usr/bin/env bash
# kubernetes_model.sh — what the Kubernetes model (fabric8, for `export kubernetes`) would cost the
# other commands if it were shaded into devlaunch.jar instead of kept in target/lib/.
#
# Builds this tree's committed files twice (git archive HEAD, offline): as is ("lib": the model in
# target/lib/, loaded only by export kubernetes) and with the model's provided scope turned to
# compile ("shaded": the model inside devlaunch.jar). Both are frozen launchers (lib.sh's
# launcher_layout: bin/devlaunch with its class-data archive). Rows, N interleaved runs each
# (default 31), median and min in ms:
#   --version, status (nothing running, the demo manifest) end to end via bin/devlaunch;
#   the jar's open alone: a fresh JVM opening devlaunch.jar and finding its manifest (helpers/ZipOpen.java).
# The machine is shared: read the min column for the cost, the median for the spread.
#
# Usage: N=31 bench/kubernetes_model.sh
set -uo pipefail
source "$(dirname "$0")/lib.sh"
N=${N:-31}
declare -A T
src=$(bench_tmpdir)
for v in lib shaded; do
  mkdir -p "$src/$v" && git -C "$ROOT" archive HEAD | tar -x -C "$src/$v"
  [ $v = shaded ] && sed -i 's#<scope>provided</scope>#<scope>compile</scope>#' "$src/$v/pom.xml"
  echo "kubernetes_model: building the $v variant ..." >&2
  ( cd "$src/$v" && mvn -B -q -o -DskipTests package >"$src/$v.log" 2>&1 ) || { tail -n 20 "$src/$v.log" >&2; exit 1; }
  frozen=$(bench_tmpdir)
  launcher_layout "$src/$v" "$frozen"
  cp -p "$src/$v/target/devlaunch.jar" "$frozen/target/"
  declare "DL_$v=$frozen/bin/devlaunch"
  "$frozen/bin/devlaunch" --version >/dev/null 2>&1 || { echo "kubernetes_model: the $v build does not run" >&2; exit 1; }
done
javac -d "$src/zip" "$HELPERS/ZipOpen.java"

ms_since() { echo "($EPOCHREALTIME - $1) * 1000" | bc -l; }
for i in $(seq 1 "$N"); do
  for v in lib shaded; do
    dl=DL_$v; dl=${!dl}; home=$(dirname "$(dirname "$dl")")
    t0=$EPOCHREALTIME; "$dl" --version >/dev/null 2>&1; T[version:$v]+="$(ms_since "$t0") "
    t0=$EPOCHREALTIME; "$dl" status -f "$home/launcher.conf" >/dev/null 2>&1; T[status:$v]+="$(ms_since "$t0") "
    T[open:$v]+="$(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp "$src/zip" ZipOpen "$home/target/devlaunch.jar" \
      | awk '{ print $1 / 1000 }') "
  done
done

bench_context
for v in lib shaded; do
  dl=DL_$v; jar=$(dirname "$(dirname "${!dl}")")/target/devlaunch.jar
  echo "# $v: devlaunch.jar $(du -k "$jar" | cut -f1) KiB, $(unzip -l "$jar" | tail -n 1 | awk '{ print $2 }') entries"
done
echo "# N=$N interleaved; ms: median min max"
printf '%-22s %-22s %-22s\n' row "lib (as built)" "shaded"
for r in version status open; do
  printf '%-22s %-22s %-22s\n' "$r" "$(echo "${T[$r:lib]}" | stats 1)" "$(echo "${T[$r:shaded]}" | stats 1)"
done
