package dev.ampulla;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampulla.support.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code demo} as a newcomer runs it, in its own JVM: it prints the URLs, serves the viewer, and answers a hook sent
 * without prefetch from its in-memory FHIR server; it is ready by the time it prints its URLs; {@code health-check}
 * reports it ready.
 */
class DemoCommandTest {

    @Test
    void theDemoAnswersHooksWithoutPrefetchFromItsOwnFhirServer() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.ampulla.Main",
                "demo", "--port", "0", "--data-dir", TestServer.temporaryDataDir(), "--log-format", "text")
                .redirectErrorStream(true).start();
        try {
            // the demo's output is read on its own thread, so that a line that never comes cannot hang the test
            java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null;) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the demo was stopped
                }
            });
            reader.setDaemon(true);
            reader.start();
            String viewer = null;
            String fhir = null;
            String patients = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((viewer == null || fhir == null) && System.nanoTime() < end) {
                String line = lines.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    break;
                }
                Matcher v = Pattern.compile("Card viewer:\\s+(\\S+)").matcher(line);
                Matcher f = Pattern.compile("FHIR server:\\s+(\\S+)\\s+\\((\\d+) example patients").matcher(line);
                if (v.find()) {
                    viewer = v.group(1);
                }
                if (f.find()) {
                    fhir = f.group(1);
                    patients = f.group(2);
                }
            }
            assertNotNull(viewer, "the demo prints the viewer URL");
            assertNotNull(fhir, "the demo prints its FHIR server and the examples it holds");
            assertEquals("47", patients, "the demo's FHIR server holds every example patient");
            int port = Integer.parseInt(viewer.replaceAll(".*:(\\d+)/$", "$1"));

            given().port(port).get("/health/ready").then().statusCode(200); // warmed up before it says where it is
            given().port(port).get("/").then().statusCode(200).contentType(containsString("text/html"));
            given().port(port).get("/examples").then().statusCode(200).body("fhirServer", equalTo(fhir))
                    .body("patients.size()", equalTo(47));
            given().port(port).contentType("application/json")
                    .body("{\"hook\":\"patient-view\",\"hookInstance\":\"0d7e2a41-5a3b-4f47-9a6c-2f1e8b9c7d10\","
                            + "\"fhirServer\":\"" + fhir + "\",\"context\":{\"userId\":\"Practitioner/demo\","
                            + "\"patientId\":\"rc09\"}}")
                    .post("/cds-services/rectal-cancer-pathways").then().statusCode(200)
                    .body("cards.size()", equalTo(4)) // with the guideline layer's MMR and biomarker cards
                    .body("cards[1].source.topic.code", equalTo("stage-iv-resectable"))
                    .body("cards[1].suggestions.size()", equalTo(3));

            Process check = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "dev.ampulla.Main", "health-check", "--port", Integer.toString(port)).redirectErrorStream(true)
                    .start();
            assertTrue(check.waitFor(30, TimeUnit.SECONDS));
            assertTrue(check.exitValue() == 0, "health-check reports the demo ready");
        } finally {
            demo.destroy();
            demo.waitFor(10, TimeUnit.SECONDS);
        }
        Process unreachable = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.ampulla.Main", "health-check", "--port", "9"))
                .redirectErrorStream(true).start();
        assertTrue(unreachable.waitFor(30, TimeUnit.SECONDS));
        assertTrue(unreachable.exitValue() == 1, "health-check fails when nothing answers");
    }
}
