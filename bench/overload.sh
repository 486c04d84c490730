#!/usr/bin/env bash
# Overload: offers a running Ampulla twice and four times its measured peak rate of 24 KB patient-view calls and says
# how many it still answered. Paced as bench/run.sh paces its overload run: each wrk connection waits DELAY_MS between
# its calls, with enough connections that the offered rate is the multiple of the peak.
#
#   bench/overload.sh PORT PEAK_RPS        # e.g. bench/overload.sh 18080 1000
#
# Settings: DURATION (s, default 20), LOAD_CPU (default 1), MULTIPLES (default "2 4"; 128 connections per 2x),
# SERVER_PID (optional: Ampulla's process id; adds cpu_us_per_answer, the server's CPU time per accepted answer, which
# other work on the machine disturbs far less than the rates do).
# Prints one line per multiple:
#   RESULT overload=2x completed_rps=... accepted_rps=... pct_of_peak=... n503=... other=... sockerr=... p99=...
#     [cpu_us_per_answer=...]
# completed_rps counts every answer; accepted_rps the answers with status 200; n503 the fast refusals; other any
# other status; sockerr wrk's connect, read, write and timeout errors.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 2 ]; then
  echo "usage: $0 PORT PEAK_RPS" >&2
  exit 2
fi
PORT=$1
PEAK=$2
DURATION=${DURATION:-20}
LOAD_CPU=${LOAD_CPU:-1}
MULTIPLES=${MULTIPLES:-"2 4"}

# user + system CPU time of the server, in clock ticks (0 without SERVER_PID)
server_cpu() { if [ -n "${SERVER_PID:-}" ]; then awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; else echo 0; fi; }
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }

for multiple in $MULTIPLES; do
  conns=$(( 64 * multiple ))
  delay=$(awk -v p="$PEAK" -v c=$conns -v m="$multiple" 'BEGIN { d = c * 1000 / (m * p); printf "%d", (d < 1 ? 1 : d) }')
  cpu_before=$(server_cpu)
  result=$(env COUNT_STATUS=1 DELAY_MS="$delay" timeout $((DURATION + 30)) taskset -c "$LOAD_CPU" \
    wrk -t1 -c"$conns" -d"${DURATION}s" --timeout 10s -s bench/post.lua "http://127.0.0.1:$PORT" | grep '^RESULT')
  cpu_after=$(server_cpu)
  ok=$(field ok_rps "$result")
  cpu=""
  if [ -n "${SERVER_PID:-}" ]; then
    cpu=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" -v ok="$ok" -v s="$DURATION" \
      'BEGIN { printf " cpu_us_per_answer=%.0f", t * 1e6 / hz / (ok * s) }')
  fi
  awk -v m="$multiple" -v rps="$(field rps "$result")" -v ok="$ok" -v p="$PEAK" -v n503="$(field n503 "$result")" \
    -v other="$(field nother "$result")" -v sockerr="$(field sockerr "$result")" -v p99="$(field p99 "$result")" \
    -v conns="$conns" -v delay="$delay" -v cpu="$cpu" 'BEGIN {
      printf "RESULT overload=%dx connections=%d delay_ms=%d completed_rps=%.1f accepted_rps=%.1f pct_of_peak=%.0f" \
        " n503=%d other=%d sockerr=%d p99=%s%s\n", m, conns, delay, rps, ok, 100 * ok / p, n503, other, sockerr, p99,
        cpu }'
done
