#!/bin/sh
# Loads the synthetic patients (FHIR transaction Bundles) into a FHIR server: waits until the server's
# CapabilityStatement answers 200, then POSTs every Bundle to the server's base. A rejected Bundle is reported
# and the others are still loaded; the exit status is 1 if any was rejected, 0 otherwise.
#
# FHIR_BASE      the server's base URL (default http://hapi:8080/fhir)
# EXAMPLES_DIR   the folder of Bundles (default /fhir-examples/patients)
# WAIT_SECONDS   how long to wait for the server (default 600: a first start creates the database schema)

set -u
base="${FHIR_BASE:-http://hapi:8080/fhir}"
dir="${EXAMPLES_DIR:-/fhir-examples/patients}"
wait_seconds="${WAIT_SECONDS:-600}"
answer="$(mktemp)"
trap 'rm -f "$answer"' EXIT

echo "loader: waiting up to ${wait_seconds} s for ${base}/metadata"
start="$(date +%s)"
while :; do
  status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "${base}/metadata")"
  [ "$status" = "200" ] && break
  if [ $(( $(date +%s) - start )) -ge "$wait_seconds" ]; then
    echo "loader: ${base}/metadata did not answer 200 within ${wait_seconds} s (last: ${status}); nothing loaded" >&2
    exit 1
  fi
  sleep 5
done
echo "loader: ${base} is up after $(( $(date +%s) - start )) s"

loaded=0
rejected=0
for bundle in "$dir"/*.json; do
  [ -f "$bundle" ] || continue
  name="$(basename "$bundle")"
  status="$(curl -s -o "$answer" -w '%{http_code}' --max-time 120 -X POST \
    -H 'Content-Type: application/fhir+json' -H 'Accept: application/fhir+json' \
    --data-binary "@${bundle}" "$base")"
  case "$status" in
    2??)
      loaded=$((loaded + 1))
      echo "loader: loaded   ${name} (HTTP ${status})"
      ;;
    *)
      rejected=$((rejected + 1))
      printf 'loader: REJECTED %s (HTTP %s): %s\n' "$name" "$status" "$(head -c 600 "$answer" | tr -s '\n\r\t ' ' ')"
      ;;
  esac
done

if [ $((loaded + rejected)) -eq 0 ]; then
  echo "loader: no *.json Bundle in ${dir}" >&2
  exit 1
fi
echo "loader: ${loaded} bundle(s) loaded, ${rejected} rejected, into ${base}"
[ "$rejected" -eq 0 ]
