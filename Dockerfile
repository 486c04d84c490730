# Ampulla container image.
#
#   docker build -t ampulla:0.1.0 .
#   docker run --rm -p 127.0.0.1:8080:8080 -v "$PWD/deploy/trust:/etc/ampulla/trust:ro" \
#     -e AMPULLA_TRUST_FILE=/etc/ampulla/trust/trust.example.json ampulla:0.1.0
#
# Settings are the AMPULLA_* environment variables of the README's Configuration section (docker run -e ...),
# or options appended to the command (docker run ... ampulla:0.1.0 --port 9000).

# ---- Build: the README's package command in an official Maven + Temurin 17 image ------------------------------------
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /build

# Dependencies and plugins first, from pom.xml alone: this layer is reused until pom.xml changes.
# .mvn/jvm.config opens javac to Error Prone, which the compilation runs.
COPY pom.xml ./
COPY .mvn ./.mvn
RUN mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:go-offline

COPY src ./src
COPY fhir-examples ./fhir-examples
RUN mvn -B -q package -DskipTests

# ---- Runtime: JRE only, non-root -------------------------------------------------------------------------------------
# The newest LTS JRE: the jar is compiled for Java 17 (--release 17) and runs on it, but JDK 25 starts it from an AOT
# cache (JEP 483/514/515: classes already loaded and linked, method profiles from the training run): a restarted
# container spends about half the CPU time before its first answer, and its JIT starts from the training's profiles.
FROM eclipse-temurin:25.0.3_9-jre

LABEL org.opencontainers.image.title="Ampulla" \
      org.opencontainers.image.description="CDS Hooks 2.0 service: rectal-cancer staging and treatment pathways"

RUN groupadd --system --gid 10001 ampulla \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin ampulla

WORKDIR /app
COPY --from=build /build/target/ampulla.jar /app/ampulla.jar

# AOT cache, recorded by a training run of the warm-up command (start, answer every packaged example once, exit) with
# the heap of the ENTRYPOINT. It is recorded here rather than in the build stage because the JVM only accepts a cache
# made by the very same JVM build from the very same jar file (path, size and modification time); a cache from another
# JDK would be silently ignored. The second command fails the build if this JVM cannot use the cache (-XX:AOTMode=on
# refuses to start without it).
RUN java -Xmx256m -XX:AOTCacheOutput=/app/ampulla.aot -jar /app/ampulla.jar warm-up \
 && java -Xmx256m -XX:AOTMode=on -XX:AOTCache=/app/ampulla.aot -jar /app/ampulla.jar --help > /dev/null \
 && rm -rf /tmp/hsperfdata_root

# The embedded feedback store (an SQLite file) when no AMPULLA_DATABASE_URL is set: mount a volume here to keep it.
ENV AMPULLA_DATA_DIR=/var/lib/ampulla
RUN mkdir -p /var/lib/ampulla && chown 10001:10001 /var/lib/ampulla
VOLUME /var/lib/ampulla

USER 10001:10001
EXPOSE 8080

# Healthy when /health/ready answers 200 on AMPULLA_PORT (default 8080) of the loopback interface. The image has no
# curl, and a JVM per check would cost a second of CPU and tens of MiB every 15 s: bash sends the GET itself through
# /dev/tcp and reads the status line.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${AMPULLA_PORT:-8080} && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r -t 4 status <&3 && [[ ${status:9:3} == 200 ]]"]

# Heap fixed at 256 MiB (the Kubernetes manifests request 384 MiB and limit the container to 512 MiB); the JVM exits
# on OutOfMemoryError so that the orchestrator restarts it. Extra arguments are Ampulla options (--port 9000 ...).
ENTRYPOINT ["java", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-XX:AOTCache=/app/ampulla.aot", \
            "-jar", "/app/ampulla.jar", "serve"]
