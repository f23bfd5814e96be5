#!/usr/bin/env bash
# Runs timing-sensitive test classes RUNS times in a row (one JVM) while the machine is loaded, and prints how many
# runs passed. Load: `stress-ng --cpu 2` (apt-get install -y stress-ng) or, without it, two `yes > /dev/null`.
#   src/test/sh/loaded-runs.sh [RUNS] [CLASS[#method] ...]
# Not a CI step; the evidence for issue 11's "20 runs in a row on a loaded machine".
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-20}
shift || true
TESTS=("$@")
if [ ${#TESTS[@]} -eq 0 ]; then
  TESTS=(io.cscartxero.xero.XeroRateLimiterTest io.cscartxero.sandbox.RateLimitTest io.cscartxero.ops.JobLockTest
         'io.cscartxero.customer.CustomerExportJobTest#theProactiveLimiterDrawsNo429UnderXerosLimits')
fi
./mvnw -B -ntp -q test-compile
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
ENGINE=$(tr ':' '\n' < target/test.classpath | grep -o 'junit-platform-engine/[^/]*' | head -1 | cut -d/ -f2)
./mvnw -B -ntp -q dependency:get -Dartifact=org.junit.platform:junit-platform-launcher:"$ENGINE" >/dev/null
LAUNCHER="$HOME/.m2/repository/org/junit/platform/junit-platform-launcher/$ENGINE/junit-platform-launcher-$ENGINE.jar"
# a snapshot of the compiled classes, so that building the project meanwhile does not change what is being run
rm -rf target/repeat && mkdir -p target/repeat && cp -r target/classes target/test-classes target/repeat/
CP="target/repeat/test-classes:target/repeat/classes:$(cat target/test.classpath):$LAUNCHER"

LOAD_PIDS=()
if command -v stress-ng >/dev/null; then
  stress-ng --cpu 2 --quiet & LOAD_PIDS+=($!)
  echo "[repeat] load: stress-ng --cpu 2 (pid ${LOAD_PIDS[*]})"
else
  yes > /dev/null & LOAD_PIDS+=($!)
  yes > /dev/null & LOAD_PIDS+=($!)
  echo "[repeat] load: two 'yes > /dev/null' (pids ${LOAD_PIDS[*]})"
fi
trap 'kill "${LOAD_PIDS[@]}" 2>/dev/null || true' EXIT
uptime
java -cp "$CP" src/test/sh/RepeatTests.java "$RUNS" "${TESTS[@]}"
