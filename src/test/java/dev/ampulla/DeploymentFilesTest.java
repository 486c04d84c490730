package dev.ampulla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.security.TrustConfig;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The container and deployment files (Dockerfile, docker-compose.yml, deploy/kubernetes, deploy/trust): Compose accepts
 * the file, images are pinned and named without a registry host, Ampulla runs as a non-root user with a read-only file
 * system, with a trust file and a protected /metrics, published on loopback only (Compose) or behind a network policy
 * (Kubernetes), and its health check and probes use the endpoints it serves.
 */
class DeploymentFilesTest {
    private static final Path ROOT =
            Examples.root().toAbsolutePath().normalize().getParent();
    private static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");
    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    /** What Compose needs in the environment: the metrics token has no default. */
    private static final Map<String, String> COMPOSE_ENV =
            Map.of("AMPULLA_METRICS_TOKEN", "compose-test-token-0123456789abcdef0123456789");

    private static final Set<String> KUBERNETES_KINDS = Set.of(
            "Deployment",
            "Service",
            "ConfigMap",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler",
            "NetworkPolicy",
            "ServiceMonitor");
    private static final String PACKAGE_COMMAND = "mvn -B -q package -DskipTests";
    private static final String JAR = "/app/ampulla.jar";
    private static final String AOT_CACHE = "/app/ampulla.aot";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The host names these files may mention; none is a registry. Images are named without a registry host (so the
     * default one applies) and no file names a container or package registry: any other host name fails the test.
     */
    private static final Set<String> KNOWN_HOSTS = Set.of(
            "localhost",
            "127.0.0.1",
            "hapi",
            "postgres",
            "cds.hospital.example",
            "postgres.hospital.example",
            "ehr.hospital.example",
            "sandbox.cds-hooks.org",
            "kubernetes.io",
            "app.kubernetes.io",
            "kustomize.config.k8s.io",
            "networking.k8s.io",
            "monitoring.coreos.com",
            // the public SMART sandbox's FHIR server, which the public CDS Hooks sandbox uses by default
            "launch.smarthealthit.org");
    /** A URL's host, and a word shaped like a host name on a common top-level domain. */
    private static final Pattern URL_HOST = Pattern.compile("[a-z][a-z0-9+.-]*://([^/:?#\\s\"'`<>)]+)");

    private static final Pattern HOST_WORD =
            Pattern.compile("(?<![\\w.-])((?:[a-z0-9-]+\\.)+(?:io|com|org|net|dev|aws|cloud))(?![\\w-])");

    // ---- Compose ----------------------------------------------------------------------------------------------------

    @Test
    void dockerCompose1AcceptsTheComposeFile() throws Exception {
        Result r = dockerCompose(ROOT, COMPOSE_ENV, "-f", "docker-compose.yml", "config", "-q");
        assertEquals(0, r.exit(), "docker-compose -f docker-compose.yml config -q failed:\n" + r.output());
    }

    /** The metrics token has no default: without it in the environment, Compose refuses to start the stack. */
    @Test
    void composeRequiresAMetricsToken() throws Exception {
        Result r = dockerCompose(ROOT, Map.of(), "-f", "docker-compose.yml", "config", "-q");
        assertNotEquals(0, r.exit(), "docker-compose accepted the file without AMPULLA_METRICS_TOKEN");
        assertTrue(r.output().contains("AMPULLA_METRICS_TOKEN"), r.output());
    }

    @Test
    void dockerComposeValidationCanFail(@TempDir Path dir) throws Exception {
        // So that the check above cannot pass vacuously: an unknown option must be refused.
        Files.writeString(
                dir.resolve("docker-compose.yml"),
                "services:\n  a:\n    image: postgres:16.8\n    restart_policy_typo: always\n");
        Result r = dockerCompose(dir, COMPOSE_ENV, "-f", "docker-compose.yml", "config", "-q");
        assertNotEquals(0, r.exit(), "docker-compose accepted an invalid file:\n" + r.output());
    }

