#!/usr/bin/env bash
# Warm-up curve: throughput in each STEP-second window from the first 200 after a start, for each start-up option.
# Ampulla runs on CPU 0; wrk (16 connections, bench/post.lua, the 24 KB patient-view) on CPU 1 from the moment the
# hook first answers, in consecutive STEP-second runs. Writes target/bench/warmup-curve.csv (seconds since the first
# call, requests/s per option) and target/bench/warmup-curve.svg, the same per second of the server's CPU time
# (warmup-curve-per-cpu-second.csv and .svg: a check on a machine that other work shares), the JIT compiler threads'
# share of the server's CPU in each window (warmup-curve-jit-share.csv), and prints the table.
#
#   bench/warmup-curve.sh [JAR]      # default target/ampulla.jar; about 2 x 70 s
#
# Settings: OPTIONS (";"-separated, default "jdk17-cds;jdk25-aot"; an option may carry extra JVM flags, e.g.
# "jdk25-aot -XX:TieredStopAtLevel=1"; see bench/start-up-options.sh), SECONDS_TOTAL (60), STEP (5), CONNS (16),
# PEAK (Ampulla's peak in requests/s, e.g. from bench/run.sh: the table then says when each option first reached 0.8
# of it, and the plot draws that line; without it the best window of this run stands in), JAVA_OPTS
# ("-Xms256m -Xmx256m"), JAVA17, JAVA25, SERVER_CPU (0), LOAD_CPU (1), PORT (18591), NAME (warmup-curve: the output
# files' name). Loopback only; every run is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${1:-target/ampulla.jar}
OPTIONS=${OPTIONS:-"jdk17-cds;jdk25-aot"}
SECONDS_TOTAL=${SECONDS_TOTAL:-60}
STEP=${STEP:-5}
CONNS=${CONNS:-16}
PEAK=${PEAK:-}
JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx256m"}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
PORT=${PORT:-18591}
NAME=${NAME:-warmup-curve}
OUT=target/bench
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -B -q package -DskipTests)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is needed (Debian/Ubuntu: apt-get install wrk)" >&2; exit 2; }
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
# shellcheck source=bench/start-up-options.sh
. bench/start-up-options.sh
SERVE_PID=""
trap 'stop_serve' EXIT

WINDOWS=$(( SECONDS_TOTAL / STEP ))
LABELS=() COLUMNS=() PER_CPU=() JIT_SHARE=()
TICKS=$(getconf CLK_TCK)
# the server's CPU time so far (user + system, all threads), in clock ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVE_PID/stat"; }
IFS=';' read -r -a CHOSEN <<<"$OPTIONS"
for spec in "${CHOSEN[@]}"; do
  read -r option extra <<<"$spec"
  if [[ $option == jdk25* ]] && ! jdk25_present; then
    echo "skipping '$spec': no JDK 24 or newer at $JAVA25 (set JAVA25)" >&2
    continue
  fi
  start_up "$option"
  label="$(option_name "$option")${extra:+ $extra}"
  echo "== $label: start, then ${WINDOWS} x ${STEP} s of load from the first 200" >&2
  rm -rf "$OUT/warmup-data"
  start_serve "$SERVER_CPU" "$PORT" "$OUT/warmup-data" "$OUT/warmup-serve.log" "$extra"
  await_first_200 "$PORT" "$LOAD_CPU" || { echo "no 200 within 60 s: see $OUT/warmup-serve.log" >&2; exit 1; }
  column="" per_cpu="" jit_share=""
  for _ in $(seq 1 "$WINDOWS"); do
    before=$(cpu_ticks) jit_before=$(jit_ticks "$SERVE_PID")
    result=$(timeout $((STEP + 30)) taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNS" -d"${STEP}s" --timeout 10s \
      -s bench/post.lua "http://127.0.0.1:$PORT" | grep '^RESULT') || { echo "wrk failed" >&2; exit 1; }
    ticks=$(( $(cpu_ticks) - before )) jit=$(( $(jit_ticks "$SERVE_PID") - jit_before ))
    errors=$(sed -E 's/.* non2xx=([0-9]+).* sockerr=([0-9]+).*/\1+\2/' <<<"$result")
    [ $((errors)) -eq 0 ] || echo "warning: $label had $((errors)) failed calls in a window" >&2
    column+="$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$result") "
    per_cpu+="$(awk -v n="$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$result")" -v t="$ticks" -v hz="$TICKS" \
      'BEGIN { printf "%.1f", (t > 0 ? n * hz / t : 0) }') "
    # a compiler thread that the JVM retires takes its CPU time with it: such a window has no share ("-")
    jit_share+="$(awk -v j="$jit" -v t="$ticks" 'BEGIN { if (j < 0 || t <= 0) print "-"; else printf "%.0f", 100 * j / t }') "
  done
  stop_serve
  LABELS+=("$label")
  COLUMNS+=("$column")
  PER_CPU+=("$per_cpu")
  JIT_SHARE+=("$jit_share")
