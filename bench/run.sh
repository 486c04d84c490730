#!/usr/bin/env bash
# Ampulla benchmark: Ampulla and a Jackson-only baseline, same machine, same pinning, same JVM flags, one run.
# Prints one report. Servers run on CPU 0, wrk on CPU 1, everything on 127.0.0.1, every phase bounded in time.
#
#   bench/run.sh                    # full run (about 17 minutes)
#   WARMUP=20 DURATION=10 bench/run.sh   # quicker, noisier
#
# Phases: the jar's size; cold start with each start-up option (bench/cold-start.sh: JDK 17, 17 + CDS archive, 25,
# 25 + AOT cache); peak throughput of Ampulla (patient-view, order-sign) and of the baseline after WARMUP; latency at
# half the peak and at 20 requests/s; overload at 2x and 4x the peak (bench/overload.sh); the fetch path; Ampulla's
# peak resident memory; then the warm-up curve from a restart on JDK 17 + CDS and JDK 25 + AOT (bench/warmup-curve.sh,
# target/bench/warmup-curve.svg).
#
# Settings: WARMUP (s, default 120), DURATION (s, default 20), CONNS (default 16), JAVA_OPTS (default: the container
# flags "-Xms96m -Xmx96m -XX:+UseSerialGC", with MALLOC_ARENA_MAX=2 in the environment), SERVER_CPU (0),
# LOAD_CPU (1), JAVA25 (a JDK 24+ for the AOT rows, default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java),
# CURVE (1; 0 leaves out the warm-up curve), TRIES (cold-start tries, 3), MEMORY_LIMIT (256M: the container phase
# runs a fresh Ampulla in a memory cgroup with this hard limit, as `docker run --memory` does, where the machine lets
# root make one; "" leaves the phase out).
#
# The container phase (after the others): a fresh Ampulla in that cgroup, warmed for WARMUP, then DURATION at CONNS
# connections and DURATION each at 8x and 16x CONNS, not paced; it reports the throughput, the cgroup's peak usage,
# and whether the kernel killed the process for memory.
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-120}
DURATION=${DURATION:-20}
CONNS=${CONNS:-16}
JAVA_OPTS=${JAVA_OPTS:-"-Xms96m -Xmx96m -XX:+UseSerialGC"}
# glibc gives each thread that allocates its own malloc arena (64 MiB of address space each, part of it resident):
# two are plenty for a JVM, whose objects are not malloc'd
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
export JAVA_OPTS SERVER_CPU LOAD_CPU
CURVE=${CURVE:-1}
MEMORY_LIMIT=${MEMORY_LIMIT-256M}
TRIES=${TRIES:-3}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
AMPULLA_PORT=18080
BASELINE_PORT=18081
FHIR_PORT=18082
OUT=target/bench
mkdir -p "$OUT"

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
fi
if [ ! -f target/ampulla.jar ]; then
  mvn -B -q package -DskipTests
fi
javac -nowarn -cp target/ampulla.jar -d "$OUT/classes" bench/Baseline.java bench/DelayingFhirServer.java
# Class-data-sharing archive of everything a call loads (rebuilt when the jar is newer)
if [ ! -f target/ampulla.jsa ] || [ target/ampulla.jar -nt target/ampulla.jsa ]; then
  rm -f target/ampulla.jsa
  # shellcheck disable=SC2086
  java $JAVA_OPTS -XX:ArchiveClassesAtExit=target/ampulla.jsa -jar target/ampulla.jar warm-up >"$OUT/archive.log" 2>&1
fi
CDS="-XX:SharedArchiveFile=target/ampulla.jsa"

