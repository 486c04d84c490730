package dev.ampulla;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ampulla.support.Examples;
import dev.ampulla.support.PrometheusScrape;
import dev.ampulla.support.TestServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard and the Prometheus alerts of deploy/: every metric they query is one a running Ampulla really
 * exposes (scraped after a few calls of every kind), and promtool accepts and unit-tests the rules.
 */
class MonitoringFilesTest {
    private static final Path ROOT =
            Examples.root().toAbsolutePath().normalize().getParent();
    private static final Path DASHBOARD = ROOT.resolve("deploy/grafana/ampulla-dashboard.json");
    private static final Path ALERTS = ROOT.resolve("deploy/prometheus/ampulla-alerts.yaml");
    private static final Path ALERT_TESTS = ROOT.resolve("deploy/prometheus/ampulla-alerts.test.yaml");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A metric name in PromQL, once quoted label values are removed: Ampulla's, the JVM's and the process's. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:ampulla|jvm|process|system)_[a-zA-Z0-9_]+)");
    /** Series Prometheus itself adds to every target. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    private static final String HOOK = "/cds-services/rectal-cancer-pathways";

    private static PrometheusScrape scrape;

    /** One call of each kind, so that every series that appears only once used is there: then one scrape. */
    @BeforeAll
    static void callEveryKindThenScrape() throws Exception {
        int port = TestServer.port();
        String request = Examples.read(Examples.patientViewRequest("09-stage-iva-resectable-lower"));
        String card = given().port(port)
                .contentType("application/json")
                .body(request)
                .post(HOOK)
                .then()
                .statusCode(200)
                .extract()
                .path("cards[0].uuid");
        given().port(port)
                .contentType("application/json")
                .body("{\"feedback\":[{\"card\":\"" + card
                        + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-26T10:05:31Z\"}]}")
                .post(HOOK + "/feedback")
                .then()
                .statusCode(204);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ObjectNode fetching = (ObjectNode) JSON.readTree(request);
        fetching.remove("prefetch");
        fetching.put("fhirServer", "http://127.0.0.1:" + closedPort + "/fhir");
        given().port(port)
                .contentType("application/json")
                .body(fetching.toString())
                .post(HOOK)
                .then()
                .statusCode(412);
        given().port(port)
                .contentType("text/plain")
                .body("{}")
                .post(HOOK)
                .then()
                .statusCode(415);
        scrape = new PrometheusScrape(given().port(port)
                .get("/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> queries.add(e.asText()));
        dashboard
                .path("templating")
                .path("list")
                .forEach(v -> queries.add(v.path("definition").asText()));
        Set<String> used = metricNames(queries);
        assertTrue(
                used.containsAll(Set.of(
                        "ampulla_hook_requests_seconds_count",
                        "ampulla_hook_requests_seconds_bucket",
                        "ampulla_hook_phase_seconds_sum",
                        "ampulla_cards_total",
                        "ampulla_refused_total",
                        "ampulla_authentication_failures_total",
                        "ampulla_ready",
                        "ampulla_build_info",
                        "ampulla_fhir_queries_total",
                        "jvm_memory_used_bytes")),
                "the dashboard shows what it should: " + used);
        assertExposed(used);
        assertTrue(Files.readString(DASHBOARD).contains("0.5"), "the 500 ms budget is drawn");
    }

    @Test
    void everyMetricTheAlertsQueryIsExposed() throws Exception {
        List<String> queries = new ArrayList<>();
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : YAML.readTree(ALERTS.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                queries.add(rule.path("expr").asText());
                alerts.add(rule.path("alert").asText());
            }
        }
        assertTrue(
                alerts.containsAll(Set.of(
                        "AmpullaHookErrors",
                        "AmpullaHookLatencyOverBudget",
                        "AmpullaFhirFetchFailures",
                        "AmpullaCardsUnrecorded",
                        "AmpullaFeedbackStoreDown",
                        "AmpullaNotReady")),
                alerts.toString());
        assertExposed(metricNames(queries));
    }

    /** The check above can fail: a name that no scrape holds is found and reported. */
    @Test
    void theNameCheckFindsAMetricThatIsNotExposed() {
        Set<String> names = metricNames(
                List.of("sum by (service) (rate(ampulla_no_such_calls_total{job=\"ampulla\"}" + "[5m])) / on() up"));
        assertEquals(Set.of("ampulla_no_such_calls_total"), names);
        assertThrows(names);
    }

    @Test
    void promtoolAcceptsTheAlertRulesAndTheirUnitTestsPass() throws Exception {
        assumeTrue(
                Files.isExecutable(PROMTOOL),
                PROMTOOL + " is not installed (Debian package prometheus; .ci/run"
                        + " installs it): the rules were not checked");
        Result check = promtool("check", "rules", ALERTS.toString());
        assertEquals(0, check.exit(), check.output());
        assertTrue(check.output().contains("SUCCESS"), check.output());
        Result test = promtool("test", "rules", ALERT_TESTS.toString());
        assertEquals(0, test.exit(), test.output());
    }

    @Test
    void promtoolRefusesABrokenRule(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), PROMTOOL + " is not installed (Debian package prometheus)");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: rate(a[5m]) >\n");
        assertNotEquals(0, promtool("check", "rules", broken.toString()).exit());
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------------

    private record Result(int exit, String output) {}

    private static Result promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        return new Result(p.exitValue(), output);
    }

    private static Set<String> metricNames(List<String> queries) {
        Set<String> names = new TreeSet<>();
        for (String query : queries) {
            Matcher m = METRIC.matcher(query.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\""));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static void assertExposed(Set<String> names) {
        assertFalse(names.isEmpty());
        Set<String> missing = new TreeSet<>(names);
        missing.removeAll(scrape.names());
        missing.removeAll(PROMETHEUS_OWN);
        assertEquals(Set.of(), missing, "queried but not exposed by a running Ampulla");
    }

    private static void assertThrows(Set<String> names) {
        org.junit.jupiter.api.Assertions.assertThrows(
                org.opentest4j.AssertionFailedError.class, () -> assertExposed(names));
    }
}