    @Test
    void composeRunsHapiOnPostgresLoadsTheExamplesAndRunsAmpullaLockedDown() throws Exception {
        JsonNode compose = yaml(ROOT.resolve("docker-compose.yml"));
        JsonNode services = compose.get("services");
        assertEquals(Set.of("postgres", "hapi", "loader", "ampulla"), fieldNames(services));

        JsonNode postgres = services.get("postgres");
        assertTrue(postgres.at("/healthcheck/test").toString().contains("pg_isready"), "postgres: pg_isready check");
        String dataVolume = postgres.get("volumes").get(0).asText().split(":")[0];
        assertTrue(compose.get("volumes").has(dataVolume), "postgres keeps its data in the named volume " + dataVolume);

        JsonNode hapi = services.get("hapi");
        assertEquals(
                "service_healthy", hapi.at("/depends_on/postgres/condition").asText(), "hapi waits for postgres");
        assertTrue(
                hapi.at("/environment/SPRING_DATASOURCE_URL").asText().startsWith("jdbc:postgresql://postgres:5432/"),
                "hapi stores in postgres");
        assertTrue(hapi.at("/environment/SPRING_JPA_PROPERTIES_HIBERNATE_DIALECT")
                .asText()
                .contains("Postgres"));
        assertTrue(
                strings(hapi.get("ports")).contains("127.0.0.1:8081:8080"),
                "HAPI FHIR on http://localhost:8081/fhir, this machine only");

        JsonNode loader = services.get("loader");
        assertEquals("no", loader.get("restart").asText(), "the loader runs once");
        assertEquals(
                "http://hapi:8080/fhir", loader.at("/environment/FHIR_BASE").asText());
        List<String> mounts = strings(loader.get("volumes"));
        assertTrue(mounts.contains("./fhir-examples:/fhir-examples:ro"), "examples mounted read-only: " + mounts);
        for (String mount : mounts) {
            assertTrue(mount.endsWith(":ro"), "read-only: " + mount);
            assertTrue(Files.exists(ROOT.resolve(mount.split(":")[0])), "mounted from the repository: " + mount);
        }
        String script = Files.readString(ROOT.resolve("deploy/compose/load-fhir-examples.sh"));
        assertTrue(
                script.contains("/metadata") && script.contains("application/fhir+json"),
                "the loader waits for /metadata and posts FHIR JSON");

        JsonNode ampulla = services.get("ampulla");
        assertEquals(".", ampulla.get("build").asText(), "Ampulla is built from the Dockerfile");
        assertTrue(strings(ampulla.get("ports")).contains("127.0.0.1:8080:8080"));
        services.forEach(service -> strings(service.get("ports"))
                .forEach(port -> assertTrue(port.startsWith("127.0.0.1:"), "published on loopback only: " + port)));
        assertEquals(
                "http://localhost:8080",
                ampulla.at("/environment/AMPULLA_PUBLIC_BASE_URL").asText());
        assertTrue(
                ampulla.at("/environment/AMPULLA_METRICS_TOKEN").asText().startsWith("${AMPULLA_METRICS_TOKEN:?"),
                "the metrics token comes from the environment, with no default");

        // A trust file from the repository, mounted read-only where AMPULLA_TRUST_FILE points, that Ampulla loads.
        String trustFile = ampulla.at("/environment/AMPULLA_TRUST_FILE").asText();
        Path trustOnHost = null;
        for (String mount : strings(ampulla.get("volumes"))) {
            String[] parts = mount.split(":");
            assertEquals("ro", parts[2], "read-only: " + mount);
            if (trustFile.startsWith(parts[1] + "/")) {
                trustOnHost = ROOT.resolve(parts[0])
                        .resolve(trustFile.substring(parts[1].length() + 1))
                        .normalize();
            }
        }
        assertNotNull(trustOnHost, "AMPULLA_TRUST_FILE " + trustFile + " lies in a mounted folder");
        TrustConfig trust = TrustConfig.load(trustOnHost);
        assertTrue(
                trust.clients().stream()
                        .flatMap(c -> c.fhirServers().stream())
                        .anyMatch(f ->
                                f.equals(loader.at("/environment/FHIR_BASE").asText())),
                "the trusted client may use the stack's FHIR server");
        assertTrue(ampulla.get("read_only").asBoolean(), "read-only root file system");
        assertTrue(strings(ampulla.get("tmpfs")).stream().anyMatch(t -> t.equals("/tmp") || t.startsWith("/tmp:")));
        assertTrue(strings(ampulla.get("security_opt")).contains("no-new-privileges:true"));
        assertTrue(strings(ampulla.get("cap_drop")).contains("ALL"));

        // The same health check as the image's HEALTHCHECK, with the same timing.
        Healthcheck image = dockerfileHealthcheck();
        JsonNode check = ampulla.get("healthcheck");
        List<String> expected = new ArrayList<>(List.of("CMD"));
        expected.addAll(image.command());
        assertEquals(
                expected,
                strings(check.get("test")).stream()
                        .map(a -> a.replace("$$", "$"))
                        .toList(),
                "the Compose check ($$ is Compose's escape of $)");
        assertEquals(image.options().get("interval"), check.get("interval").asText());
        assertEquals(image.options().get("timeout"), check.get("timeout").asText());
        assertEquals(
                image.options().get("start-period"), check.get("start_period").asText());
        assertEquals(image.options().get("retries"), check.get("retries").asText());
    }

    // ---- Dockerfile -------------------------------------------------------------------------------------------------

