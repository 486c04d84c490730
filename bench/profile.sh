#!/usr/bin/env bash
# Where Ampulla's CPU goes at peak: a CPU profile of the server under the benchmark's load (async-profiler, fetched
# with Maven), summed by step of the hook path, with the hottest frames. Same pinning, flags and request as
# bench/run.sh: server on CPU 0, wrk on CPU 1, everything on 127.0.0.1, the 24 KB patient-view.
#
#   bench/profile.sh                       # 120 s of load, then 30 s profiled
#   WARMUP=60 DURATION=20 bench/profile.sh
#
# Writes target/bench/profile.collapsed (one line per stack: frames;...;frames count) and
# target/bench/profile.html (a flame graph), and prints the summary. The profiler samples the whole process by its CPU
# time (event itimer: no kernel settings needed), so the JIT compiler, the garbage collector and the card-recording
# thread appear beside the request threads. Settings: WARMUP (s, 120), DURATION (s, 30), CONNS (16), JAVA_OPTS (the
# container flags of bench/run.sh: a 96 MiB heap), SERVER_CPU (0), LOAD_CPU (1), PROFILER_VERSION (4.1).
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-120}
DURATION=${DURATION:-30}
CONNS=${CONNS:-16}
JAVA_OPTS=${JAVA_OPTS:-"-Xms96m -Xmx96m -XX:+UseSerialGC"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
PROFILER_VERSION=${PROFILER_VERSION:-4.1}
PORT=18095
OUT=target/bench
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "needs wrk (Debian: apt-get install wrk)" >&2; exit 2; }
[ -f target/ampulla.jar ] || mvn -B -q package -DskipTests

case "$(uname -m)" in
  x86_64) platform=linux-x64 ;;
  aarch64) platform=linux-arm64 ;;
  *) echo "async-profiler ships no library for $(uname -m)" >&2; exit 2 ;;
esac
PROFILER_DIR=$OUT/async-profiler-$PROFILER_VERSION
LIB=$(pwd)/$PROFILER_DIR/$platform/libasyncProfiler.so
if [ ! -f "$LIB" ]; then
  mvn -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$PROFILER_VERSION" -DoutputDirectory="$PROFILER_DIR"
  (cd "$PROFILER_DIR" && jar xf "async-profiler-$PROFILER_VERSION.jar" "$platform/libasyncProfiler.so")
fi

PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null || true' EXIT
rm -rf "$OUT/profile-data"
# shellcheck disable=SC2086
taskset -c "$SERVER_CPU" java $JAVA_OPTS -jar target/ampulla.jar --development-mode true --host 127.0.0.1 \
  --port $PORT --data-dir "$OUT/profile-data" --today 2025-05-04 >"$OUT/profile-server.log" 2>&1 &
PID=$!
deadline=$(( $(date +%s) + 60 ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary @bench/patient-view-24k.json "http://127.0.0.1:$PORT/cds-services/rectal-cancer-pathways")" = 200 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "no 200 within 60 s: see $OUT/profile-server.log" >&2; exit 1; }
  sleep 0.05
done

load() {
  timeout $(( $1 + 30 )) taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNS" -d"$1s" --timeout 10s -s bench/post.lua \
    "http://127.0.0.1:$PORT" | grep '^RESULT'
}
echo "== warming up for $WARMUP s" >&2
load "$WARMUP" >/dev/null
# The profiler is loaded into the running server only now, so the profile holds the warm server alone.
jcmd "$PID" JVMTI.agent_load "$LIB" "\"start,event=itimer,interval=1ms\"" >/dev/null
echo "== profiling $DURATION s at $CONNS connections" >&2
result=$(load "$DURATION")
jcmd "$PID" JVMTI.agent_load "$LIB" "\"dump,collapsed,file=$(pwd)/$OUT/profile.collapsed\"" >/dev/null
jcmd "$PID" JVMTI.agent_load "$LIB" "\"stop,file=$(pwd)/$OUT/profile.html\"" >/dev/null
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""

echo "Load while profiled: $result"
echo
# Each sample goes to the step of the deepest frame on its stack that names one (a card's JSON is written inside the
# hook call, the hook call inside Jetty): the steps of a call, the threads beside it, and Jetty/Javalin for the rest.
awk '
  BEGIN {
    n = split("RequestReader.read|request body: streaming reader;" \
      "PatientData.read|patient record: FHIR resources from the body;" \
      "CallTrace.engine|engine: extraction, assessment, rules, cards;" \
      "CardPresenter.present|card presentation (controls, snoozes);" \
      "HttpApi.toJson|response JSON;" \
      "HookCallLog|call log line and metrics;" \
      "writeResponseAndLog|response write (kernel send included);" \
      "HttpOutput|response write (kernel send included);" \
      "SendCallback|response write (kernel send included);" \
      "feedback/|card and order recording (SQLite, own thread);" \
      "CompileBroker|JIT compiler threads;" \
      "GenCollectedHeap|garbage collection;" \
      "SerialHeap|garbage collection;" \
      "G1|garbage collection;" \
      "GCTaskThread|garbage collection", rules, ";")
    for (i = 1; i <= n; i++) { split(rules[i], kv, "|"); marker[i] = kv[1]; step[i] = kv[2] }
  }
  {
    count = $NF; stack = substr($0, 1, length($0) - length($NF) - 1); total += count
    frames = split(stack, f, ";"); chosen = ""
    for (d = frames; d >= 1 && chosen == ""; d--)
      for (i = 1; i <= n; i++) if (index(f[d], marker[i])) { chosen = step[i]; break }
    if (chosen == "") chosen = (stack ~ /jetty|javalin/ ? "Jetty and Javalin (HTTP parsing, dispatch, threads)" : "other")
    share[chosen] += count; self[f[frames]] += count
  }
  END {
    print "CPU share of the whole process, by step:"; fflush()
    for (s in share) printf "%6.1f%%  %s\n", 100 * share[s] / total, s | "sort -rn"
    close("sort -rn")
    printf "\nsamples: %d\n\nhottest frames (self):\n", total; fflush()
    for (s in self) printf "%6.1f%%  %s\n", 100 * self[s] / total, s | "sort -rn | head -25"
    close("sort -rn | head -25")
  }' "$OUT/profile.collapsed"
echo
echo "Flame graph: $OUT/profile.html"
