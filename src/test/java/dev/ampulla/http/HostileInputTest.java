package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.Application;
import dev.ampulla.support.Examples;
import dev.ampulla.support.FhirTestServer;
import dev.ampulla.support.TestServer;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Limits on what one request may carry, and behaviour under overload: a clear 4xx or a fast 503, never a crash. */
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK = "/cds-services/rectal-cancer-pathways";
    private static Application limited;

    @BeforeAll
    static void start() {
        limited = TestServer.startWith(Map.of(
                "max-resources", "50", "max-draft-orders", "3", "max-json-depth", "40", "max-string-length", "5000"));
    }

    @AfterAll
    static void stop() {
        limited.close();
    }

    private static ValidatableResponse post(int port, String path, Object body) {
        return given().port(port)
                .contentType("application/json")
                .body(body.toString())
                .post(path)
                .then();
    }

    @Test
    void tooManyResourcesIs413() throws Exception {
        ObjectNode request =
                (ObjectNode) JSON.readTree(Examples.read(Examples.patientViewRequest("09-stage-iva-resectable-lower")));
        ArrayNode entries = request.withArray("/prefetch/observations/entry");
        for (int i = 0; i < 60; i++) {
            entries.add(entries.get(0).deepCopy());
        }
        post(limited.port(), HOOK, request)
                .statusCode(413)
                .body("issue[0].diagnostics", containsString("more than 50 FHIR resources"));
    }

    /** Of a Procedure too, only what the rules read is built: a malformed element they never read spoils nothing. */
    @Test
    void aProceduresUnreadElementsAreNotBuilt() throws Exception {
        ObjectNode request = (ObjectNode)
                JSON.readTree(Examples.read(Examples.patientViewRequest("14-adjuvant-after-resection-pn1b")));
        for (com.fasterxml.jackson.databind.JsonNode entry : request.at("/prefetch/procedures/entry")) {
            ((ObjectNode) entry.get("resource")).put("note", "not an array of Annotations");
        }
        post(TestServer.port(), HOOK, request)
                .statusCode(200)
                .body("cards[1].source.topic.code", org.hamcrest.Matchers.equalTo("adjuvant-chemotherapy"));
    }

    /** Resources are counted where they are read: inside a Bundle nested in an entry as well. */
    @Test
    void resourcesInANestedBundleCountToo() throws Exception {
        ObjectNode request =
                (ObjectNode) JSON.readTree(Examples.read(Examples.patientViewRequest("09-stage-iva-resectable-lower")));
        ArrayNode entries = request.withArray("/prefetch/observations/entry");
        ObjectNode nested =
                JSON.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
        for (int i = 0; i < 60; i++) {
            nested.withArray("entry").add(entries.get(0).deepCopy());
        }
        entries.addObject().set("resource", nested);
        post(limited.port(), HOOK, request)
                .statusCode(413)
                .body("issue[0].diagnostics", containsString("more than 50 FHIR resources"));
    }

    @Test
    void tooManyDraftOrdersIs400() throws Exception {
        ObjectNode request = (ObjectNode)
                JSON.readTree(Examples.read(Examples.request("order-sign", "08-mixed-orders-stage-iv-upper")));
        post(limited.port(), "/cds-services/rectal-cancer-order-sign", request)
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("more than 3 orders"));
    }

    @Test
    void nestingAndStringLengthAreBounded() {
        post(limited.port(), HOOK, "{\"a\":" + "[".repeat(45) + "]".repeat(45) + "}")
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("nested too deeply (40 levels at most)"));
        post(limited.port(), HOOK, "{\"hook\":\"" + "x".repeat(6000) + "\"}")
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("a string is too long (5000 characters at most)"));
    }

    @Test
    void bytesInNoJsonEncodingAre400NotA500() {
        // found by the fuzzer: Jackson's encoding detection throws an IOException that is not a parse error
        byte[] ucs4 = {0x00, 0x04, 0x00, 0x00, 0x00, 0x0a};
        given().port(TestServer.port())
                .contentType("application/json")
                .body(ucs4)
                .post(HOOK)
                .then()
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("not JSON text in UTF-8"));
    }

    /** One body, one reading: a gateway in front must not see a different document than Ampulla does. */
    @Test
    void aBodyIsExactlyOneJsonDocumentInUtf8() throws Exception {
        String valid = Examples.read(Examples.patientViewRequest("09-stage-iva-resectable-lower"));
        post(TestServer.port(), HOOK, valid).statusCode(200);
        post(TestServer.port(), HOOK, valid + " garbage")
                .statusCode(400)
                .body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"));
        post(TestServer.port(), HOOK, valid + valid).statusCode(400);
        post(TestServer.port(), HOOK, valid + "\n{}").statusCode(400);
        for (java.nio.charset.Charset utf16 : List.of(
                java.nio.charset.StandardCharsets.UTF_16,
                java.nio.charset.StandardCharsets.UTF_16BE,
                java.nio.charset.StandardCharsets.UTF_16LE)) {
            given().port(TestServer.port())
                    .contentType("application/json")
                    .body(valid.getBytes(utf16))
                    .post(HOOK)
                    .then()
                    .statusCode(400)
                    .body("issue[0].diagnostics", containsString("not JSON text in UTF-8"));
        }
    }

    @Test
    void garbageNeverGivesA5xx() {
        for (String body : new String[] {
            "null",
            "42",
            "\"text\"",
            "[]",
            "{}",
            "{\"hook\":null}",
            "{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\",\"context\":[]}",
            "{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
                    + "\"context\":{\"userId\":\"u\",\"patientId\":\"../../etc\"}}",
            "{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
                    + "\"context\":{\"userId\":\"u\",\"patientId\":\"p\"},\"prefetch\":{\"conditions\":[1,2]}}",
            "{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
                    + "\"context\":{\"userId\":\"u\",\"patientId\":\"p\"},\"prefetch\":{\"conditions\":"
                    + "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Condition\","
                    + "\"code\":\"C20\"}}]},\"observations\":null}}",
            "\uFEFF{}",
            "{\"a\":1e999999}"
        }) {
            int status = post(TestServer.port(), HOOK, body).extract().statusCode();
            assertTrue(status >= 400 && status < 500, body + " gave " + status);
        }
    }

    @Test
    void theRequestDeadlineCutsFhirFetchesShort() throws Exception {
        // the server answers after 30 s and the fetch deadline is 20 s: only the 300 ms call deadline can end the
        // call within 15 s, however busy the machine
        try (FhirTestServer slow = new FhirTestServer(1000).loadExamples().delayEveryRequest(30_000);
                Application hurried =
                        TestServer.startWith(Map.of("request-deadline-ms", "300", "fhir-deadline-ms", "20000"))) {
            ObjectNode request = (ObjectNode)
                    JSON.readTree(Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum")));
            request.remove("prefetch");
            request.put("fhirServer", slow.base());
            long start = System.nanoTime();
            post(hurried.port(), HOOK, request)
                    .statusCode(412)
                    .body("issue[0].diagnostics", containsString("did not answer in time"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 15_000, "the 300 ms call deadline, not the 20 s fetch deadline, applied: " + millis);
        }
    }

    @Test
    void errorAnswersGiveTheirAdmissionPermitBack() throws Exception {
        try (Application single = TestServer.startWith(Map.of("max-concurrent-requests", "1"))) {
            for (int i = 0; i < 5; i++) {
                post(single.port(), HOOK, "{not json").statusCode(400);
                post(single.port(), "/cds-services/no-such-service", "{}").statusCode(404);
                post(single.port(), HOOK, "{\"hook\":\"order-sign\"}").statusCode(400);
            }
            post(single.port(), HOOK, Examples.read(Examples.patientViewRequest("01-stage-i-lower-rectum")))
                    .statusCode(200);
        }
    }

    @Test
    void overloadGetsAFast503WithRetryAfterAndAcceptedCallsStillFinish() throws Exception {
        // the accepted call holds its place for the 6 s its FHIR server takes
        try (FhirTestServer slow = new FhirTestServer(1000).loadExamples().delayEveryRequest(6000);
                Application busy = TestServer.startWith(Map.of(
                        "max-concurrent-requests", "1", "fhir-deadline-ms", "30000", "request-deadline-ms", "40000"))) {
            ObjectNode request = (ObjectNode)
                    JSON.readTree(Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum")));
            request.remove("prefetch");
            request.put("fhirServer", slow.base());
            request.putObject("fhirAuthorization")
                    .put("access_token", FhirTestServer.TOKEN)
                    .put("token_type", "Bearer")
                    .put("expires_in", 300)
                    .put("scope", "user/*.read")
                    .put("subject", "ampulla");
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                    () -> post(busy.port(), HOOK, request).extract().statusCode());
            long waitUntil = System.currentTimeMillis() + 5000;
            while (slow.requestCount() == 0 && System.currentTimeMillis() < waitUntil) {
                Thread.sleep(10);
            }
            post(busy.port(), HOOK, request)
                    .statusCode(503)
                    .header("Retry-After", "1")
                    .body("resourceType", equalTo("OperationOutcome"));
            // not queued behind the accepted call: refused while that call was still waiting for its server
            assertFalse(first.isDone(), "the refusal came only after the accepted call ended");
            assertTrue(first.get() == 200, "the call already accepted completes");
            post(busy.port(), HOOK, Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum")))
                    .statusCode(200);
        }
    }
}