PIDS=()
# shellcheck source=bench/memory-limit.sh
. bench/memory-limit.sh
cleanup() {
  for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  memory_limit_remove
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

# wait_for_200 URL BODY: polls until the hook answers 200 (at most 30 s)
wait_for_200() {
  local deadline=$(( $(now_ms) + 30000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      --data-binary @"$2" "$1" 2>/dev/null)" = 200 ]; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "no 200 from $1 within 30 s" >&2; exit 1; }
    sleep 0.01
  done
}

# load NAME PORT SECONDS CONNECTIONS [extra env]: runs wrk pinned to LOAD_CPU; prints the RESULT line
load() {
  local port=$2 seconds=$3 conns=$4; shift 4
  env "$@" timeout $((seconds + 30)) taskset -c "$LOAD_CPU" wrk -t1 -c"$conns" -d"${seconds}s" --timeout 10s \
    -s bench/post.lua "http://127.0.0.1:$port" | grep '^RESULT'
}

field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }

jar_bytes=$(stat -c %s target/ampulla.jar)

echo "== cold start: process start to the first 200 from a hook, each start-up option ($TRIES tries)" >&2
TRIES=$TRIES bench/cold-start.sh target/ampulla.jar >"$OUT/cold-start.txt"

echo "== starting Ampulla" >&2
# The benchmark patients are dated January 2025: judged as of a day soon after, their data are current, as a
# hospital's are (on today's date every call would also carry the stale-data card).
# start_ampulla DATA_DIR LOG: starts serve on SERVER_CPU (in the memory cgroup, once one is made); sets AMPULLA_PID
start_ampulla() {
  # shellcheck disable=SC2086
  ( memory_limit_enter
    exec taskset -c "$SERVER_CPU" java $JAVA_OPTS $CDS -jar target/ampulla.jar --development-mode true \
      --host 127.0.0.1 --port $AMPULLA_PORT --fhir-deadline-ms 1000 --data-dir "$1" --today 2025-05-04 >"$2" 2>&1 ) &
  AMPULLA_PID=$!
}
start_ampulla "$OUT/data" "$OUT/ampulla.log"
PIDS+=("$AMPULLA_PID")
wait_for_200 "http://127.0.0.1:$AMPULLA_PORT/cds-services/rectal-cancer-pathways" bench/patient-view-24k.json

echo "== starting the baseline" >&2
# shellcheck disable=SC2086
taskset -c "$SERVER_CPU" java $JAVA_OPTS -cp "target/ampulla.jar:$OUT/classes" Baseline $BASELINE_PORT \
  >"$OUT/baseline.log" 2>&1 &
PIDS+=("$!")
wait_for_200 "http://127.0.0.1:$BASELINE_PORT/cds-services/x" bench/patient-view-24k.json

echo "== warming up both for ${WARMUP} s each (the JIT needs about a minute on one core)" >&2
load warm $AMPULLA_PORT "$WARMUP" "$CONNS" >/dev/null
load warm $BASELINE_PORT "$WARMUP" "$CONNS" >/dev/null
load warm $AMPULLA_PORT 10 "$CONNS" TARGET=/cds-services/rectal-cancer-order-sign BODY=bench/order-sign-24k.json \
  >/dev/null

echo "== measuring peak throughput (${DURATION} s, ${CONNS} connections)" >&2
ampulla=$(load peak $AMPULLA_PORT "$DURATION" "$CONNS")
baseline=$(load peak $BASELINE_PORT "$DURATION" "$CONNS")
order_sign=$(load peak $AMPULLA_PORT "$DURATION" "$CONNS" TARGET=/cds-services/rectal-cancer-order-sign \
  BODY=bench/order-sign-24k.json)
peak=$(field rps "$ampulla")

echo "== latency at half of the peak rate, and at 20 requests/s" >&2
half_conns=8
half_delay=$(awk -v p="$peak" -v c=$half_conns 'BEGIN { d = c * 1000 / (p / 2); printf "%d", (d < 1 ? 1 : d) }')
half=$(load half $AMPULLA_PORT "$DURATION" $half_conns DELAY_MS="$half_delay")
slow=$(load twenty $AMPULLA_PORT 60 1 DELAY_MS=50)
# The same for the baseline: at such a low rate the tail is mostly the machine's (an idle core waking up)
slow_baseline=$(load twenty $BASELINE_PORT 60 1 DELAY_MS=50)

echo "== overload: paced at twice and four times the peak rate" >&2
overload=$(SERVER_PID=$AMPULLA_PID DURATION=$DURATION bench/overload.sh $AMPULLA_PORT "$peak")

echo "== fetch path: no prefetch, a FHIR server answering each search after 100 ms" >&2
# shellcheck disable=SC2086
taskset -c "$LOAD_CPU" java -Xmx128m -cp "target/ampulla.jar:$OUT/classes" DelayingFhirServer $FHIR_PORT 100 \
  bench/patient-view-24k.json >"$OUT/fhir.log" 2>&1 &
PIDS+=("$!")
sleep 1
fetch_times=()
for _ in $(seq 1 25); do
  fetch_times+=("$(curl -s -o "$OUT/fetch-answer.json" -w '%{time_total}' -X POST -H 'Content-Type: application/json' \
    --data-binary @bench/fetch-path-request.json \
    "http://127.0.0.1:$AMPULLA_PORT/cds-services/rectal-cancer-pathways")")
done
grep -q '"resectability-assessment-needed"' "$OUT/fetch-answer.json" || { echo "fetch path gave no cards" >&2; exit 1; }
fetch_stats=$(printf '%s\n' "${fetch_times[@]:5}" | sort -n | awk '{ a[NR] = $1 * 1000 } END {
  printf "median=%.1f max=%.1f", a[int((NR + 1) / 2)], a[NR] }')

rss_peak=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$AMPULLA_PID/status")
# what is resident now, by kind: anonymous memory (heap, stacks, code, metadata) cannot be given back under a
# container's limit; file-backed pages (the jar, the class-data archive) can, and are read again when needed
rss_kinds=$(awk '/RssAnon|RssFile|RssShmem/ { printf "%s%s %.0f MiB", sep, tolower(substr($1, 4, length($1) - 4)), $2 / 1024;
  sep = ", " }' "/proc/$AMPULLA_PID/status")

row() { # name result
  printf '| %-34s | %9s | %8s | %8s | %8s | %8s |\n' "$1" "$(field rps "$2")" "$(field p50 "$2")" \
    "$(field p99 "$2")" "$(field p999 "$2")" "$(( $(field non2xx "$2") + $(field sockerr "$2") ))"
}
echo
echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); $(java -version 2>&1 | head -1)"
echo "JVM flags: $JAVA_OPTS; servers on CPU $SERVER_CPU, wrk on CPU $LOAD_CPU; warm-up ${WARMUP} s, runs ${DURATION} s"
echo
printf '| %-34s | %9s | %8s | %8s | %8s | %8s |\n' "run (24 KB patient-view unless said)" "req/s" "p50 ms" "p99 ms" \
  "p99.9 ms" "errors"
echo "|------------------------------------|-----------|----------|----------|----------|----------|"
row "baseline (Jackson parse, fixed card)" "$baseline"
row "Ampulla, peak, ${CONNS} connections" "$ampulla"
row "Ampulla order-sign, peak" "$order_sign"
row "Ampulla at half peak" "$half"
row "Ampulla at 20 requests/s" "$slow"
row "baseline at 20 requests/s" "$slow_baseline"
echo
awk -v a="$peak" -v b="$(field rps "$baseline")" 'BEGIN { printf "Throughput ratio Ampulla / baseline: %.2f\n", a / b }'
for multiple in 2 4; do
  line=$(grep "overload=${multiple}x" <<<"$overload")
  echo "Overload (${multiple}x peak offered): $(field accepted_rps "$line") accepted answers/s ($(field pct_of_peak "$line")% of\
 peak), $(field n503 "$line") fast 503s, $(field other "$line") other statuses, $(field sockerr "$line") socket errors,\
 p99 $(field p99 "$line") ms, $(field cpu_us_per_answer "$line") us of server CPU per answer"
done
echo "Fetch path (no prefetch, 9 requests at 100 ms each, 20 sequential calls after 5 warm-up): $fetch_stats ms"
echo "Peak resident memory of Ampulla (VmHWM): ${rss_peak} MiB with $JAVA_OPTS, MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX;"\
" resident at the end: $rss_kinds"
echo "Shaded jar: $jar_bytes bytes ($(awk -v b="$jar_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB)"
echo
cat "$OUT/cold-start.txt"