    @Test
    void theImageIsBuiltWithTheReadmePackageCommandAndStartsFromItsAotCache() throws Exception {
        assertTrue(Files.readString(ROOT.resolve("README.md")).contains(PACKAGE_COMMAND), "README: " + PACKAGE_COMMAND);
        List<List<Instruction>> stages = dockerfileStages();
        assertTrue(stages.size() >= 2, "multi-stage build");

        List<Instruction> build = stages.get(0);
        String buildImage = build.get(0).args().split("\\s+")[0];
        assertTrue(buildImage.startsWith("maven:") && buildImage.contains("eclipse-temurin-17"), buildImage);
        assertTrue(args(build, "RUN").contains(PACKAGE_COMMAND), "the build stage runs exactly " + PACKAGE_COMMAND);
        int pom = indexOf(build, "COPY", "pom.xml");
        int sources = indexOf(build, "COPY", "src");
        int dependencies = indexOf(build, "RUN", "go-offline");
        assertTrue(
                pom >= 0 && pom < dependencies && dependencies < sources,
                "pom.xml and its dependencies come before the sources (a cached layer)");

        List<Instruction> runtime = stages.get(stages.size() - 1);
        String runtimeImage = runtime.get(0).args().split("\\s+")[0];
        // the newest LTS JRE (AOT caches need JDK 24+); the jar itself is compiled for Java 17
        assertTrue(runtimeImage.startsWith("eclipse-temurin:25") && runtimeImage.contains("-jre"), runtimeImage);
        assertTrue(args(runtime, "COPY").stream().anyMatch(a -> a.startsWith("--from=") && a.endsWith(JAR)));
        assertTrue(
                args(runtime, "RUN").stream()
                        .anyMatch(a -> a.contains("-XX:AOTCacheOutput=" + AOT_CACHE)
                                && a.contains("-jar " + JAR + " warm-up")
                                && a.contains("-XX:AOTMode=on -XX:AOTCache=" + AOT_CACHE)),
                "the AOT cache is recorded by the warm-up command, and the build fails if the JVM cannot use it");
        assertTrue(args(runtime, "EXPOSE").contains("8080"));

        List<String> entrypoint = execForm(single(runtime, "ENTRYPOINT"));
        assertEquals("java", entrypoint.get(0));
        assertTrue(entrypoint.contains("-XX:AOTCache=" + AOT_CACHE), entrypoint.toString());
        assertTrue(entrypoint.stream().noneMatch(a -> a.contains("TieredStopAtLevel")), "full JIT for serving");
        assertEquals(List.of("-jar", JAR, "serve"), entrypoint.subList(entrypoint.size() - 3, entrypoint.size()));
        assertTrue(heapBytes() > 0, "the heap is bounded: " + entrypoint);
    }

    @Test
    void theImageRunsAsANonRootUserWithAHealthcheck() throws Exception {
        List<List<Instruction>> stages = dockerfileStages();
        List<Instruction> runtime = stages.get(stages.size() - 1);
        String user = single(runtime, "USER");
        String uid = user.split(":")[0];
        assertFalse(uid.equals("root") || uid.equals("0"), "USER " + user);
        assertTrue(uid.matches("[1-9][0-9]*"), "a numeric uid, so that Kubernetes can check runAsNonRoot: " + user);
        assertTrue(indexOf(runtime, "USER", "") > indexOf(runtime, "RUN", "warm-up"), "USER after the root steps");

        // Cheap: no JVM started every 15 s, no tool the image lacks; bash itself sends the GET.
        List<String> command = dockerfileHealthcheck().command();
        assertEquals(List.of("bash", "-c"), command.subList(0, 2), command.toString());
        assertEquals(3, command.size());
        assertTrue(
                command.get(2).contains("/dev/tcp/127.0.0.1/${AMPULLA_PORT:-8080}")
                        && command.get(2).contains("GET /health/ready "),
                command.get(2));
        assertFalse(String.join(" ", command).contains("java"), "no JVM per check: " + command);
    }

    /** The image's health check, run as Docker runs it: healthy on 200 from /health/ready, else not. */
    @Test
    void theHealthcheckSucceedsOnlyWhenHealthReadyAnswers200() throws Exception {
        String script = dockerfileHealthcheck().command().get(2);
        assertEquals(0, runHealthcheck(script, TestServer.port()), "a ready Ampulla is healthy");
        com.sun.net.httpserver.HttpServer starting =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        starting.createContext("/health/ready", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        starting.start();
        try {
            assertNotEquals(0, runHealthcheck(script, starting.getAddress().getPort()), "503: not healthy");
        } finally {
            starting.stop(0);
        }
        int closed;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertNotEquals(0, runHealthcheck(script, closed), "nothing listening: not healthy");
    }

    private static int runHealthcheck(String script, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().put("AMPULLA_PORT", Integer.toString(port));
        Process p = builder.start();
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the health check did not end");
        }
        return p.exitValue();
    }

    // ---- Kubernetes -------------------------------------------------------------------------------------------------

