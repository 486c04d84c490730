# Start-up options for the benchmark scripts (sourced, not run): which JVM, and which recorded archive or cache.
#
#   jdk17        JDK 17 as is (it still maps the JDK's own archive of its classes)
#   jdk17-cds    JDK 17 with a class-data-sharing archive recorded by `warm-up` (-XX:ArchiveClassesAtExit)
#   jdk25        JDK 25 as is
#   jdk25-aot    JDK 25 with an AOT cache recorded by `warm-up` (-XX:AOTCacheOutput: classes loaded and linked,
#                method profiles)
#
# Expects JAR (absolute path), JAVA_OPTS and OUT; reads JAVA17 and JAVA25. Archives and caches go to
# $OUT/start-up/ and are recorded again when the jar or the JVM changes.

JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
ARCHIVES=$OUT/start-up
mkdir -p "$ARCHIVES"

# jdk25_present: true when JAVA25 is a JVM with AOT caches (JDK 24 or newer)
jdk25_present() {
  [ -x "$JAVA25" ] || command -v "$JAVA25" >/dev/null 2>&1 || return 1
  "$JAVA25" -XX:AOTMode=off -version >/dev/null 2>&1
}

# record JAVA FLAG FILE: runs `warm-up` once with the recording flag, unless FILE was made by this very JVM from this
# very jar (both are noted next to it); then fails if the JVM would run without it
record() {
  local java=$1 flag=$2 file=$3 version
  version="$("$java" -version 2>&1 | tr '\n' ' ')| $JAVA_OPTS | $JAR $(stat -c '%s %Y' "$JAR")"
  if [ ! -f "$file" ] || [ "$(cat "$file.jvm" 2>/dev/null)" != "$version" ]; then
    rm -f "$file" "$file.jvm"
    echo "recording $file (warm-up with $flag)" >&2
    # shellcheck disable=SC2086
    timeout 300 "$java" $JAVA_OPTS "$flag=$file" -jar "$JAR" warm-up >"$file.log" 2>&1 \
      || { echo "recording $file failed: see $file.log" >&2; return 1; }
    echo "$version" >"$file.jvm"
  fi
  local require
  case $flag in
    -XX:ArchiveClassesAtExit) require="-Xshare:on -XX:SharedArchiveFile=$file" ;;
    *) require="-XX:AOTMode=on -XX:AOTCache=$file" ;;
  esac
  # shellcheck disable=SC2086
  timeout 120 "$java" $JAVA_OPTS $require -jar "$JAR" --help >/dev/null 2>"$file.check.log" \
    || { echo "$java cannot use $file: see $file.check.log" >&2; return 1; }
}

# start_up OPTION: sets START_JAVA and START_FLAGS for one of the options above (recording what it needs)
start_up() {
  case $1 in
    jdk17) START_JAVA=$JAVA17 START_FLAGS="" ;;
    jdk17-cds)
      record "$JAVA17" -XX:ArchiveClassesAtExit "$ARCHIVES/ampulla-17.jsa" || return 1
      START_JAVA=$JAVA17 START_FLAGS="-XX:SharedArchiveFile=$ARCHIVES/ampulla-17.jsa" ;;
    jdk25) START_JAVA=$JAVA25 START_FLAGS="" ;;
    jdk25-aot)
      record "$JAVA25" -XX:AOTCacheOutput "$ARCHIVES/ampulla-25.aot" || return 1
      START_JAVA=$JAVA25 START_FLAGS="-XX:AOTCache=$ARCHIVES/ampulla-25.aot" ;;
    *) echo "unknown start-up option $1 (jdk17, jdk17-cds, jdk25, jdk25-aot)" >&2; return 1 ;;
  esac
}

# option_name OPTION: how tables and plots name it
option_name() {
  case $1 in
    jdk17) echo "JDK 17" ;;
    jdk17-cds) echo "JDK 17 + CDS archive" ;;
    jdk25) echo "JDK 25" ;;
    jdk25-aot) echo "JDK 25 + AOT cache" ;;
  esac
}

now_ms() { date +%s%3N; }

# jit_ticks PID: CPU time (user + system, clock ticks) of the JVM's JIT compiler threads so far
jit_ticks() {
  local task ticks sum=0
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      "C1 Compiler"* | "C2 Compiler"*)
        # the thread's name holds a space: count the fields after its closing bracket
        ticks=$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }')
        sum=$(( sum + ${ticks:-0} )) ;;
    esac
  done
  echo "$sum"
}

# start_serve CPUS PORT DATA_DIR LOG [EXTRA_FLAGS]: starts `serve` with START_JAVA and START_FLAGS pinned to CPUS;
# sets SERVE_PID and SERVE_START (ms)
start_serve() {
  SERVE_START=$(now_ms)
  # shellcheck disable=SC2086
  taskset -c "$1" "$START_JAVA" $JAVA_OPTS $START_FLAGS ${5:-} -jar "$JAR" serve --development-mode true \
    --host 127.0.0.1 --port "$2" --data-dir "$3" --today 2025-05-04 >"$4" 2>&1 &
  SERVE_PID=$!
}

# await_first_200 PORT POLL_CPU: polls the hook with the 24 KB patient-view until it answers 200 (at most 60 s; fails
# earlier if the server exits); the poller runs on POLL_CPU, so that on one CPU it does not take the server's time
await_first_200() {
  local deadline code
  deadline=$(( $(now_ms) + 60000 ))
  while :; do
    code=$(taskset -c "$2" curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST \
      -H 'Content-Type: application/json' --data-binary @bench/patient-view-24k.json \
      "http://127.0.0.1:$1/cds-services/rectal-cancer-pathways" 2>/dev/null || true)
    [ "$code" = 200 ] && return 0
    if [ "$(now_ms)" -ge "$deadline" ] || ! kill -0 "$SERVE_PID" 2>/dev/null; then
      return 1
    fi
    sleep 0.01
  done
}

# stop_serve: stops the server started last
stop_serve() {
  kill "$SERVE_PID" 2>/dev/null || true
  wait "$SERVE_PID" 2>/dev/null || true
}
