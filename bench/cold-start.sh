#!/usr/bin/env bash
# Cold start of `serve` with each start-up option: process start to the first 200 from a hook (the 24 KB
# patient-view), on one CPU and on two, TRIES tries each, options interleaved. Prints one table, and one
# machine-readable COLD line per option and CPU count.
#
#   bench/cold-start.sh [JAR]        # default target/ampulla.jar
#
# Options (bench/start-up-options.sh): JDK 17 as is; JDK 17 with a class-data-sharing archive; JDK 25 as is; JDK 25
# with an AOT cache. Archives and caches are recorded by the jar's `warm-up` command with the same JAVA_OPTS.
#
# Settings: TRIES (5), OPTIONS ("jdk17 jdk17-cds jdk25 jdk25-aot"; the JDK 25 ones are skipped when JAVA25 is no JDK
# 24+), JAVA_OPTS (default "-Xms256m -Xmx256m", the same for every option), JAVA17 (java on PATH), JAVA25
# (/usr/lib/jvm/temurin-25-jdk-amd64/bin/java), SERVER_CPU (0), LOAD_CPU (1), PORT (18590). Loopback only; every
# wait is bounded.
#
# The CPU columns give the CPU time the server had used when its first 200 arrived (user + system, all threads): on a
# machine that other work shares, it moves less than the wall-clock time. In brackets, the share of it that the JIT
# compiler threads took.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${1:-target/ampulla.jar}
TRIES=${TRIES:-5}
OPTIONS=${OPTIONS:-"jdk17 jdk17-cds jdk25 jdk25-aot"}
JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx256m"}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
PORT=${PORT:-18590}
OUT=target/bench
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -B -q package -DskipTests)" >&2; exit 2; }
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
# shellcheck source=bench/start-up-options.sh
. bench/start-up-options.sh
TICKS=$(getconf CLK_TCK)
SERVE_PID=""
trap 'stop_serve' EXIT

CHOSEN=() SKIPPED=""
for option in $OPTIONS; do
  if [[ $option == jdk25* ]] && ! jdk25_present; then
    SKIPPED="JDK 25 rows skipped: no JDK 24 or newer at $JAVA25 (set JAVA25)"
    continue
  fi
  start_up "$option" # records the archive or cache now, outside the timings
  CHOSEN+=("$option")
done

# one_start CPUS: sets MS, CPU_MS and JIT_MS: wall-clock time, the server's CPU time and that of its JIT compiler
# threads, from process start to the first 200 (START_JAVA, START_FLAGS)
one_start() {
  rm -rf "$OUT/cold-start-data"
  start_serve "$1" "$PORT" "$OUT/cold-start-data" "$OUT/cold-start.log"
  if ! await_first_200 "$PORT" "$LOAD_CPU"; then
    stop_serve
    echo "no 200 within 60 s: see $OUT/cold-start.log" >&2
    return 1
  fi
  MS=$(( $(now_ms) - SERVE_START ))
  CPU_MS=$(awk -v t="$TICKS" '{ printf "%d", ($14 + $15) * 1000 / t }' "/proc/$SERVE_PID/stat")
  JIT_MS=$(( $(jit_ticks "$SERVE_PID") * 1000 / TICKS ))
  stop_serve
}

declare -A WALL CPU JIT
for try in $(seq 1 "$TRIES"); do
  echo "try $try of $TRIES" >&2
  for option in "${CHOSEN[@]}"; do
    start_up "$option"
    for cpus in "$SERVER_CPU" "$SERVER_CPU,$LOAD_CPU"; do
      one_start "$cpus"
      WALL[$option,$cpus]+="$MS "
      CPU[$option,$cpus]+="$CPU_MS "
      JIT[$option,$cpus]+="$JIT_MS "
    done
  done
done

# stats VALUES...: min/median/max
stats() {
  printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "%d/%d/%d", a[1], a[int((NR + 1) / 2)], a[NR] }'
}
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "%d", a[int((NR + 1) / 2)] }'; }

one=$SERVER_CPU two=$SERVER_CPU,$LOAD_CPU
echo
echo "Cold start, process start to the first 200 from a hook: min/median/max of $TRIES tries, ms"
echo "JVM flags: $JAVA_OPTS; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| %-22s | %-16s | %-16s | %-16s | %-16s |\n' "JDK and start-up option" "one CPU" "CPU time (JIT)" \
  "two CPUs" "CPU time (JIT)"
echo "|------------------------|------------------|------------------|------------------|------------------|"
for option in "${CHOSEN[@]}"; do
  # shellcheck disable=SC2086
  printf '| %-22s | %-16s | %-16s | %-16s | %-16s |\n' "$(option_name "$option")" "$(stats ${WALL[$option,$one]})" \
    "$(median ${CPU[$option,$one]}) ($(median ${JIT[$option,$one]}))" "$(stats ${WALL[$option,$two]})" \
    "$(median ${CPU[$option,$two]}) ($(median ${JIT[$option,$two]}))"
done
[ -z "$SKIPPED" ] || echo "$SKIPPED"
echo "(CPU time: the median of the server's CPU time, all threads, when its first 200 arrived; in brackets, that of"
echo "its JIT compiler threads)"
for option in "${CHOSEN[@]}"; do
  for cpus in "$one" "$two"; do
    # shellcheck disable=SC2086
    echo "COLD option=$option cpus=$cpus wall_ms=$(stats ${WALL[$option,$cpus]}) cpu_ms=$(median ${CPU[$option,$cpus]})\
 jit_ms=$(median ${JIT[$option,$cpus]})"
  done
done