    @Test
    void kubernetesRunsTwoLockedDownReplicasProbingTheHealthEndpoints() throws Exception {
        Path dir = ROOT.resolve("deploy/kubernetes");
        JsonNode kustomization = yaml(dir.resolve("kustomization.yaml"));
        Set<String> manifests;
        try (Stream<Path> files = Files.list(dir)) {
            manifests = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .collect(Collectors.toSet());
        }
        assertEquals(manifests, new HashSet<>(strings(kustomization.get("resources"))), "kustomization lists all");

        Map<String, JsonNode> byKind = new HashMap<>();
        for (String name : manifests) {
            for (JsonNode doc : yamlDocuments(dir.resolve(name))) {
                assertNotNull(doc.get("apiVersion"), name);
                assertEquals(null, byKind.put(doc.get("kind").asText(), doc), "one " + doc.get("kind") + " only");
            }
        }
        assertEquals(KUBERNETES_KINDS, byKind.keySet());

        JsonNode deployment = byKind.get("Deployment");
        // The autoscaler owns the replica count (at least two); the Deployment leaves it unset so that applying it
        // does not reset what the autoscaler chose.
        assertTrue(deployment.at("/spec/replicas").isMissingNode(), "no replicas beside the autoscaler");
        JsonNode hpa = byKind.get("HorizontalPodAutoscaler");
        assertTrue(hpa.at("/spec/minReplicas").asInt() >= 2, "at least two replicas");
        assertTrue(hpa.at("/spec/maxReplicas").asInt()
                > hpa.at("/spec/minReplicas").asInt());
        assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
        assertEquals(
                deployment.at("/metadata/name").asText(),
                hpa.at("/spec/scaleTargetRef/name").asText());
        assertEquals("cpu", hpa.at("/spec/metrics/0/resource/name").asText(), "scaled on CPU");
        JsonNode labels = deployment.at("/spec/template/metadata/labels");
        assertEquals(labels, deployment.at("/spec/selector/matchLabels"));
        JsonNode pod = deployment.at("/spec/template/spec");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        String uid = single(dockerfileStages().get(dockerfileStages().size() - 1), "USER")
                .split(":")[0];
        assertEquals(uid, pod.at("/securityContext/runAsUser").asText(), "the image's uid");

        assertEquals(1, pod.get("containers").size());
        JsonNode container = pod.get("containers").get(0);
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertTrue(strings(container.at("/securityContext/capabilities/drop")).contains("ALL"));
        JsonNode http = container.get("ports").get(0);
        assertEquals("http", http.get("name").asText());
        assertEquals(8080, http.get("containerPort").asInt());

        Map<String, JsonNode> volumes = new HashMap<>();
        pod.get("volumes").forEach(v -> volumes.put(v.get("name").asText(), v));
        Map<String, String> mounts = new HashMap<>();
        container
                .get("volumeMounts")
                .forEach(m ->
                        mounts.put(m.get("mountPath").asText(), m.get("name").asText()));
        assertTrue(volumes.get(mounts.get("/tmp")).has("emptyDir"), "a writable /tmp from an emptyDir");

        for (String[] probe : new String[][] {
            {"readinessProbe", "/health/ready"}, {"livenessProbe", "/health/live"}, {"startupProbe", null}
        }) {
            JsonNode get = container.at("/" + probe[0] + "/httpGet");
            assertTrue(get.isObject(), probe[0] + " is an HTTP GET");
            assertEquals("http", get.get("port").asText(), probe[0] + " port");
            String path = get.get("path").asText();
            if (probe[1] != null) {
                assertEquals(probe[1], path, probe[0]);
            } else {
                assertTrue(path.equals("/health/live") || path.equals("/health/ready"), "startupProbe: " + path);
            }
        }

        long heap = heapBytes();
        long limit = quantity(container.at("/resources/limits/memory").asText());
        long request = quantity(container.at("/resources/requests/memory").asText());
        assertTrue(
                limit >= heap + 128L * 1024 * 1024, "memory limit " + limit + " leaves room beyond the heap " + heap);
        assertTrue(request > heap && request <= limit, "memory request between the heap and the limit");
        assertFalse(container.at("/resources/requests/cpu").isMissingNode());
        assertFalse(container.at("/resources/limits/cpu").isMissingNode());

        // Settings come from the ConfigMap, and every key is a setting Ampulla reads.
        JsonNode configMap = byKind.get("ConfigMap");
        assertEquals(
                configMap.at("/metadata/name").asText(),
                container.at("/envFrom/0/configMapRef/name").asText());
        Set<String> settings =
                AmpullaConfig.OPTIONS.stream().map(AmpullaConfig.Option::env).collect(Collectors.toSet());
        fieldNames(configMap.get("data")).forEach(k -> assertTrue(settings.contains(k), "unknown setting " + k));

        // The trust file is on: a required Secret volume, and the path the ConfigMap names lies in it.
        JsonNode data = configMap.get("data");
        String trustFile = data.path("AMPULLA_TRUST_FILE").asText();
        String trustMount = mounts.keySet().stream()
                .filter(m -> trustFile.startsWith(m + "/"))
                .findFirst()
                .orElseThrow(() -> new AssertionFailedError("AMPULLA_TRUST_FILE " + trustFile + " is not mounted"));
        JsonNode trustVolume = volumes.get(mounts.get(trustMount));
        assertTrue(trustVolume.has("secret"), "the trust file comes from a Secret");
        assertFalse(trustVolume.at("/secret/optional").asBoolean(false), "no trust file, no start: not optional");
        // Browser calls only from the EHR's origins, never any.
        String cors = data.path("AMPULLA_CORS_ORIGINS").asText();
        assertFalse(cors.isBlank() || cors.contains("*") || cors.contains("sandbox"), "CORS narrowed: " + cors);
        // PostgreSQL over TLS, the server checked against a mounted CA.
        String database = data.path("AMPULLA_DATABASE_URL").asText();
        assertTrue(database.contains("sslmode=verify-full"), database);
        Matcher ca = Pattern.compile("sslrootcert=([^&]+)").matcher(database);
        assertTrue(
                ca.find()
                        && mounts.keySet().stream()
                                .anyMatch(m -> ca.group(1).startsWith(m + "/")
                                        && volumes.get(mounts.get(m)).has("secret")),
                "the CA is mounted from a Secret: " + database);

        // Ingress to port 8080 only; egress to DNS, HTTPS (FHIR servers) and PostgreSQL only.
        JsonNode policy = byKind.get("NetworkPolicy");
        assertEquals(labels, policy.at("/spec/podSelector/matchLabels"));
        assertEquals(List.of("Ingress", "Egress"), strings(policy.at("/spec/policyTypes")));
        for (JsonNode rule : policy.at("/spec/ingress")) {
            assertFalse(rule.path("from").isEmpty(), "ingress from named sources only");
            List<String> ports = new ArrayList<>();
            rule.path("ports").forEach(port -> ports.add(port.path("port").asText()));
            assertEquals(List.of("8080"), ports, "ingress to Ampulla's port only");
        }
        Set<String> egressPorts = new HashSet<>();
        for (JsonNode rule : policy.at("/spec/egress")) {
            assertFalse(rule.path("to").isEmpty(), "egress to named destinations only");
            rule.path("ports")
                    .forEach(port -> egressPorts.add(port.path("protocol").asText() + "/"
                            + port.path("port").asText()));
        }
        assertEquals(Set.of("UDP/53", "TCP/53", "TCP/443", "TCP/5432"), egressPorts);

        // Prometheus scrapes through the Service with the token Ampulla reads, from the same Secret.
        JsonNode monitor = byKind.get("ServiceMonitor");
        assertEquals(byKind.get("Service").at("/metadata/labels"), monitor.at("/spec/selector/matchLabels"));
        JsonNode endpoint = monitor.at("/spec/endpoints/0");
        assertEquals(
                byKind.get("Service").at("/spec/ports/0/name").asText(),
                endpoint.path("port").asText());
        assertEquals("/metrics", endpoint.path("path").asText());
        assertEquals("Bearer", endpoint.at("/authorization/type").asText());
        assertEquals(
                "AMPULLA_METRICS_TOKEN",
                endpoint.at("/authorization/credentials/key").asText());
        String tokenSecret = endpoint.at("/authorization/credentials/name").asText();
        assertTrue(
                container.get("envFrom").findValues("secretRef").stream()
                        .anyMatch(ref -> ref.path("name").asText().equals(tokenSecret)
                                && !ref.path("optional").asBoolean(false)),
                "Ampulla reads " + tokenSecret + " too");

        JsonNode service = byKind.get("Service");
        assertEquals("ClusterIP", service.at("/spec/type").asText());
        assertEquals(80, service.at("/spec/ports/0/port").asInt());
        assertEquals("http", service.at("/spec/ports/0/targetPort").asText());
        assertEquals(labels, service.at("/spec/selector"));
        assertEquals(labels, byKind.get("PodDisruptionBudget").at("/spec/selector/matchLabels"));
    }

