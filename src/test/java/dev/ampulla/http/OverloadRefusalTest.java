package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.Application;
import dev.ampulla.support.Examples;
import dev.ampulla.support.LogCapture;
import dev.ampulla.support.PrometheusScrape;
import dev.ampulla.support.RawHttp;
import dev.ampulla.support.StalledServer;
import dev.ampulla.support.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With every admission place taken, a hook call is refused from its headers: 503, Retry-After and an
 * OperationOutcome, counted and logged like any refusal, and its body never waited for nor parsed. The one place is
 * held, for as long as the test needs, by a call whose FHIR server never answers.
 */
class OverloadRefusalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK = "/cds-services/rectal-cancer-pathways";
    private static final String SERVICE = "rectal-cancer-pathways";

    @Test
    void aCallFindingEveryPlaceTakenIsRefusedBeforeItsBodyArrives() throws Exception {
        try (StalledServer fhir = new StalledServer();
                Application busy = serverWithOnePlace()) {
            CompletableFuture<Integer> holding = holdTheOnlyPlace(busy.port(), fhir);
            String request = Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum"));
            int declared = request.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            PrometheusScrape before = scrape(busy.port());

            // Only the headers: a server that read the body before deciding would wait for it (and answer 408).
            List<JsonNode> lines = LogCapture.lines("ampulla.hooks", () -> {
                RawHttp.Answer refused =
                        RawHttp.exchangeKeepingOutputOpen(busy.port(), RawHttp.jsonPost(HOOK, declared, ""));
                assertEquals(503, refused.status(), refused.text());
                assertTrue(refused.text().contains("\r\nRetry-After: 1\r\n"), refused.text());
                JsonNode outcome = JSON.readTree(refused.body());
                assertEquals("OperationOutcome", outcome.get("resourceType").asText());
                assertEquals("transient", outcome.at("/issue/0/code").asText());
            });

            PrometheusScrape after = scrape(busy.port());
            Map<String, String> refusedBusy = Map.of("service", SERVICE, "reason", "busy");
            assertEquals(
                    1,
                    after.valueOrZero("ampulla_refused_total", refusedBusy)
                            - before.valueOrZero("ampulla_refused_total", refusedBusy));
            Map<String, String> hook503 = Map.of("service", SERVICE, "status", "503");
            assertEquals(
                    1,
                    after.valueOrZero("ampulla_hook_requests_seconds_count", hook503)
                            - before.valueOrZero("ampulla_hook_requests_seconds_count", hook503));
            assertEquals(1, lines.size(), lines.toString());
            assertEquals(503, lines.get(0).get("status").asInt());
            assertEquals("transient", lines.get(0).get("issueCode").asText());
            assertEquals("busy", lines.get(0).get("reason").asText());

            // The place is given back: the held call ends, and the next call is answered.
            fhir.release();
            holding.get(120, TimeUnit.SECONDS);
            given().port(busy.port())
                    .contentType("application/json")
                    .body(request)
                    .post(HOOK)
                    .then()
                    .statusCode(200);
        }
    }

    /** A refused call that sent its whole body keeps its connection: the body is skipped, and the next call is read. */
    @Test
    void aRefusedCallsWholeBodyIsSkippedAndItsConnectionServesTheNextCall() throws Exception {
        try (StalledServer fhir = new StalledServer();
                Application busy = serverWithOnePlace()) {
            CompletableFuture<Integer> holding = holdTheOnlyPlace(busy.port(), fhir);
            String request = Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum"));
            String call =
                    RawHttp.jsonPost(HOOK, request.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, request);
            String lastCall = call.replace("\r\nHost: 127.0.0.1\r\n", "\r\nHost: 127.0.0.1\r\nConnection: close\r\n");

            // Both calls in one write on the loopback: the first body has wholly arrived when the server answers it.
            RawHttp.Answer answers = RawHttp.exchange(busy.port(), call + lastCall);

            String[] heads = answers.text().split("HTTP/1.1 ", -1);
            assertEquals(3, heads.length, "two answers on one connection: " + answers.text());
            assertTrue(heads[1].startsWith("503 ") && heads[2].startsWith("503 "), answers.text());
            fhir.release();
            holding.get(120, TimeUnit.SECONDS);
        }
    }

    /** A server that runs one hook call at a time, whose calls wait a minute for their FHIR server. */
    private static Application serverWithOnePlace() {
        return TestServer.startWith(
                Map.of("max-concurrent-requests", "1", "fhir-deadline-ms", "60000", "request-deadline-ms", "600000"));
    }

    /** Starts a call that takes the server's only place and keeps it until {@code fhir} is closed. */
    private static CompletableFuture<Integer> holdTheOnlyPlace(int port, StalledServer fhir) throws Exception {
        ObjectNode fetching =
                (ObjectNode) JSON.readTree(Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum")));
        fetching.remove("prefetch");
        fetching.put("fhirServer", fhir.base());
        CompletableFuture<Integer> call = CompletableFuture.supplyAsync(() -> given().port(port)
                .contentType("application/json")
                .body(fetching.toString())
                .post(HOOK)
                .then()
                .extract()
                .statusCode());
        // A call fetches only once admitted: from the first connection on, it holds the place.
        fhir.awaitFirstConnection();
        return call;
    }

    private static PrometheusScrape scrape(int port) {
        return new PrometheusScrape(given().port(port)
                .get("/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }
}
