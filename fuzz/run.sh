#!/bin/sh
# Fuzzes the manifest reader (ManifestLoader.load on any bytes) with Jazzer, coverage-guided.
#
#   fuzz/run.sh [DURATION] [FINDINGS]     e.g. fuzz/run.sh 10m      fuzz/run.sh 1h 20
#
# DURATION: how long to fuzz (30s, 10m, 1h; default 5m). FINDINGS: how many distinct findings
# (told apart by stack trace) to collect before stopping early (default 10).
#
# A finding is written to src/test/resources/io/devlaunch/manifest/ManifestFuzzTestInputs/
# anyBytesEndInAManifestOrAProblemNamingTheFile/crash-<sha1>: fix the bug, keep the file, and
# plain `mvn verify` replays it from then on. Inputs that reached new code are kept in
# fuzz/corpus/ (not committed), so the next run starts where this one stopped. The whole output
# is in fuzz/last-run.log; the summary at the end gives the time, the executions and the findings.
#
# Exit status: 0 when nothing was found, 1 when something was (or the build failed).
set -eu

duration=${1:-5m}
findings=${2:-10}
cd "$(dirname "$0")/.."
inputs=src/test/resources/io/devlaunch/manifest/ManifestFuzzTestInputs/anyBytesEndInAManifestOrAProblemNamingTheFile
mkdir -p fuzz/corpus "$inputs"
log=fuzz/last-run.log
before=$(ls "$inputs" | grep -c '^crash-' || true)

# -Xss512k, a small heap: the limits bin/devlaunch gives the real CLI (-Xss512k -Xmx64m, plus room
#   for the fuzzer itself), so a StackOverflowError or OutOfMemoryError found here is one a user meets.
# jazzer.hooks=true: coverage instrumentation (plain test runs switch it off, see
#   src/test/resources/junit-platform.properties).
# jazzer.instrument: our reader and the Typesafe Config parser it drives, so the fuzzer is guided
#   through the HOCON grammar too, not only through our code.
# jazzer.disabled_hooks: the regex-injection sanitizer reports every Pattern.compile of input,
#   and health.log is a pattern the manifest's author writes on purpose.
# jazzer.internal.arg.*: libFuzzer's command line. The first directory receives the corpus; the
#   dictionary (HOCON syntax, the manifest's keys) gets mutations past the tokenizer; -timeout is
#   the per-input limit that makes a hang a finding.
status=0
JAZZER_FUZZ=1 mvn -B test \
  -Dtest=ManifestFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false \
  -DargLine="-Xss512k -Xmx256m" \
  -Djazzer.hooks=true \
  -Djazzer.instrument='io.devlaunch.manifest.**,com.typesafe.config.**' \
  -Djazzer.max_duration="$duration" \
  -Djazzer.keep_going="$findings" \
  -Djazzer.disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexInjection \
  -Djazzer.internal.arg.0=fuzz \
  -Djazzer.internal.arg.1=fuzz/corpus \
  -Djazzer.internal.arg.2=-print_final_stats=1 \
  -Djazzer.internal.arg.3=-max_len=8192 \
  -Djazzer.internal.arg.4=-dict=fuzz/hocon.dict \
  -Djazzer.internal.arg.5=-timeout=10 \
  >"$log" 2>&1 || status=$?

after=$(ls "$inputs" | grep -c '^crash-' || true)
echo "fuzz/run.sh: $(grep -a -m1 '^Done [0-9]* runs' "$log" || echo 'no "Done" line: see the log')"
echo "fuzz/run.sh: corpus $(ls fuzz/corpus | wc -l) inputs; new findings: $((after - before))"
grep -a '^== Java Exception' "$log" | sort | uniq -c || true
if [ "$status" -ne 0 ] && ! grep -aq '^Done [0-9]* runs' "$log"; then
  tail -40 "$log"
  echo "fuzz/run.sh: the build failed before fuzzing ended; the whole output is in $log" >&2
  exit 1
fi
[ "$after" -eq "$before" ] || exit 1