if [ -n "$MEMORY_LIMIT" ]; then
  # A fresh server on CPU 0, which must be free: the servers of the runs above are stopped first
  cleanup
  PIDS=()
  memory_limit_create "$MEMORY_LIMIT"
  echo
  if [ -z "$MEMORY_CGROUP" ]; then
    echo "Container phase left out: $MEMORY_LIMIT_MISSING"
  else
    echo "== container: a fresh Ampulla limited to $MEMORY_LIMIT of memory" >&2
    start_ampulla "$OUT/container-data" "$OUT/container.log"
    PIDS+=("$AMPULLA_PID")
    wait_for_200 "http://127.0.0.1:$AMPULLA_PORT/cds-services/rectal-cancer-pathways" bench/patient-view-24k.json
    echo "Container: Ampulla in a memory cgroup limited to $MEMORY_LIMIT (JVM flags $JAVA_OPTS), warmed ${WARMUP} s:"
    load warm $AMPULLA_PORT "$WARMUP" "$CONNS" >/dev/null || true
    for conns in "$CONNS" $((CONNS * 8)) $((CONNS * 16)); do
      if ! kill -0 "$AMPULLA_PID" 2>/dev/null; then
        echo "- $conns connections: not run, the process is gone"
        continue
      fi
      result=$(load container $AMPULLA_PORT "$DURATION" "$conns" || true)
      if kill -0 "$AMPULLA_PID" 2>/dev/null; then
        echo "- $conns connections: $(field ok_rps "$result") answers 200/s, $(field n503 "$result") fast 503s," \
          "p99 $(field p99 "$result") ms, resident $(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' \
          "/proc/$AMPULLA_PID/status") MiB"
      else
        echo "- $conns connections: the process was killed during the run"
      fi
    done
    echo "- $(memory_limit_report)"
  fi
fi

if [ "$CURVE" = 1 ]; then
  # the curve restarts Ampulla on CPU 0, which must be free: the servers of the runs above are stopped first
  cleanup
  wait 2>/dev/null || true
  PIDS=()
  echo "== warm-up curve: throughput in each 5 s after a restart, JDK 17 + CDS and JDK 25 + AOT" >&2
  echo
  PEAK=$peak bench/warmup-curve.sh target/ampulla.jar
fi
