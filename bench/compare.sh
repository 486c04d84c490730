#!/usr/bin/env bash
# Peak throughput of two builds, interleaved, same machine and pinning as bench/run.sh (server on CPU 0, wrk on CPU 1,
# everything on 127.0.0.1): for each round and each build, start serve, warm up, then measure patient-view and
# order-sign on the 24 KB benchmark requests. Only the ratio between the builds means something.
#
#   bench/compare.sh BEFORE.jar AFTER.jar            # 3 rounds, 30 s warm-up, 15 s per measurement
#   ROUNDS=5 WARMUP=60 DURATION=20 bench/compare.sh BEFORE.jar AFTER.jar
#
# Extra serve options for both builds: SERVE_OPTS (e.g. "--patient-hash-key $(openssl rand -hex 32)").
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=$1; AFTER=$2
ROUNDS=${ROUNDS:-3}; WARMUP=${WARMUP:-30}; DURATION=${DURATION:-15}; CONNS=${CONNS:-16}
JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx256m"}; SERVER_CPU=${SERVER_CPU:-0}; LOAD_CPU=${LOAD_CPU:-1}
SERVE_OPTS=${SERVE_OPTS:-}
PORT=18085
OUT=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$OUT"' EXIT
command -v wrk >/dev/null || { echo "needs wrk (Debian: apt-get install wrk)" >&2; exit 2; }

now_ms() { date +%s%3N; }
wait_for_200() {
  local deadline=$(( $(now_ms) + 60000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      --data-binary @bench/patient-view-24k.json "http://127.0.0.1:$PORT/cds-services/rectal-cancer-pathways" \
      2>/dev/null)" = 200 ]; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "no 200 within 60 s" >&2; exit 1; }
    sleep 0.05
  done
}
load() {  # load SECONDS [env...]: the RESULT line of one wrk run
  local seconds=$1; shift
  env "$@" timeout $((seconds + 30)) taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNS" -d"${seconds}s" --timeout 10s \
    -s bench/post.lua "http://127.0.0.1:$PORT" | grep '^RESULT'
}
rps() { sed -E 's/.* rps=([^ ]+).*/\1/' <<<"$1"; }

printf '%-8s %-6s %14s %14s\n' round build patient-view order-sign
declare -A pv os
for round in $(seq 1 "$ROUNDS"); do
  for build in before after; do
    jar=$BEFORE; [ "$build" = after ] && jar=$AFTER
    rm -rf "$OUT/data"
    mode=""  # builds from before development mode existed serve without a trust file unasked
    java -jar "$jar" --help | grep -q -- --development-mode && mode="--development-mode true"
    # shellcheck disable=SC2086
    taskset -c "$SERVER_CPU" java $JAVA_OPTS -jar "$jar" $mode --host 127.0.0.1 --port $PORT \
      --data-dir "$OUT/data" --today 2025-05-04 $SERVE_OPTS >"$OUT/$build.log" 2>&1 &
    PID=$!
    wait_for_200
    load "$WARMUP" >/dev/null
    load 10 TARGET=/cds-services/rectal-cancer-order-sign BODY=bench/order-sign-24k.json >/dev/null
    a=$(rps "$(load "$DURATION")")
    b=$(rps "$(load "$DURATION" TARGET=/cds-services/rectal-cancer-order-sign BODY=bench/order-sign-24k.json)")
    pv[$build]+="$a "; os[$build]+="$b "
    printf '%-8s %-6s %14s %14s\n' "$round" "$build" "$a" "$b"
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for build in before after; do
  printf '%-8s %-6s %14s %14s\n' median "$build" "$(median <<<"${pv[$build]}")" "$(median <<<"${os[$build]}")"
done
