#!/usr/bin/env bash
# Ampulla benchmark: Ampulla and a Jackson-only baseline, same machine, same pinning, same JVM flags, one run.
# Prints one table. Servers run on CPU 0, wrk on CPU 1, everything on 127.0.0.1, every phase bounded in time.
#
#   bench/run.sh                    # full run (about 11 minutes)
#   WARMUP=20 DURATION=10 bench/run.sh   # quicker, noisier
#
# Settings: WARMUP (s, default 120), DURATION (s, default 20), CONNS (default 16), JAVA_OPTS (default
# "-Xms256m -Xmx256m"), SERVER_CPU (0), LOAD_CPU (1).
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-120}
DURATION=${DURATION:-20}
CONNS=${CONNS:-16}
JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx256m"}
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
  java -XX:ArchiveClassesAtExit=target/ampulla.jsa -jar target/ampulla.jar warm-up >"$OUT/archive.log" 2>&1
fi
CDS="-XX:SharedArchiveFile=target/ampulla.jsa"

# cold_start CPUS: process start to the first 200 from a hook, in ms
cold_start() {
  local start pid ms
  start=$(now_ms)
  # shellcheck disable=SC2086
  taskset -c "$1" java $JAVA_OPTS $CDS -jar target/ampulla.jar --development-mode true --host 127.0.0.1 --port 18089 \
    --data-dir "$OUT/cold-start-data" --today 2025-05-04 >/dev/null 2>&1 &
  pid=$!
  wait_for_200 "http://127.0.0.1:18089/cds-services/rectal-cancer-pathways" bench/patient-view-24k.json
  ms=$(( $(now_ms) - start ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms"
}

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; }
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

echo "== cold start: process start to the first 200 from a hook (3 tries each, best and worst)" >&2
one_core=() two_cores=()
for _ in 1 2 3; do one_core+=("$(cold_start "$SERVER_CPU")"); two_cores+=("$(cold_start "$SERVER_CPU,$LOAD_CPU")"); done
range() { printf '%s\n' "$@" | sort -n | sed -n '1p;$p' | paste -sd- -; }

echo "== starting Ampulla" >&2
# shellcheck disable=SC2086
# The benchmark patients are dated January 2025: judged as of a day soon after, their data are current, as a
# hospital's are (on today's date every call would also carry the stale-data card).
taskset -c "$SERVER_CPU" java $JAVA_OPTS $CDS -jar target/ampulla.jar --development-mode true --host 127.0.0.1 --port $AMPULLA_PORT \
  --fhir-deadline-ms 1000 --data-dir "$OUT/data" --today 2025-05-04 >"$OUT/ampulla.log" 2>&1 &
AMPULLA_PID=$!
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

echo "== overload: paced at twice the peak rate (admission limit: 32 calls at once)" >&2
over_conns=128
over_delay=$(awk -v p="$peak" -v c=$over_conns 'BEGIN { d = c * 1000 / (2 * p); printf "%d", (d < 1 ? 1 : d) }')
overload=$(load overload $AMPULLA_PORT "$DURATION" $over_conns COUNT_STATUS=1 DELAY_MS="$over_delay")

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
row "Ampulla at 2x peak rate (offered)" "$overload"
echo
awk -v a="$peak" -v b="$(field rps "$baseline")" 'BEGIN { printf "Throughput ratio Ampulla / baseline: %.2f\n", a / b }'
echo "Overload (2x peak offered, $over_conns connections): $(field ok_rps "$overload") accepted answers/s ($(awk -v a="$(field ok_rps "$overload")" \
  -v p="$peak" 'BEGIN { printf "%.0f", 100 * a / p }')% of peak); $(field n503 "$overload") fast 503s,\
 $(field nother "$overload") other errors, $(field sockerr "$overload") socket errors"
echo "Cold start (process start to first 200 from a hook, with the CDS archive): $(range "${one_core[@]}") ms on one CPU,\
 $(range "${two_cores[@]}") ms on two"
echo "Fetch path (no prefetch, 9 requests at 100 ms each, 20 sequential calls after 5 warm-up): $fetch_stats ms"
echo "Peak resident memory of Ampulla (VmHWM): ${rss_peak} MiB with $JAVA_OPTS"
