#!/usr/bin/env bash
# Start-up benchmark (issue 11): `--help`, `status`, `executions`, `errors` and launch → first Xero write of
# customerExportJob, each in a fresh JVM, median of RUNS runs, wall and CPU time. Store: embedded MariaDB; Xero: the
# in-process sandbox. Through jobs/cscart-xero (class data sharing) when the jar is built, else `java -cp`.
#   src/test/sh/startup-bench.sh [RUNS]            (builds the jar first: ./mvnw -q -DskipTests package)
#   NO_JAR=1 src/test/sh/startup-bench.sh [RUNS]   (plain class path, no launcher)
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-5}
JAR_ARG=()
if [ -z "${NO_JAR:-}" ]; then
  ./mvnw -B -ntp -q -DskipTests package
  JAR=target/cscart-xero.jar
  JAR_ARG=(-Dbench.jar="$JAR")
fi
./mvnw -B -ntp -q -Pbench -Dbench.main=io.cscartxero.bench.StartupBenchmark -Dbench.runs="$RUNS" "${JAR_ARG[@]}" 2>&1 \
  | grep -v ' INFO \| DEBUG \|^\s*at '
