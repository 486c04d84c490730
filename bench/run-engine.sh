#!/usr/bin/env bash
# JMH micro-benchmark of the engine steps on the 24 KB benchmark patient, single-threaded, pinned to one CPU.
#   bench/run-engine.sh            # all benchmarks
#   bench/run-engine.sh engine     # a name filter (regular expression)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench/test-classpath.txt \
  -Dmdep.includeScope=test
taskset -c "${SERVER_CPU:-0}" java -cp "target/test-classes:target/classes:$(cat target/bench/test-classpath.txt)" \
  org.openjdk.jmh.Main "${1:-EngineBenchmark}" -rf text -rff target/bench/engine.txt
