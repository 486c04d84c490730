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
import dev.ampulla.ops.LogLayout;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Prometheus metrics at /metrics and the one structured log line per hook call, through the running server. */
class MetricsAndLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK = "/cds-services/rectal-cancer-pathways";

    @Test
    void hookCallsAreCountedByServiceStatusTopicAndPrefetchSource() {
        String before = metrics();
        String request = Examples.read(Examples.patientViewRequest("09-stage-iva-resectable-lower"));
        given().port(TestServer.port()).contentType("application/json").body(request).post(HOOK).then()
                .statusCode(200);
        given().port(TestServer.port()).contentType("application/json").body("{\"hook\":\"patient-view\"}")
                .post(HOOK).then().statusCode(400);
        String after = metrics();

        String ok = "ampulla_hook_requests_seconds_count{service=\"rectal-cancer-pathways\",status=\"200\"}";
        String bad = "ampulla_hook_requests_seconds_count{service=\"rectal-cancer-pathways\",status=\"400\"}";
        assertEquals(1, value(after, ok) - value(before, ok), "one 200 counted");
        assertEquals(1, value(after, bad) - value(before, bad), "one 400 counted");
        assertTrue(after.contains("ampulla_hook_requests_seconds_bucket{service=\"rectal-cancer-pathways\","
                + "status=\"200\",le=\"0.001\"}"), "latency histogram with sub-millisecond buckets");
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
            given().port(TestServer.port()).contentType("application/json").body(request).post(HOOK).then()
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
        assertEquals(JSON.readTree(request).get("hookInstance").asText(), json.get("hookInstance").asText());
        assertEquals(200, json.get("status").asInt());
        assertTrue(json.get("durationMs").isNumber() && json.get("engineMs").isNumber());
        assertEquals("prefetched", json.at("/prefetch/observations").asText());
        assertEquals("[\"stage-summary\",\"stage-iv-resectable\",\"mmr-status-needed\",\"biomarkers-needed\"]",
                json.get("cardTopics").toString());
        assertFalse(line.contains("rc09"), "no patient id: " + line);
    }

    /** With a scrape token, /metrics is for the scraper only: no token or another one gets 401. */
    @Test
    void aMetricsTokenProtectsTheMetrics() {
        String token = "scrape-token-for-tests-0123456789abcdef";
        try (dev.ampulla.Application secured = TestServer.startWith(java.util.Map.of("metrics-token", token))) {
            given().port(secured.port()).get("/metrics").then().statusCode(401)
                    .body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"));
            given().port(secured.port()).header("Authorization", "Bearer not-the-token-0123456789abcdefghij")
                    .get("/metrics").then().statusCode(401);
            given().port(secured.port()).header("Authorization", "Bearer " + token).get("/metrics").then()
                    .statusCode(200).body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
        }
    }

    private static String metrics() {
        return given().port(TestServer.port()).get("/metrics").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain")).extract().asString();
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
