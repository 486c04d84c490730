package dev.ampulla;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.support.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code demo} as a newcomer runs it, in its own JVM: it logs its URLs (printing them only to a terminal), serves the
 * viewer, and answers a hook sent without prefetch from its in-memory FHIR server; it is ready by the time it tells
 * its URLs; {@code health-check} reports it ready.
 */
class DemoCommandTest {

    @Test
    void theDemoAnswersHooksWithoutPrefetchFromItsOwnFhirServer() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process demo = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.ampulla.Main",
                        "demo",
                        "--port",
                        "0",
                        "--data-dir",
                        TestServer.temporaryDataDir())
                .redirectErrorStream(true)
                .start();
        try {
            // the demo's output is read on its own thread, so that a line that never comes cannot hang the test
            java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the demo was stopped
                }
            });
            reader.setDaemon(true);
            reader.start();
            // Without a terminal (here, a pipe) the URLs are fields of one JSON log line, not a printed banner.
            JsonNode banner = null;
            List<String> before = new java.util.ArrayList<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (banner == null && System.nanoTime() < end) {
                String line = lines.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    break;
                }
                before.add(line);
                if (line.startsWith("{") && line.contains("\"demo listening on port ")) {
                    banner = new ObjectMapper().readTree(line);
                }
            }
            assertNotNull(banner, "the demo logs where it listens: " + before);
            assertEquals("INFO", banner.get("level").asText());
            String viewer = banner.get("viewer").asText();
            String fhir = banner.get("fhirServer").asText();
            assertEquals(47, banner.get("examplePatients").asInt(), "the demo's FHIR server holds every example");
            assertTrue(banner.get("discovery").asText().endsWith("/cds-services"));
            assertTrue(banner.get("metrics").asText().endsWith("/metrics"));
            assertTrue(before.stream().noneMatch(l -> l.contains("Card viewer:")), "no banner without a terminal");
            int port = Integer.parseInt(viewer.replaceAll(".*:(\\d+)/$", "$1"));

            given().port(port).get("/health/ready").then().statusCode(200); // warmed up before it says where it is
            given().port(port).get("/").then().statusCode(200).contentType(containsString("text/html"));
            given().port(port)
                    .get("/examples")
                    .then()
                    .statusCode(200)
                    .body("fhirServer", equalTo(fhir))
                    .body("patients.size()", equalTo(47));
            given().port(port)
                    .contentType("application/json")
                    .body("{\"hook\":\"patient-view\",\"hookInstance\":\"0d7e2a41-5a3b-4f47-9a6c-2f1e8b9c7d10\","
                            + "\"fhirServer\":\"" + fhir + "\",\"context\":{\"userId\":\"Practitioner/demo\","
                            + "\"patientId\":\"rc09\"}}")
                    .post("/cds-services/rectal-cancer-pathways")
                    .then()
                    .statusCode(200)
                    .body("cards.size()", equalTo(4)) // with the guideline layer's MMR and biomarker cards
                    .body("cards[1].source.topic.code", equalTo("stage-iv-resectable"))
                    .body("cards[1].suggestions.size()", equalTo(3));

            Process check = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.ampulla.Main",
                            "health-check",
                            "--port",
                            Integer.toString(port))
                    .redirectErrorStream(true)
                    .start();
            assertTrue(check.waitFor(30, TimeUnit.SECONDS));
            assertTrue(check.exitValue() == 0, "health-check reports the demo ready");
        } finally {
            demo.destroy();
            demo.waitFor(10, TimeUnit.SECONDS);
        }
        Process unreachable = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.ampulla.Main",
                        "health-check",
                        "--port",
                        "9"))
                .redirectErrorStream(true)
                .start();
        assertTrue(unreachable.waitFor(30, TimeUnit.SECONDS));
        assertTrue(unreachable.exitValue() == 1, "health-check fails when nothing answers");
    }
}
