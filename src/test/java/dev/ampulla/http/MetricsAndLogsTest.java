package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.Application;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.ops.LogLayout;
import dev.ampulla.ops.Metrics;
import dev.ampulla.support.Examples;
import dev.ampulla.support.LogCapture;
import dev.ampulla.support.PrometheusScrape;
import dev.ampulla.support.RawHttp;
import dev.ampulla.support.TestServer;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Prometheus metrics at /metrics and the one structured log line per hook call, through the running server. */
class MetricsAndLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK = "/cds-services/rectal-cancer-pathways";
    private static final String SERVICE = "rectal-cancer-pathways";
    private static final List<String> SERVICES =
            List.of("rectal-cancer-pathways", "rectal-cancer-order-select", "rectal-cancer-order-sign");
    private static final List<String> REFUSALS = List.of(
            "unauthenticated",
            "busy",
            "client-share",
            "memory",
            "rate-limited",
            "too-large",
            "unsupported-media-type",
            "body-timeout");
    private static final List<String> AUTHENTICATION_FAILURES = List.of(
            "missing-token",
            "malformed-token",
            "algorithm-not-accepted",
            "untrusted-issuer",
            "jku-not-allowed",
            "keys-unavailable",
            "unknown-kid",
            "unusable-key",
            "bad-signature",
            "wrong-audience",
            "missing-claim",
            "expired",
            "not-yet-valid",
            "lifetime-too-long",
            "tenant-not-allowed",
            "replay");

    @Test
    void hookCallsAreCountedByServiceStatusTopicAndPrefetchSource() {
        String before = metrics();
        String request = Examples.read(Examples.patientViewRequest("09-stage-iva-resectable-lower"));
        given().port(TestServer.port())
                .contentType("application/json")
                .body(request)
                .post(HOOK)
                .then()
                .statusCode(200);
        given().port(TestServer.port())
                .contentType("application/json")
                .body("{\"hook\":\"patient-view\"}")
                .post(HOOK)
                .then()
                .statusCode(400);
        String after = metrics();

        String ok = "ampulla_hook_requests_seconds_count{service=\"rectal-cancer-pathways\",status=\"200\"}";
        String bad = "ampulla_hook_requests_seconds_count{service=\"rectal-cancer-pathways\",status=\"400\"}";
        assertEquals(1, value(after, ok) - value(before, ok), "one 200 counted");
        assertEquals(1, value(after, bad) - value(before, bad), "one 400 counted");
        assertTrue(
                after.contains("ampulla_hook_requests_seconds_bucket{service=\"rectal-cancer-pathways\","
                        + "status=\"200\",le=\"0.001\"}"),
                "latency histogram with sub-millisecond buckets");
        String stageIv = "ampulla_cards_total{indicator=\"info\",service=\"rectal-cancer-pathways\","
                + "topic=\"stage-iv-resectable\"}";
        assertEquals(1, value(after, stageIv) - value(before, stageIv));
        String prefetched = "ampulla_prefetch_keys_total{key=\"conditions\",source=\"prefetched\"}";
        assertEquals(1, value(after, prefetched) - value(before, prefetched));
        String engine = "ampulla_hook_phase_seconds_count{phase=\"engine\",service=\"rectal-cancer-pathways\"}";
        assertEquals(1, value(after, engine) - value(before, engine));
        assertTrue(after.contains("jvm_memory_used_bytes{"), "JVM metrics");
        assertTrue(after.contains("ampulla_cards_recorded_total"), "feedback store metrics");
    }

    @Test
    void eachHookCallIsOneJsonLogLineWithoutPatientData() throws Exception {
        Logger hooks = (Logger) LoggerFactory.getLogger("ampulla.hooks");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        hooks.addAppender(events);
        String request = Examples.read(Examples.patientViewRequest("09-stage-iva-resectable-lower"));
        try {
            given().port(TestServer.port())
                    .contentType("application/json")
                    .body(request)
                    .post(HOOK)
                    .then()
                    .statusCode(200);
        } finally {
            hooks.detachAppender(events);
        }
        List<ILoggingEvent> calls = events.list;
        assertEquals(1, calls.size(), "one line per call");
        LogLayout layout = new LogLayout();
        layout.setContext(hooks.getLoggerContext());
        layout.start();
        String line = layout.doLayout(calls.get(0));
        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "a single line");
        JsonNode json = JSON.readTree(line);
        assertEquals("rectal-cancer-pathways", json.get("service").asText());
        assertEquals(
                JSON.readTree(request).get("hookInstance").asText(),
                json.get("hookInstance").asText());
        assertEquals(200, json.get("status").asInt());
        assertTrue(json.get("durationMs").isNumber() && json.get("engineMs").isNumber());
        assertEquals("prefetched", json.at("/prefetch/observations").asText());
        assertEquals(
                "[\"stage-summary\",\"stage-iv-resectable\",\"mmr-status-needed\",\"biomarkers-needed\"]",
                json.get("cardTopics").toString());
        assertFalse(line.contains("rc09"), "no patient id: " + line);
        assertEquals("-", json.get("iss").asText(), "open mode: no client");
        assertEquals("-", json.get("tenant").asText());
        assertFalse(json.has("issueCode"), "no error codes on a 200");
    }

    /** What a dashboard and alerts need is there on the first scrape, before any call: no series appears later. */
    @Test
    void theFirstScrapeShowsBuildReadinessAndEveryRefusalAndAuthenticationFailureAtZero() throws Exception {
        try (Application fresh = TestServer.startWith(Map.of())) {
            PrometheusScrape scrape = new PrometheusScrape(given().port(fresh.port())
                    .get("/metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            assertEquals(
                    1.0,
                    scrape.value(
                            "ampulla_build_info",
                            Map.of(
                                    "version",
                                    pomVersion(),
                                    "knowledge_version",
                                    KnowledgePack.shipped().version())),
                    "build info: " + scrape.names());
            assertEquals(1.0, scrape.value("ampulla_ready", Map.of()), "ready after warm-up");
            for (String service : SERVICES) {
                for (String reason : REFUSALS) {
                    assertEquals(
                            0.0,
                            scrape.value("ampulla_refused_total", Map.of("service", service, "reason", reason)),
                            service + " " + reason);
                }
                for (String reason : AUTHENTICATION_FAILURES) {
                    assertEquals(
                            0.0,
                            scrape.value(
                                    "ampulla_authentication_failures_total",
                                    Map.of("service", service, "reason", reason)),
                            service + " " + reason);
                }
            }
            assertEquals(
                    0.0,
                    scrape.value("ampulla_refused_total", Map.of("service", "discovery", "reason", "unauthenticated")));
            assertEquals(
                    0.0,
                    scrape.value(
                            "ampulla_authentication_failures_total",
                            Map.of("service", "metrics", "reason", "wrong-token")));
            assertEquals(
                    0.0,
                    scrape.value(
                            "ampulla_authentication_failures_total",
                            Map.of("service", "analytics", "reason", "wrong-token")));
        }
    }

    @Test
    void theReadinessGaugeFollowsReadiness() {
        AtomicBoolean ready = new AtomicBoolean();
        try (Metrics metrics = new Metrics()) {
            metrics.readiness(ready::get);
            assertEquals(0.0, new PrometheusScrape(metrics.scrape()).value("ampulla_ready", Map.of()));
            ready.set(true);
            assertEquals(1.0, new PrometheusScrape(metrics.scrape()).value("ampulla_ready", Map.of()));
        }
    }

    /**
     * A call whose declared body is over the limit, sent without its body: answered 413 from the headers. (Sending a
     * real oversized body races the server's refusal: the client's write may fail and an HTTP client retry it.)
     */
    private static int postDeclaringMoreThanTheLimit() {
        return RawHttp.exchange(TestServer.port(), RawHttp.jsonPost(HOOK, TestServer.MAX_BODY_BYTES + 1, ""))
                .status();
    }

    /** 413 and 415 are answered before the service runs; they still count in the hook histogram and are logged. */
    @Test
    void hookCallsRefusedBeforeTheServiceAreCountedAndLoggedWithTheirStatusAndReason() throws Exception {
        PrometheusScrape before = scrape();
        List<JsonNode> lines = hookLines(() -> {
            given().port(TestServer.port())
                    .contentType("text/plain")
                    .body("{}")
                    .post(HOOK)
                    .then()
                    .statusCode(415);
            assertEquals(413, postDeclaringMoreThanTheLimit());
        });
        PrometheusScrape after = scrape();
        for (String[] refusal : new String[][] {{"415", "unsupported-media-type"}, {"413", "too-large"}}) {
            Map<String, String> series = Map.of("service", SERVICE, "status", refusal[0]);
            assertEquals(
                    1,
                    after.valueOrZero("ampulla_hook_requests_seconds_count", series)
                            - before.valueOrZero("ampulla_hook_requests_seconds_count", series),
                    refusal[0]);
            Map<String, String> refused = Map.of("service", SERVICE, "reason", refusal[1]);
            assertEquals(
                    1,
                    after.valueOrZero("ampulla_refused_total", refused)
                            - before.valueOrZero("ampulla_refused_total", refused),
                    refusal[1]);
        }
        assertEquals(2, lines.size(), "one line per refused call: " + lines);
        assertEquals(415, lines.get(0).get("status").asInt());
        assertEquals("not-supported", lines.get(0).get("issueCode").asText());
        assertEquals("unsupported-media-type", lines.get(0).get("reason").asText());
        assertEquals(413, lines.get(1).get("status").asInt());
        assertEquals("too-costly", lines.get(1).get("issueCode").asText());
        assertEquals("too-large", lines.get(1).get("reason").asText());
        for (JsonNode line : lines) {
            assertEquals(SERVICE, line.get("service").asText());
            assertEquals("-", line.get("iss").asText(), "open mode names no client");
            assertTrue(line.get("durationMs").isNumber());
        }
    }

    /** A 4xx line says why in codes: the OperationOutcome's issue code and a short reason, never the message. */
    @Test
    void failedHookCallsAreLoggedWithIssueCodeAndReason() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode noData = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(Examples.read(Examples.patientViewRequest("09-stage-iva-resectable-lower")));
        noData.remove("prefetch");
        List<JsonNode> lines = hookLines(() -> {
            given().port(TestServer.port())
                    .contentType("application/json")
                    .body("{\"hook\":\"patient-view\"}")
                    .post(HOOK)
                    .then()
                    .statusCode(400);
            given().port(TestServer.port())
                    .contentType("application/json")
                    .body(noData.toString())
                    .post(HOOK)
                    .then()
                    .statusCode(412);
        });
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(400, lines.get(0).get("status").asInt());
        assertFalse(lines.get(0).get("issueCode").asText().isEmpty());
        assertEquals("bad-request", lines.get(0).get("reason").asText());
        assertEquals(412, lines.get(1).get("status").asInt());
        assertEquals("not-found", lines.get(1).get("issueCode").asText());
        assertEquals("prefetch-unavailable", lines.get(1).get("reason").asText());
        assertEquals(
                noData.get("hookInstance").asText(),
                lines.get(1).get("hookInstance").asText());
        assertFalse(lines.get(1).toString().contains("rc09"), "no patient id");
    }

    /** FHIR queries are counted by server origin (scheme, host, port: no path) and outcome. */
    @Test
    void fhirQueriesAreCountedByServerOriginAndOutcome() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        com.fasterxml.jackson.databind.node.ObjectNode request = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(Examples.read(Examples.patientViewRequest("09-stage-iva-resectable-lower")));
        request.remove("prefetch");
        request.put("fhirServer", "http://127.0.0.1:" + closedPort + "/fhir/r4");
        Map<String, String> failed = Map.of("server", "http://127.0.0.1:" + closedPort, "outcome", "failed");
        PrometheusScrape before = scrape();
        given().port(TestServer.port())
                .contentType("application/json")
                .body(request.toString())
                .post(HOOK)
                .then()
                .statusCode(412);
        PrometheusScrape after = scrape();
        assertTrue(
                after.valueOrZero("ampulla_fhir_queries_total", failed)
                                - before.valueOrZero("ampulla_fhir_queries_total", failed)
                        >= 2,
                "each failed query is counted");
        assertFalse(metrics().contains("/fhir/r4"), "no path in a label");
    }

    /** With a scrape token, /metrics is for the scraper only: no token or another one gets 401. */
    @Test
    void aMetricsTokenProtectsTheMetrics() {
        String token = "scrape-token-for-tests-0123456789abcdef";
        try (dev.ampulla.Application secured = TestServer.startWith(java.util.Map.of("metrics-token", token))) {
            given().port(secured.port())
                    .get("/metrics")
                    .then()
                    .statusCode(401)
                    .body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"));
            given().port(secured.port())
                    .header("Authorization", "Bearer not-the-token-0123456789abcdefghij")
                    .get("/metrics")
                    .then()
                    .statusCode(401);
            given().port(secured.port())
                    .header("Authorization", "Bearer " + token)
                    .get("/metrics")
                    .then()
                    .statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
        }
    }

    private static PrometheusScrape scrape() {
        return new PrometheusScrape(metrics());
    }

    private static List<JsonNode> hookLines(LogCapture.Calls calls) throws Exception {
        return LogCapture.lines("ampulla.hooks", calls);
    }

    private static String pomVersion() throws Exception {
        var pom = javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Examples.root()
                        .toAbsolutePath()
                        .normalize()
                        .getParent()
                        .resolve("pom.xml")
                        .toFile());
        return javax.xml.xpath.XPathFactory.newInstance().newXPath().evaluate("/project/version", pom);
    }

    private static String metrics() {
        return given().port(TestServer.port())
                .get("/metrics")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain"))
                .extract()
                .asString();
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