done
[ "${#LABELS[@]}" -gt 0 ] || { echo "no option could run" >&2; exit 1; }

# write_csv FILE COLUMN...: the windows' ends, then one column per option
write_csv() {
  local file=$1 w column
  shift
  {
    printf 'seconds since first call'
    printf ',%s' "${LABELS[@]}"
    echo
    for w in $(seq 1 "$WINDOWS"); do
      printf '%d' $((w * STEP))
      for column in "$@"; do
        printf ',%s' "$(awk -v w="$w" '{ print $w }' <<<"$column")"
      done
      echo
    done
  } >"$file"
}
CSV=$OUT/$NAME.csv
write_csv "$CSV" "${COLUMNS[@]}"
# The same windows as requests per second of the server's CPU time: on a quiet machine they equal the requests/s
# (the server has its CPU to itself); when other work takes the server's CPU, the drop shows here as a difference.
write_csv "$OUT/$NAME-per-cpu-second.csv" "${PER_CPU[@]}"
# The share of the server's CPU time that its JIT compiler threads took in each window, in percent: on one CPU, the
# time the compiler needs before the hot code runs compiled is taken from the calls.
write_csv "$OUT/$NAME-jit-share.csv" "${JIT_SHARE[@]}"

TITLE="Requests/s in each ${STEP} s after the first call; Ampulla on one CPU, ${CONNS} connections"
awk -F, -v title="$TITLE" -v peak="$PEAK" -f bench/curve-svg.awk "$CSV" >"$OUT/$NAME.svg"
awk -F, -v title="Requests per second of Ampulla's CPU time, in each ${STEP} s after the first call" \
  -v peak="$PEAK" -f bench/curve-svg.awk "$OUT/$NAME-per-cpu-second.csv" >"$OUT/$NAME-per-cpu-second.svg"

# the table (requests/s, and per second of the server's CPU time), and for each option the first window at 0.8 of
# the peak (or of this run's best window)
paste -d, "$CSV" "$OUT/$NAME-per-cpu-second.csv" "$OUT/$NAME-jit-share.csv" | awk -F, -v peak="$PEAK" \
  -v n="${#LABELS[@]}" '
  NR == 1 { for (i = 1; i <= n; i++) name[i] = $(i + 1); next }
  {
    t[NR] = $1
    for (i = 1; i <= n; i++) {
      v[NR, i] = $(i + 1); c[NR, i] = $(i + n + 2); j[NR, i] = $(i + 2 * n + 3)
      if (v[NR, i] > best) best = v[NR, i]
    }
  }
  END {
    ref = peak != "" ? peak : best
    printf "| %-8s |", "seconds"
    for (i = 1; i <= n; i++) { w[i] = length(name[i]) < 24 ? 24 : length(name[i]); printf " %-*s |", w[i], name[i] }
    print ""
    printf "|----------|"
    for (i = 1; i <= n; i++) { d = ""; for (k = 0; k < w[i] + 2; k++) d = d "-"; printf "%s|", d }
    print ""
    for (r = 2; r <= NR; r++) {
      printf "| %8s |", t[r]
      for (i = 1; i <= n; i++) printf " %*s |", w[i], sprintf("%.0f (%.0f; JIT %s%%)", v[r, i], c[r, i], j[r, i])
      print ""
    }
    print "(requests/s in the window; in brackets, per second of the server CPU time, and the share of that CPU time"
    print "taken by the JIT compiler threads)"
    print ""
    for (i = 1; i <= n; i++) {
      at = "not within " t[NR] " s"
      for (r = 2; r <= NR; r++) if (v[r, i] >= 0.8 * ref) { at = "in the window ending at " t[r] " s"; break }
      printf "%s: 0.8 of %s (%.0f requests/s) %s\n", name[i], peak != "" ? "the peak" : "the best window of this run",
        0.8 * ref, at
    }
  }'
echo "Written: $CSV, $OUT/$NAME.svg, $OUT/$NAME-per-cpu-second.csv and .svg, $OUT/$NAME-jit-share.csv"
echo "JVM flags: $JAVA_OPTS; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
