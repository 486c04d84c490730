package dev.ampulla;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Overload and abuse never make the process exit: Ampulla in its own JVM with a 256 MiB heap and
 * {@code -XX:+ExitOnOutOfMemoryError} (as the Dockerfile runs it) takes, at once, hook calls whose FHIR server answers
 * every search with a page just under the answer cap, many large request bodies, and stalled uploads — and then
 * answers a normal call.
 */
class OverloadSurvivalTest {
    private static final String HOOK = "/cds-services/rectal-cancer-pathways";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.nio.file.Path LOG = java.nio.file.Path.of("target", "overload-survival.log");

    @Test
    void largeAnswersLargeBodiesAndStalledUploadsTogetherDoNotEndTheProcess() throws Exception {
        byte[] page = largePage();
        HttpServer fhir = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fhir.setExecutor(Executors.newFixedThreadPool(8));
        fhir.createContext("/fhir/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        fhir.start();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process ampulla = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.ampulla.Main",
                        "serve",
                        "--development-mode",
                        "true",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--data-dir",
                        TestServer.temporaryDataDir(),
                        "--fhir-deadline-ms",
                        "10000",
                        "--request-deadline-ms",
                        "20000",
                        "--log-format",
                        "text")
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile())
                .start();
        ExecutorService pool = Executors.newFixedThreadPool(48);
        List<Socket> stalled = new ArrayList<>();
        try {
            awaitReady(port, ampulla);
            String fetching =
                    fetchRequest("http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir");
            String large = largeBody();
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                calls.add(pool.submit(() -> post(port, fetching)));
                calls.add(pool.submit(() -> post(port, large)));
            }
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.getOutputStream()
                        .write(("POST " + HOOK + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
                                        + " application/json\r\nContent-Length: 2000000\r\n\r\n{")
                                .getBytes(StandardCharsets.UTF_8));
                stalled.add(s);
            }
            for (Future<Integer> call : calls) {
                int status = call.get(120, TimeUnit.SECONDS);
                assertTrue(Set.of(200, 400, 412, 413, 503).contains(status), "status " + status);
            }
            assertTrue(ampulla.isAlive(), "the process is still running");
            given().port(port)
                    .contentType("application/json")
                    .body(Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum")))
                    .post(HOOK)
                    .then()
                    .statusCode(200);
            assertTrue(ampulla.isAlive(), "the process is still running");
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
            pool.shutdownNow();
            ampulla.destroy();
            ampulla.waitFor(10, TimeUnit.SECONDS);
            fhir.stop(0);
        }
    }

    private static int post(int port, String body) {
        return given().port(port)
                .contentType("application/json")
                .body(body)
                .post(HOOK)
                .then()
                .extract()
                .statusCode();
    }

    private static void awaitReady(int port, Process ampulla) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end && ampulla.isAlive()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream()
                        .write("GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                if (new String(in.readAllBytes(), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Ampulla did not become ready");
    }

    /** A searchset of Conditions whose narratives make it just under the 4 MiB answer cap. */
    private static byte[] largePage() throws Exception {
        ObjectNode bundle =
                JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = bundle.putArray("entry");
        for (int i = 0; i < 38; i++) {
            ObjectNode c = entries.addObject()
                    .putObject("resource")
                    .put("resourceType", "Condition")
                    .put("id", "big-" + i);
            c.putObject("text")
                    .put("status", "generated")
                    .put("div", "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + "x".repeat(100_000) + "</div>");
            c.putObject("subject").put("reference", "Patient/rc03");
        }
        return JSON.writeValueAsBytes(bundle);
    }

    private static String fetchRequest(String fhirServer) throws Exception {
        ObjectNode request =
                (ObjectNode) JSON.readTree(Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum")));
        request.remove("prefetch");
        request.put("fhirServer", fhirServer);
        return request.toString();
    }

    /** Just under the 2 MiB body limit, full of Procedures. */
    private static String largeBody() throws Exception {
        ObjectNode request =
                (ObjectNode) JSON.readTree(Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum")));
        ArrayNode procedures = request.withObjectProperty("prefetch")
                .putObject("procedures")
                .put("resourceType", "Bundle")
                .put("type", "searchset")
                .putArray("entry");
        while (request.toString().length() < 2_000_000) {
            ObjectNode p = procedures
                    .addObject()
                    .putObject("resource")
                    .put("resourceType", "Procedure")
                    .put("id", "p" + procedures.size())
                    .put("status", "completed");
            p.putObject("code")
                    .putArray("coding")
                    .addObject()
                    .put("system", "http://snomed.info/sct")
                    .put("code", "73761001")
                    .put("display", "Colonoscopy");
            p.putObject("subject").put("reference", "Patient/rc03");
            p.put("performedDateTime", "2025-01-06");
        }
        return request.toString();
    }
}