    /** kubectl renders the kustomization into exactly the expected objects (run only where kubectl is installed). */
    @Test
    void kubectlKustomizeRendersTheManifests() throws Exception {
        assumeTrue(Files.isExecutable(KUBECTL), KUBECTL + " is not installed: kubectl kustomize was not run");
        Process p = new ProcessBuilder(
                        KUBECTL.toString(),
                        "kustomize",
                        ROOT.resolve("deploy/kubernetes").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        String rendered = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "kubectl kustomize did not finish");
        assertEquals(0, p.exitValue(), "kubectl kustomize failed");
        Set<String> kinds = new HashSet<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(rendered)) {
            for (JsonNode doc : docs.readAll()) {
                if (doc != null && !doc.isNull()) {
                    assertTrue(kinds.add(doc.get("kind").asText()), "one " + doc.get("kind"));
                }
            }
        }
        assertEquals(KUBERNETES_KINDS, kinds);
        assertTrue(rendered.contains("image: ampulla:0.1.0"), "the image of kustomization.yaml");
    }

    /**
     * The example Secrets name every Secret the manifests use, hold a trust file Ampulla loads with the shipped public
     * key set, and placeholders Ampulla refuses; kustomize does not apply them.
     */
    @Test
    void theExampleSecretsCoverEveryReferenceAndArePlaceholders(@TempDir Path dir) throws Exception {
        Path examples = ROOT.resolve("deploy/kubernetes/example-secrets/secrets.example.yaml");
        Map<String, JsonNode> secrets = new HashMap<>();
        for (JsonNode doc : yamlDocuments(examples)) {
            assertEquals("Secret", doc.get("kind").asText());
            secrets.put(doc.at("/metadata/name").asText(), doc.get("stringData"));
        }
        assertFalse(
                strings(yaml(ROOT.resolve("deploy/kubernetes/kustomization.yaml"))
                                .get("resources"))
                        .stream()
                        .anyMatch(r -> r.contains("example")),
                "placeholders are never applied over real Secrets");

        Set<String> referenced = new HashSet<>();
        JsonNode deployment =
                yamlDocuments(ROOT.resolve("deploy/kubernetes/deployment.yaml")).get(0);
        deployment
                .findValues("secretRef")
                .forEach(ref -> referenced.add(ref.path("name").asText()));
        deployment.findValues("secretName").forEach(name -> referenced.add(name.asText()));
        yaml(ROOT.resolve("deploy/kubernetes/servicemonitor.yaml"))
                .findValues("credentials")
                .forEach(ref -> referenced.add(ref.path("name").asText()));
        assertTrue(referenced.size() >= 4, referenced.toString());
        assertEquals(referenced, secrets.keySet(), "an example for every Secret the manifests use");

        JsonNode trust = secrets.get("ampulla-trust");
        trust.fieldNames().forEachRemaining(name -> {
            try {
                Files.writeString(dir.resolve(name), trust.get(name).asText());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertFalse(TrustConfig.load(dir.resolve("trust.json")).clients().isEmpty());
        assertEquals(
                JSON.readTree(ROOT.resolve("deploy/trust/ehr-jwks.json").toFile()),
                JSON.readTree(trust.get("ehr-jwks.json").asText()),
                "the same public key set as deploy/trust");

        String metricsToken =
                secrets.get("ampulla-metrics").get("AMPULLA_METRICS_TOKEN").asText();
        assertThrows(
                IllegalArgumentException.class,
                () -> AmpullaConfig.from(Map.of("metrics-token", metricsToken), Map.of()),
                "a placeholder token does not start Ampulla");
        String hashKey = secrets.get("ampulla-patient-hash")
                .get("AMPULLA_PATIENT_HASH_KEY")
                .asText();
        assertThrows(
                IllegalArgumentException.class,
                () -> AmpullaConfig.from(Map.of("patient-hash-key", hashKey), Map.of()),
                "a placeholder hash key does not start Ampulla");
        assertTrue(secrets.get("ampulla-database")
                .get("AMPULLA_DATABASE_PASSWORD")
                .asText()
                .contains("REPLACE"));
    }

    /** The example client's key set is public keys only, of a strength Ampulla accepts (EC P-256). */
    @Test
    void theExampleKeySetHoldsPublicKeysOnly() throws Exception {
        Path file = ROOT.resolve("deploy/trust/ehr-jwks.json");
        com.nimbusds.jose.jwk.JWKSet keys = com.nimbusds.jose.jwk.JWKSet.load(file.toFile());
        assertFalse(keys.getKeys().isEmpty());
        for (com.nimbusds.jose.jwk.JWK key : keys.getKeys()) {
            assertFalse(key.isPrivate(), key.getKeyID() + " holds a private key");
            assertEquals(com.nimbusds.jose.jwk.Curve.P_256, key.toECKey().getCurve());
            assertNotNull(key.getKeyID());
        }
        assertFalse(Files.readString(file).contains("\"d\""), "no private member");
    }

    /** Ampulla started on the shipped trust file (as Compose runs it) serves trusted clients only. */
    @Test
    void theShippedTrustFileStartsAmpullaForTrustedClientsOnly() {
        try (Application secured = TestServer.startWith(Map.of(
                "trust-file", ROOT.resolve("deploy/trust/trust.example.json").toString()))) {
            io.restassured.RestAssured.given()
                    .port(secured.port())
                    .get("/health/ready")
                    .then()
                    .statusCode(200)
                    .body("authentication", org.hamcrest.Matchers.equalTo("trusted clients only"));
            io.restassured.RestAssured.given()
                    .port(secured.port())
                    .contentType("application/json")
                    .body(Examples.read(Examples.patientViewRequest("01-stage-i-lower-rectum")))
                    .post("/cds-services/rectal-cancer-pathways")
                    .then()
                    .statusCode(401);
        }
    }

    /** Development mode (serving without a trust file) is for a developer's machine: no shipped file turns it on. */
    @Test
    void noShippedFileTurnsOnDevelopmentMode() throws Exception {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("Dockerfile"), ROOT.resolve("docker-compose.yml")));
        try (Stream<Path> deploy = Files.walk(ROOT.resolve("deploy"))) {
            deploy.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            String text = Files.readString(file);
            assertFalse(
                    text.contains("AMPULLA_DEVELOPMENT_MODE") || text.contains("development-mode"),
                    ROOT.relativize(file) + " turns on development mode");
        }
    }

    // ---- Every file -------------------------------------------------------------------------------------------------

    @Test
    void everyImageIsPinnedAndNamedWithoutARegistryHost() throws Exception {
        List<String> images = images();
        assertTrue(images.size() >= 7, "two stages, four services, one container: " + images);
        images.forEach(DeploymentFilesTest::assertPinned);
        JsonNode kustomizeImages =
                yaml(ROOT.resolve("deploy/kubernetes/kustomization.yaml")).path("images");
        for (JsonNode i : kustomizeImages) {
            assertPinned(i.get("name").asText() + ":" + i.get("newTag").asText());
        }
    }

    @Test
    void theDeploymentFilesNameNoRegistryHost() throws Exception {
        List<Path> files = new ArrayList<>(List.of(
                ROOT.resolve("Dockerfile"),
                ROOT.resolve(".dockerignore"),
                ROOT.resolve("docker-compose.yml"),
                ROOT.resolve("docs/operations.md")));
        try (Stream<Path> deploy = Files.walk(ROOT.resolve("deploy"))) {
            deploy.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            Set<String> unknown = hostNames(Files.readString(file));
            unknown.removeAll(KNOWN_HOSTS);
            assertEquals(Set.of(), unknown, ROOT.relativize(file) + " names hosts other than " + KNOWN_HOSTS);
        }
    }

    @Test
    void theHostCheckFindsRegistryHosts() {
        String text = """
                FROM mirror.example.io/library/postgres:16.8
                RUN mvn -s settings.xml -Dmaven.repo.remote=https://artifacts.corp.internal/maven2 package
                # see https://sandbox.cds-hooks.org/ and app.kubernetes.io/name
                """;
        Set<String> hosts = hostNames(text);
        assertEquals(
                Set.of("mirror.example.io", "artifacts.corp.internal", "sandbox.cds-hooks.org", "app.kubernetes.io"),
                hosts);
    }

    @Test
    void thePinCheckRefusesUnpinnedOrHostQualifiedImages() {
        for (String bad : List.of(
                "postgres",
                "postgres:latest",
                "hapiproject/hapi",
                "curlimages/curl:latest@sha256:0",
                "mirror.example/library/postgres:16.8",
                "localhost:5000/ampulla:0.1.0",
                "localhost/ampulla:0.1.0")) {
            assertThrows(AssertionFailedError.class, () -> assertPinned(bad), bad);
        }
        assertPinned("hapiproject/hapi:v8.8.0-1");
        assertPinned("eclipse-temurin:17.0.15_6-jre");
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------------

    private record Result(int exit, String output) {}

    private record Instruction(String keyword, String args) {}

    private record Healthcheck(Map<String, String> options, List<String> command) {}

    private static Result dockerCompose(Path dir, Map<String, String> env, String... args) throws Exception {
        if (!Files.isExecutable(DOCKER_COMPOSE)) {
            fail(DOCKER_COMPOSE + " is missing: install Compose v1 with `apt-get install -y docker-compose`");
        }
        List<String> command = new ArrayList<>(List.of(DOCKER_COMPOSE.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("AMPULLA_METRICS_TOKEN");
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("docker-compose did not finish within 120 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** An image reference: tagged, not {@code latest}, and without a registry host (a first part with . or :). */
    private static void assertPinned(String image) {
        String withoutDigest = image.split("@")[0];
        String[] parts = withoutDigest.split("/");
        if (parts.length > 1) {
            String first = parts[0];
            assertFalse(
                    first.contains(".") || first.contains(":") || first.equals("localhost"),
                    image + " names a registry host");
        }
        String last = parts[parts.length - 1];
        int colon = last.indexOf(':');
        assertTrue(colon > 0 && colon < last.length() - 1, image + " has no tag");
        assertNotEquals("latest", last.substring(colon + 1), image + " uses latest");
    }

    /** Images of the Dockerfile's stages, the Compose services and the Kubernetes containers. */
    private static List<String> images() throws IOException {
        List<String> images = new ArrayList<>();
        Set<String> stageNames = new HashSet<>();
        for (List<Instruction> stage : dockerfileStages()) {
            String[] from = stage.get(0).args().split("\\s+");
            if (!stageNames.contains(from[0])) {
                images.add(from[0]);
            }
            if (from.length == 3 && from[1].equalsIgnoreCase("AS")) {
                stageNames.add(from[2]);
            }
        }
        yaml(ROOT.resolve("docker-compose.yml")).get("services").forEach(s -> {
            assertTrue(s.has("image"), "every Compose service names its image: " + s);
            images.add(s.get("image").asText());
        });
        for (JsonNode doc : yamlDocuments(ROOT.resolve("deploy/kubernetes/deployment.yaml"))) {
            for (String list : List.of("containers", "initContainers")) {
                doc.at("/spec/template/spec/" + list)
                        .forEach(c -> images.add(c.get("image").asText()));
            }
        }
        return images;
    }

    /** The Dockerfile's instructions (continuation lines joined, comments dropped), one list per stage. */
    private static List<List<Instruction>> dockerfileStages() throws IOException {
        List<List<Instruction>> stages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] split = current.toString().strip().split("\\s+", 2);
            current.setLength(0);
            Instruction i = new Instruction(
                    split[0].toUpperCase(Locale.ROOT),
                    split.length > 1 ? split[1].strip().replaceAll("\\s+", " ") : "");
            if (i.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            assertFalse(stages.isEmpty(), "the Dockerfile starts with FROM");
            stages.get(stages.size() - 1).add(i);
        }
        return stages;
    }

    private static Healthcheck dockerfileHealthcheck() throws IOException {
        List<List<Instruction>> stages = dockerfileStages();
        String args = single(stages.get(stages.size() - 1), "HEALTHCHECK");
        int cmd = args.indexOf("CMD ");
        assertTrue(cmd >= 0, "HEALTHCHECK ... CMD [...]: " + args);
        Map<String, String> options = new HashMap<>();
        for (String option : args.substring(0, cmd).strip().split("\\s+")) {
            if (!option.isEmpty()) {
                String[] kv = option.replaceFirst("^--", "").split("=", 2);
                options.put(kv[0], kv[1]);
            }
        }
        return new Healthcheck(options, execForm(args.substring(cmd + 4)));
    }

    /** Host names in a text: the hosts of its URLs and the words shaped like host names. */
    private static Set<String> hostNames(String text) {
        Set<String> hosts = new HashSet<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (Pattern p : List.of(URL_HOST, HOST_WORD)) {
            Matcher m = p.matcher(lower);
            while (m.find()) {
                hosts.add(m.group(1));
            }
        }
        return hosts;
    }

    /** The JVM heap the image's ENTRYPOINT sets with -Xmx. */
    private static long heapBytes() throws IOException {
        List<List<Instruction>> stages = dockerfileStages();
        for (String arg : execForm(single(stages.get(stages.size() - 1), "ENTRYPOINT"))) {
            if (arg.startsWith("-Xmx")) {
                return quantity(arg.substring(4));
            }
        }
        throw new AssertionFailedError("the ENTRYPOINT sets no -Xmx");
    }

    /** Bytes of a Kubernetes quantity (384Mi) or a JVM size (256m). */
    private static long quantity(String q) {
        Matcher m = Pattern.compile("(\\d+)([KMGkmg]i?)?").matcher(q);
        assertTrue(m.matches(), "a size: " + q);
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "" -> n;
            case "Ki", "k", "K" -> n << 10;
            case "Mi", "m", "M" -> n << 20;
            case "Gi", "g", "G" -> n << 30;
            default -> throw new AssertionFailedError("unit of " + q);
        };
    }

    private static List<String> execForm(String json) {
        try {
            JsonNode array = JSON.readTree(json);
            assertTrue(array.isArray(), "exec form [\"...\"]: " + json);
            return strings(array);
        } catch (IOException e) {
            throw new AssertionFailedError("exec form [\"...\"]: " + json, e);
        }
    }

    private static String single(List<Instruction> stage, String keyword) {
        List<String> found = args(stage, keyword);
        assertEquals(1, found.size(), "one " + keyword + " in the runtime stage");
        return found.get(0);
    }

    private static List<String> args(List<Instruction> stage, String keyword) {
        return stage.stream()
                .filter(i -> i.keyword().equals(keyword))
                .map(Instruction::args)
                .toList();
    }

    private static int indexOf(List<Instruction> stage, String keyword, String argsContain) {
        for (int i = 0; i < stage.size(); i++) {
            if (stage.get(i).keyword().equals(keyword) && stage.get(i).args().contains(argsContain)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode yaml(Path file) throws IOException {
        List<JsonNode> docs = yamlDocuments(file);
        assertEquals(1, docs.size(), file + " holds one document");
        return docs.get(0);
    }

    private static List<JsonNode> yamlDocuments(Path file) throws IOException {
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return values.readAll().stream()
                    .filter(d -> d != null && !d.isNull() && !d.isMissingNode())
                    .toList();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
