package dev.ampulla;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampulla.support.AmpullaProcess;
import dev.ampulla.support.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} does not run unauthenticated by accident: without a trust file it starts only in development mode
 * asked for explicitly, and then (like {@code demo}) listens on 127.0.0.1 alone. 127.0.0.2 is another loopback
 * address: a server listening on every address answers there, one on 127.0.0.1 does not.
 */
class SecureByDefaultTest {

    @Test
    void serveWithoutATrustFileRefusesToStartNamingBothWaysOut() throws Exception {
        AmpullaProcess serve =
                AmpullaProcess.start("serve", "--port", "0", "--data-dir", TestServer.temporaryDataDir());
        assertEquals(2, serve.waitForExit(), serve.output());
        assertTrue(
                serve.output().contains("ampulla: no trust file")
                        && serve.output().contains("--trust-file")
                        && serve.output().contains("--development-mode true"),
                serve.output());
        assertTrue(serve.output().lines().filter(l -> !l.isBlank()).count() == 1, "one line: " + serve.output());
    }

    @Test
    void developmentModeListensOnLoopbackOnlyUnlessAHostIsGiven() throws Exception {
        try (AmpullaProcess serve = AmpullaProcess.start(
                "serve",
                "--development-mode",
                "true",
                "--port",
                "0",
                "--data-dir",
                TestServer.temporaryDataDir(),
                "--log-format",
                "text")) {
            int port = serve.awaitPort();
            assertTrue(port > 0, serve.output());
            assertTrue(
                    serve.awaitOutput("OPEN DEVELOPMENT MODE") && serve.awaitOutput("listening on 127.0.0.1"),
                    serve.output());
            given().port(port).get("/health/live").then().statusCode(200);
            assertThrows(IOException.class, () -> connect("127.0.0.2", port));
            // warmed up, the fetch path too, from a FHIR server on this machine; ready from then on
            assertTrue(serve.awaitOutput("fetch path from a canned FHIR server on loopback"), serve.output());
            assertTrue(becomesReady(port), "ready after its warm-up");
        }
        try (AmpullaProcess serve = AmpullaProcess.start(
                "serve",
                "--development-mode",
                "true",
                "--host",
                "0.0.0.0",
                "--port",
                "0",
                "--data-dir",
                TestServer.temporaryDataDir())) {
            int port = serve.awaitPort();
            assertTrue(port > 0, serve.output());
            connect("127.0.0.2", port); // the host asked for: every address
        }
    }

    /**
     * The demo listens on loopback only, and its FHIR server answers a browser-based CDS client (the public CDS Hooks
     * sandbox by default): the preflight, with the Private Network Access grant a public page needs, and the reads.
     */
    @Test
    void theDemoListensOnLoopbackOnlyAndItsFhirServerAnswersTheSandbox() throws Exception {
        try (AmpullaProcess demo = AmpullaProcess.start(
                "demo", "--port", "0", "--data-dir", TestServer.temporaryDataDir(), "--log-format", "text")) {
            int port = demo.awaitPort();
            assertTrue(port > 0, demo.output());
            given().port(port).get("/health/live").then().statusCode(200).body(containsString("UP"));
            assertThrows(IOException.class, () -> connect("127.0.0.2", port));

            String fhir = given().port(port)
                    .get("/examples")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("fhirServer");
            String sandbox = "https://sandbox.cds-hooks.org";
            given().header("Origin", sandbox)
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization")
                    .header("Access-Control-Request-Private-Network", "true")
                    .options(fhir + "/Condition?patient=rc09")
                    .then()
                    .statusCode(204)
                    .header("Access-Control-Allow-Origin", sandbox)
                    .header("Access-Control-Allow-Methods", containsString("GET"))
                    .header("Access-Control-Allow-Headers", containsString("Authorization"))
                    .header("Access-Control-Allow-Private-Network", "true");
            given().header("Origin", sandbox)
                    .get(fhir + "/Patient/rc09")
                    .then()
                    .statusCode(200)
                    .header("Access-Control-Allow-Origin", sandbox);
            assertEquals(
                    null,
                    given().header("Origin", "https://elsewhere.example")
                            .get(fhir + "/Patient/rc09")
                            .then()
                            .statusCode(200)
                            .extract()
                            .header("Access-Control-Allow-Origin"),
                    "only allowed origins");
        }
    }

    @Test
    void developmentModeStaysOnLoopbackWithATrustFileAndTheDemoTakesNone() throws Exception {
        // a trust file in development mode may hold test keys anyone can sign with (the CDS Hooks sandbox's)
        assertEquals(
                "127.0.0.1",
                dev.ampulla.config.AmpullaConfig.from(
                                java.util.Map.of("trust-file", "trust.json", "development-mode", "true"),
                                java.util.Map.of())
                        .host());
        assertEquals(
                "0.0.0.0",
                dev.ampulla.config.AmpullaConfig.from(java.util.Map.of("trust-file", "trust.json"), java.util.Map.of())
                        .host());
        AmpullaProcess demo = AmpullaProcess.start(
                "demo",
                "--port",
                "0",
                "--trust-file",
                "deploy/trust/cds-hooks-sandbox/trust.json",
                "--data-dir",
                TestServer.temporaryDataDir());
        assertEquals(2, demo.waitForExit(), demo.output());
        assertTrue(
                demo.output().contains("ampulla: demo runs in open development mode, without a trust file"),
                demo.output());
    }

    private static boolean becomesReady(int port) throws InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < end) {
            if (given().port(port).get("/health/ready").statusCode() == 200) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static void connect(String address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5000);
        }
    }
}
