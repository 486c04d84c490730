package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.Application;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.Examples;
import dev.ampulla.support.FhirTestServer;
import dev.ampulla.support.TestServer;
import io.restassured.response.ValidatableResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fetching from the CDS client's FHIR server (CDS Hooks 2.0 §Prefetch, checklist 3.6–3.11), against a real HAPI
 * FHIR server holding every example patient and requiring a bearer token. Whatever the client prefetches, the cards
 * must be those of the full-prefetch run.
 */
class FhirFetchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FhirTestServer fhir;
    private static FhirTestServer pagedFhir;
    /** Generous deadline: these tests check what is fetched, not how fast (the test machine is shared). */
    private static Application ampulla;

    @BeforeAll
    static void start() throws Exception {
        fhir = new FhirTestServer(1000).loadExamples();
        pagedFhir = new FhirTestServer(2).loadExamples();
        ampulla = TestServer.startWith(
                Map.of("fhir-deadline-ms", "5000", "request-deadline-ms", "15000", "fhir-connect-timeout-ms", "2000"));
        // the first search of a fresh HAPI server pays for its class loading
        given().header("Authorization", "Bearer " + FhirTestServer.TOKEN)
                .get(fhir.base() + "/Patient/rc01")
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + FhirTestServer.TOKEN)
                .get(pagedFhir.base() + "/Patient/rc01")
                .then()
                .statusCode(200);
    }

    @AfterAll
    static void stop() throws Exception {
        ampulla.close();
        fhir.close();
        pagedFhir.close();
    }

    @BeforeEach
    void reset() {
        for (FhirTestServer s : new FhirTestServer[] {fhir, pagedFhir}) {
            s.requireToken(true).delayEveryRequest(0).failWith500(false).resetCounters();
        }
    }

    private static List<Path> allExampleRequests() throws Exception {
        List<Path> out = new ArrayList<>();
        for (String hook : new String[] {"patient-view", "order-select", "order-sign"}) {
            try (Stream<Path> files =
                    Files.list(Examples.root().resolve("requests").resolve(hook))) {
                files.sorted().forEach(out::add);
            }
        }
        return out;
    }

    private static String servicePath(JsonNode request) {
        return switch (request.get("hook").asText()) {
            case "patient-view" -> "/cds-services/rectal-cancer-pathways";
            case "order-select" -> "/cds-services/rectal-cancer-order-select";
            default -> "/cds-services/rectal-cancer-order-sign";
        };
    }

    private static ValidatableResponse post(int port, ObjectNode request) {
        return given().port(port)
                .contentType("application/json")
                .body(request.toString())
                .post(servicePath(request))
                .then();
    }

    /** The cards without their per-call uuids, for comparing two answers. */
    private static JsonNode cards(ValidatableResponse r) throws Exception {
        JsonNode json = JSON.readTree(r.statusCode(200).extract().asString());
        CardChecks.assertSpecValid(json);
        stripUuids(json);
        return json;
    }

    private static void stripUuids(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("uuid");
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            stripUuids(it.next());
        }
    }

    private static ObjectNode withServer(ObjectNode request, FhirTestServer server, boolean token) {
        request.put("fhirServer", server.base());
        if (token) {
            request.putObject("fhirAuthorization")
                    .put("access_token", FhirTestServer.TOKEN)
                    .put("token_type", "Bearer")
                    .put("expires_in", 300)
                    .put("scope", "user/Patient.read user/Condition.read user/Observation.read user/Procedure.read")
                    .put("subject", "ampulla");
        }
        return request;
    }

    private static ObjectNode read(Path p) throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(p));
    }

    @Test
    void everyExampleGetsTheSameCardsWhateverThePrefetch() throws Exception {
        int checked = 0;
        for (Path file : allExampleRequests()) {
            ObjectNode full = read(file);
            JsonNode expected = cards(post(ampulla.port(), full.deepCopy()));

            ObjectNode none = withServer(full.deepCopy(), fhir, true);
            none.remove("prefetch");
            assertEquals(expected, cards(post(ampulla.port(), none)), file + " without prefetch");

            ObjectNode partial = withServer(full.deepCopy(), fhir, true);
            ((ObjectNode) partial.get("prefetch")).remove(List.of("observations", "procedures"));
            assertEquals(expected, cards(post(ampulla.port(), partial)), file + " with partial prefetch");

            ObjectNode failed = withServer(full.deepCopy(), fhir, true);
            ((ObjectNode) failed.get("prefetch"))
                    .putObject("observations")
                    .put("resourceType", "OperationOutcome")
                    .putArray("issue")
                    .addObject()
                    .put("severity", "error")
                    .put("code", "timeout");
            assertEquals(expected, cards(post(ampulla.port(), failed)), file + " with an OperationOutcome");

            ObjectNode paged = withServer(full.deepCopy(), pagedFhir, true);
            paged.remove("prefetch");
            assertEquals(expected, cards(post(ampulla.port(), paged)), file + " with pages of 2");
            checked++;
        }
        assertEquals(81, checked);
        assertTrue(pagedFhir.requestCount() > 4 * 81, "small pages were followed: " + pagedFhir.requestCount());
        assertTrue(fhir.authorizations().stream().allMatch(a -> a.equals("Bearer " + FhirTestServer.TOKEN)));
    }

    @Test
    void aPrefetchedFirstPageIsFollowedToTheEnd() throws Exception {
        ObjectNode request = read(Examples.patientViewRequest("09-stage-iva-resectable-lower"));
        JsonNode expected = cards(post(ampulla.port(), request.deepCopy()));
        String firstPage = given().header("Authorization", "Bearer " + FhirTestServer.TOKEN)
                .get(pagedFhir.base() + "/Observation?patient=rc09")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(firstPage.contains("\"next\""), "the server pages");
        withServer(request, pagedFhir, true);
        ((ObjectNode) request.get("prefetch")).set("observations", JSON.readTree(firstPage));
        assertEquals(expected, cards(post(ampulla.port(), request)));
    }

    @Test
    void theSandboxOpenModeFetchesWithoutAToken() throws Exception {
        fhir.requireToken(false);
        ObjectNode request = withServer(read(Examples.patientViewRequest("03-stage-iia-middle-rectum")), fhir, false);
        request.remove("prefetch");
        post(ampulla.port(), request).statusCode(200).body("cards.size()", equalTo(5));
        assertTrue(fhir.authorizations().stream().allMatch("-"::equals), "no Authorization header was sent");
    }

    @Test
    void fetchesRunConcurrently() throws Exception {
        // the server answers none of the nine requests until all nine are in flight: sent one after the other, the
        // first would wait alone
        fhir.awaitIdle().holdUntilInFlight(9);
        try {
            ObjectNode request =
                    withServer(read(Examples.patientViewRequest("03-stage-iia-middle-rectum")), fhir, true);
            request.remove("prefetch");
            post(ampulla.port(), request).statusCode(200);
            assertEquals(
                    9,
                    fhir.requestCount(),
                    "the Patient, conditions, observations, procedures, three kinds of"
                            + " medication, biomarkers and patient status");
            assertEquals(9, fhir.maxInFlight(), "all nine requests were in flight at once");
        } finally {
            fhir.holdUntilInFlight(0);
        }
    }

    // ---- 412: the data cannot be obtained ------------------------------------------------------------------------

    private static void assert412(int port, ObjectNode request, String reason) {
        String body = post(port, request)
                .statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString(reason))
                .extract()
                .asString();
        assertFalse(body.contains(FhirTestServer.TOKEN), "the token is never echoed");
    }

    private static ObjectNode noPrefetch(FhirTestServer server, boolean token) throws Exception {
        ObjectNode request = withServer(read(Examples.patientViewRequest("03-stage-iia-middle-rectum")), server, token);
        request.remove("prefetch");
        return request;
    }

    @Test
    void noPrefetchAndNoFhirServerIs412() throws Exception {
        ObjectNode request = read(Examples.patientViewRequest("03-stage-iia-middle-rectum"));
        request.remove("prefetch");
        assert412(ampulla.port(), request, "names no fhirServer");
    }

    @Test
    void fhirServerDownIs412() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ObjectNode request = noPrefetch(fhir, true);
        request.put("fhirServer", "http://127.0.0.1:" + closedPort + "/fhir");
        assert412(ampulla.port(), request, "could not be reached");
    }

    @Test
    void fhirServerRefusingTheTokenIs412() throws Exception {
        ObjectNode request = noPrefetch(fhir, true);
        ((ObjectNode) request.get("fhirAuthorization")).put("access_token", "a-wrong-token");
        assert412(ampulla.port(), request, "HTTP 401");
    }

    @Test
    void fhirServerErrorIs412() throws Exception {
        fhir.failWith500(true);
        assert412(ampulla.port(), noPrefetch(fhir, true), "HTTP 500");
    }

    @Test
    void aServerThatNeverAnswersIs412WithinTheDeadline() throws Exception {
        // the server would answer after 20 s: an answer well before that came from the 300 ms deadline, however busy
        // the machine
        fhir.delayEveryRequest(20_000);
        try (Application quick = TestServer.startWith(Map.of("fhir-deadline-ms", "300"))) {
            long start = System.nanoTime();
            assert412(quick.port(), noPrefetch(fhir, true), "did not answer");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 15_000, "answered after " + millis + " ms, not when the server gave up");
        }
    }

    @Test
    void missingProceduresAreOptional() throws Exception {
        fhir.failWith500(false);
        ObjectNode request = withServer(read(Examples.patientViewRequest("03-stage-iia-middle-rectum")), fhir, true);
        request.put("fhirServer", "http://127.0.0.1:1/fhir"); // unreachable, but only procedures are missing
        ((ObjectNode) request.get("prefetch")).remove("procedures");
        String detail = JSON.readTree(
                        post(ampulla.port(), request).statusCode(200).extract().asString())
                .at("/cards/1/detail")
                .asText();
        assertTrue(detail.contains("did not provide the patient's Procedures"));
    }

    // ---- The token stays on its server -----------------------------------------------------------------------

    @Test
    void theTokenAppearsInNoLogLine() throws Exception {
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            post(ampulla.port(), noPrefetch(fhir, true)).statusCode(200);
            fhir.failWith500(true);
            post(ampulla.port(), noPrefetch(fhir, true)).statusCode(412);
            fhir.failWith500(false);
            ObjectNode badLink =
                    withServer(read(Examples.patientViewRequest("09-stage-iva-resectable-lower")), fhir, true);
            ((ObjectNode) badLink.at("/prefetch/observations"))
                    .putArray("link")
                    .addObject()
                    .put("relation", "next")
                    .put("url", "http://169.254.169.254/latest/meta-data");
            post(ampulla.port(), badLink).statusCode(412);
        } finally {
            root.detachAppender(logs);
        }
        assertFalse(logs.list.isEmpty(), "hook calls are logged");
        for (var event : logs.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                            ? ""
                            : event.getThrowableProxy().getMessage());
            assertFalse(line.contains(FhirTestServer.TOKEN), line);
            assertFalse(line.contains("rc03") || line.contains("rc09"), "no patient id in logs: " + line);
        }
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() throws Exception {
        ObjectNode request = withServer(read(Examples.patientViewRequest("09-stage-iva-resectable-lower")), fhir, true);
        ObjectNode observations = (ObjectNode) request.at("/prefetch/observations");
        observations
                .putArray("link")
                .addObject()
                .put("relation", "next")
                .put("url", pagedFhir.base() + "/Observation?patient=rc09&page=2");
        assert412(ampulla.port(), request, "not on the FHIR server");
        assertEquals(0, pagedFhir.requestCount(), "the other server was never called");
    }

    /** Paths a server or proxy may decode or normalise to somewhere outside the base: the token must not go there. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "/%2e%2e/%2e%2e/admin/secret",
                "/..;/..;/admin/secret",
                "/.%2e/admin/secret",
                "/%2E%2E/admin",
                "/Observation%2f..%2f..%2fadmin",
                "/..%5cadmin",
                "/./Observation"
            })
    void aNextLinkThatCouldLeaveTheBasePathIsNotFollowed(String trick) throws Exception {
        ObjectNode request = withServer(read(Examples.patientViewRequest("09-stage-iva-resectable-lower")), fhir, true);
        ((ObjectNode) request.at("/prefetch/observations"))
                .putArray("link")
                .addObject()
                .put("relation", "next")
                .put("url", fhir.base() + trick);
        fhir.resetCounters();
        assert412(ampulla.port(), request, "not on the FHIR server");
        assertEquals(0, fhir.requestCount(), "nothing was sent to " + trick);
    }
}
