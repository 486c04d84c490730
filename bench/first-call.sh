#!/bin/bash
# The first hook call without prefetch right after /health/ready, against the demo's FHIR server, for one or two
# builds, interleaved: bench/first-call.sh NEW.jar [OLD.jar] [ROUNDS]
# Each round starts `serve` (development mode for builds that have it), waits until ready, and times two calls with
# curl. Loopback only: the FHIR server is the newest build's `demo`, on ports 18090/18091.
set -u
NEW=$1; OLD=${2:-}; ROUNDS=${3:-5}
WORK=$(mktemp -d)
REQUEST=$WORK/no-prefetch.json
# example 04 without its prefetch, naming the demo's FHIR server
jq 'del(.prefetch) | .fhirServer = "http://127.0.0.1:18091/fhir"' \
  "$(dirname "$0")/../fhir-examples/requests/patient-view/04-stage-iiib-upper-rectum.json" > "$REQUEST"
java -jar "$NEW" demo --port 18090 --data-dir "$WORK/demo" > "$WORK/demo.log" 2>&1 &
DEMO=$!
trap 'kill $DEMO 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do curl -sf localhost:18090/health/ready > /dev/null && break; sleep 0.2; done
call() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}' -X POST -H 'Content-Type: application/json' \
    --data @"$REQUEST" localhost:18080/cds-services/rectal-cancer-pathways
}
for round in $(seq 1 "$ROUNDS"); do
  for jar in "$OLD" "$NEW"; do
    [ -z "$jar" ] && continue
    mode=""
    java -jar "$jar" --help | grep -q -- --development-mode && mode="--development-mode true"
    rm -rf "$WORK/data"
    java -jar "$jar" serve $mode --host 127.0.0.1 --port 18080 --data-dir "$WORK/data" > "$WORK/serve.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 600); do curl -sf localhost:18080/health/ready > /dev/null && break; sleep 0.05; done
    echo "round $round $(basename "$jar"): first $(call) second $(call)"
    kill $pid; wait $pid 2>/dev/null
  done
done
