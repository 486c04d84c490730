package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.Examples;
import dev.ampulla.support.RawHttp;
import dev.ampulla.support.TestServer;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CDS Hooks 2.0 protocol as a client sees it (checklist §1–§6.9). */
class CdsHooksProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "/cds-services/rectal-cancer-pathways";
    private static final String FEEDBACK = SERVICE + "/feedback";

    private static RequestSpecification api() {
        return given().port(TestServer.port());
    }

    private static ObjectNode example(String slug) throws Exception {
        return (ObjectNode) JSON.readTree(Examples.read(Examples.patientViewRequest(slug)));
    }

    private static ValidatableResponse postJson(String path, Object body) {
        return api().contentType("application/json")
                .body(body.toString())
                .when()
                .post(path)
                .then();
    }

    /** A 4xx/5xx answer carries an OperationOutcome whose diagnostics say what was wrong. */
    private static void assertOutcome(ValidatableResponse r, int status, String diagnostics) {
        r.statusCode(status)
                .contentType("application/json")
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].diagnostics", containsString(diagnostics))
                .body("cards", nullValue());
    }

    // ---- Discovery ----------------------------------------------------------------------------------------------

    @Test
    void discoveryListsThePatientViewServiceWithSpecValidPrefetchTemplates() throws Exception {
        String body = api().get("/cds-services")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("services", hasSize(3))
                .body("services[0].id", equalTo("rectal-cancer-pathways"))
                .body("services[0].hook", equalTo("patient-view"))
                .body("services[0].title", startsWith("Rectal cancer"))
                .body("services[0].prefetch.patient", equalTo("Patient/{{context.patientId}}"))
                .body("services[0].prefetch.conditions", equalTo("Condition?patient={{context.patientId}}"))
                .body("services[0].prefetch.procedures", equalTo("Procedure?patient={{context.patientId}}"))
                // codes without their system, so that OID-spelled LOINC or SNOMED CT codings are found too
                .body("services[0].prefetch.observations", containsString("code=21908-9,"))
                .body("services[0].prefetch.observations", containsString(",112233"))
                .body("services[0].prefetch.observations", not(containsString("|")))
                .extract()
                .asString();
        JsonNode service = JSON.readTree(body).at("/services/0");
        CardChecks.assertNoEmptyValues(service, "service");
        assertFalse(service.path("description").asText().isBlank());
        assertFalse(service.path("usageRequirements").asText().isBlank());
        Pattern token = Pattern.compile("\\{\\{([^}]*)}}");
        for (Iterator<JsonNode> it = service.get("prefetch").elements(); it.hasNext(); ) {
            Matcher m = token.matcher(it.next().asText());
            while (m.find()) {
                assertEquals("context.patientId", m.group(1), "only context tokens (checklist 3.2)");
            }
        }
    }

    // ---- Request validation -------------------------------------------------------------------------------------

    @Test
    void malformedJsonIs400() {
        assertOutcome(postJson(SERVICE, "{\"hook\": \"patient-view\","), 400, "not valid JSON");
    }

    @Test
    void duplicateKeysAndHostileNestingAre400() {
        assertOutcome(
                postJson(SERVICE, "{\"hook\":\"patient-view\",\"hook\":\"order-sign\"}"), 400, "a key appears twice");
        assertOutcome(postJson(SERVICE, "[".repeat(5000) + "]".repeat(5000)), 400, "nested too deeply");
    }

    @Test
    void missingOrWrongRequiredFieldsAre400() throws Exception {
        ObjectNode noInstance = example("01-stage-i-lower-rectum");
        noInstance.remove("hookInstance");
        assertOutcome(postJson(SERVICE, noInstance), 400, "hookInstance is required");

        ObjectNode badInstance = example("01-stage-i-lower-rectum");
        badInstance.put("hookInstance", "not-a-uuid");
        assertOutcome(postJson(SERVICE, badInstance), 400, "hookInstance must be a UUID");

        ObjectNode wrongHook = example("01-stage-i-lower-rectum");
        wrongHook.put("hook", "order-sign");
        assertOutcome(postJson(SERVICE, wrongHook), 400, "answers the 'patient-view' hook");

        ObjectNode noPatient = example("01-stage-i-lower-rectum");
        ((ObjectNode) noPatient.get("context")).remove("patientId");
        assertOutcome(postJson(SERVICE, noPatient), 400, "context.patientId is required");

        ObjectNode noUser = example("01-stage-i-lower-rectum");
        ((ObjectNode) noUser.get("context")).put("userId", 42);
        assertOutcome(postJson(SERVICE, noUser), 400, "context.userId must be a non-empty string");

        ObjectNode headerInjection = example("01-stage-i-lower-rectum");
        headerInjection.put("fhirServer", "http://127.0.0.1:1/fhir");
        headerInjection
                .putObject("fhirAuthorization")
                .put("access_token", "abc\r\nX-Injected: 1")
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("scope", "user/Observation.read")
                .put("subject", "ampulla");
        assertOutcome(postJson(SERVICE, headerInjection), 400, "not a bearer token");

        ObjectNode tokenWithoutServer = example("01-stage-i-lower-rectum");
        tokenWithoutServer
                .putObject("fhirAuthorization")
                .put("access_token", "secret-token-value")
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("scope", "user/Observation.read")
                .put("subject", "ampulla");
        String body = postJson(SERVICE, tokenWithoutServer)
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("fhirServer is required"))
                .extract()
                .asString();
        assertFalse(body.contains("secret-token-value"), "the token is never echoed");
    }

    @Test
    void unknownMembersAndExtensionsAreIgnored() throws Exception {
        ObjectNode request = example("03-stage-iia-middle-rectum");
        request.put("somethingNew", "x");
        request.putObject("extension").put("org.example.flag", true);
        ((ObjectNode) request.get("context")).putObject("extension").put("org.example.ctx", 1);
        // stage, pathway, and the guideline layer's MMR test, total neoadjuvant therapy and comparison cards
        postJson(SERVICE, request).statusCode(200).body("cards", hasSize(5));
    }

    @Test
    void aResourceThatIsNotValidFhirIs400NamingIt() throws Exception {
        ObjectNode request = example("03-stage-iia-middle-rectum");
        ObjectNode condition = (ObjectNode) request.at("/prefetch/conditions/entry/0/resource");
        condition.putArray("code").add("C20");
        assertOutcome(postJson(SERVICE, request), 400, "Condition/rc03-primary is not a valid FHIR R4 resource");
    }

    @Test
    void aMalformedDateIs400RatherThanSilentlyDropped() throws Exception {
        ObjectNode request = example("03-stage-iia-middle-rectum");
        ((ObjectNode) request.at("/prefetch/observations/entry/0/resource")).put("effectiveDateTime", "2025-13-45");
        postJson(SERVICE, request)
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("is not a valid FHIR R4 resource"));
    }

    /**
     * A hook's answer goes out with its length rather than in chunks: a client can size its buffer, and the server
     * sends it in one write instead of two (the body, then the terminal chunk).
     */
    @Test
    void aHookAnswerLargerThanEightKilobytesCarriesItsContentLength() throws Exception {
        String request = example("03-stage-iia-middle-rectum").toString();
        RawHttp.Answer answer = RawHttp.exchange(
                TestServer.port(), RawHttp.jsonPost(SERVICE, request.getBytes(StandardCharsets.UTF_8).length, request));
        assertEquals(200, answer.status());
        String head =
                answer.text().substring(0, answer.text().indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        int length = answer.body().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(length > 8192, "an answer above Jetty's default aggregation size of 8 KB, was " + length);
        assertTrue(
                head.contains("\r\ncontent-length: " + length + "\r\n") || head.endsWith("content-length: " + length),
                head);
        assertFalse(head.contains("transfer-encoding"), head);
        assertEquals(5, JSON.readTree(answer.body()).get("cards").size());
    }

    @Test
    void unknownServiceIs404AndUnknownPathIs404() {
        assertOutcome(postJson("/cds-services/no-such-service", "{}"), 404, "No CDS service");
        assertOutcome(api().get("/no/such/path").then(), 404, "No such endpoint");
    }

    @Test
    void wrongMethodIs405() {
        assertOutcome(api().get(SERVICE).then(), 405, "Method GET is not allowed");
        assertOutcome(api().delete("/cds-services").then(), 405, "Method DELETE is not allowed");
    }

    /**
     * Refused from the declared length, before any of the body is read. Written on a raw socket: an HTTP client still
     * sending a real oversized body races the refusal (its write may fail when the server closes the connection).
     */
    @Test
    void oversizedBodyIs413() throws Exception {
        RawHttp.Answer answer =
                RawHttp.exchange(TestServer.port(), RawHttp.jsonPost(SERVICE, TestServer.MAX_BODY_BYTES + 1, ""));
        assertEquals(413, answer.status(), answer.text());
        JsonNode outcome = JSON.readTree(answer.body());
        assertEquals("OperationOutcome", outcome.path("resourceType").asText());
        assertEquals("too-costly", outcome.path("issue").path(0).path("code").asText());
        assertTrue(outcome.path("issue").path(0).path("diagnostics").asText().contains("larger than"), answer.body());
    }

    /**
     * A chunked body declares no length: it is read up to the limit and refused on the first byte beyond it. The
     * client sends exactly one byte more than the limit and stops, so the server has read all it was sent.
     */
    @Test
    void oversizedChunkedBodyIs413() throws Exception {
        String chunk = "x".repeat(64 * 1024);
        int chunks = (int) (TestServer.MAX_BODY_BYTES / chunk.length());
        StringBuilder request = new StringBuilder("POST " + SERVICE + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < chunks; i++) {
            request.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        request.append("1\r\nx");
        RawHttp.Answer answer = RawHttp.exchange(TestServer.port(), request.toString());
        assertEquals(
                413,
                answer.status(),
                answer.text().substring(0, Math.min(300, answer.text().length())));
        assertTrue(answer.body().contains("larger than"), answer.body());
    }

    @Test
    void wrongMediaTypeIs415() {
        assertOutcome(api().contentType("text/plain").body("{}").post(SERVICE).then(), 415, "application/json");
        assertOutcome(
                api().contentType("application/x-www-form-urlencoded")
                        .body("a=b")
                        .post(SERVICE)
                        .then(),
                415,
                "Content-Type");
    }

    @Test
    void jsonWithCharsetIsAccepted() throws Exception {
        api().contentType("application/json; charset=utf-8")
                .body(example("01-stage-i-lower-rectum").toString())
                .post(SERVICE)
                .then()
                .statusCode(200)
                .body("cards", hasSize(3));
    }

    // ---- Prefetch semantics (checklist 3.8) --------------------------------------------------------------------

    @Test
    void missingRequiredPrefetchIs412NamingTheKeys() throws Exception {
        ObjectNode request = example("03-stage-iia-middle-rectum");
        request.remove("prefetch");
        assertOutcome(
                postJson(SERVICE, request),
                412,
                "conditions (not in prefetch, and the request names no fhirServer); observations");
    }

    @Test
    void anOperationOutcomeInsteadOfDataIs412() throws Exception {
        ObjectNode request = example("03-stage-iia-middle-rectum");
        ((ObjectNode) request.get("prefetch"))
                .putObject("observations")
                .put("resourceType", "OperationOutcome")
                .putArray("issue")
                .addObject()
                .put("severity", "error")
                .put("code", "timeout");
        assertOutcome(postJson(SERVICE, request), 412, "observations");
    }

    @Test
    void nullAndEmptyBundlesMeanNoData() throws Exception {
        ObjectNode request = example("03-stage-iia-middle-rectum");
        ObjectNode prefetch = (ObjectNode) request.get("prefetch");
        prefetch.putNull("conditions");
        postJson(SERVICE, request).statusCode(200).body("cards", hasSize(0));

        ObjectNode emptyObservations = example("03-stage-iia-middle-rectum");
        ((ObjectNode) emptyObservations.get("prefetch"))
                .putObject("observations")
                .put("resourceType", "Bundle")
                .put("type", "searchset")
                .put("total", 0);
        String body =
                postJson(SERVICE, emptyObservations).statusCode(200).extract().asString();
        JsonNode cards = JSON.readTree(body).get("cards");
        CardChecks.assertTopic(cards.get(0), "staging-incomplete");
    }

    @Test
    void aPatientWithoutRectalCancerGetsExactlyAnEmptyCardList() throws Exception {
        String body = postJson(SERVICE, example("22-colon-cancer-out-of-scope"))
                .statusCode(200)
                .extract()
                .asString();
        assertEquals("{\"cards\":[]}", body);
    }

    // ---- CORS (checklist 6.9) ------------------------------------------------------------------------------------

    @Test
    void preflightSucceedsWithoutTokenAndGrantsPrivateNetworkAccess() {
        api().header("Origin", "https://sandbox.cds-hooks.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .header("Access-Control-Request-Private-Network", "true")
                .when()
                .options(SERVICE)
                .then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Allow-Headers", containsString("Content-Type"))
                .header("Access-Control-Allow-Private-Network", "true");
    }

    @Test
    void actualCrossOriginCallsCarryTheAllowOriginHeader() throws Exception {
        api().header("Origin", "https://sandbox.cds-hooks.org")
                .get("/cds-services")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org");
        api().header("Origin", "https://sandbox.cds-hooks.org")
                .contentType("application/json")
                .body(example("01-stage-i-lower-rectum").toString())
                .post(SERVICE)
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org");
    }

    /**
     * Any other page on the web gets no CORS grant — not for the hooks (so it cannot drive an open-mode Ampulla from
     * a user's browser, nor probe the user's network through its answers), and not for metrics or reports.
     */
    @Test
    void otherOriginsAndTheNonHookEndpointsGetNoCorsGrant() {
        api().header("Origin", "https://attacker.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Private-Network", "true")
                .when()
                .options(SERVICE)
                .then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue())
                .header("Access-Control-Allow-Private-Network", org.hamcrest.Matchers.nullValue());
        for (String path : new String[] {"/metrics", "/analytics/concordance"}) {
            api().header("Origin", "https://sandbox.cds-hooks.org")
                    .get(path)
                    .then()
                    .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        }
    }

    // ---- Feedback (§5) -------------------------------------------------------------------------------------------

    @Test
    void wellFormedFeedbackIsAccepted() {
        // a stage IV card with three options, as issued to this client
        var card = postJson(SERVICE, Examples.read(Examples.patientViewRequest("10-stage-iva-resectable-upper")))
                .statusCode(200)
                .extract()
                .jsonPath();
        String uuid = card.getString("cards[1].uuid");
        String suggestion = card.getString("cards[1].suggestions[0].uuid");
        String accepted = "{\"feedback\":[{\"card\":\"" + uuid + "\",\"outcome\":\"accepted\","
                + "\"acceptedSuggestions\":[{\"id\":\"" + suggestion + "\"}],"
                + "\"outcomeTimestamp\":\"2026-11-26T10:05:31Z\"}]}";
        postJson(FEEDBACK, accepted).statusCode(204);
        String overridden = "{\"feedback\":[{\"card\":\"" + uuid + "\",\"outcome\":"
                + "\"overridden\",\"overrideReason\":{\"reason\":{\"system\":"
                + "\"https://ampulla.dev/fhir/CodeSystem/override-reason\",\"code\":\"mdt-decision\"},"
                + "\"userComment\":\"Tumour board 2026-11-20\"},\"outcomeTimestamp\":\"2026-11-26T10:05:31Z\"}]}";
        postJson(FEEDBACK, overridden).statusCode(204);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"feedback\":[]}",
                "{\"feedback\":[{\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-26T10:05:31Z\"}]}",
                "{\"feedback\":[{\"card\":\"c\",\"outcome\":\"ignored\",\"outcomeTimestamp\":\"2026-11-26T10:05:31Z\"}]}",
                "{\"feedback\":[{\"card\":\"c\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-26T10:05:31Z\"}]}",
                "{\"feedback\":[{\"card\":\"c\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"yesterday\"}]}",
                "{\"feedback\":[{\"card\":\"c\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"x\"}},"
                        + "\"outcomeTimestamp\":\"2026-11-26T10:05:31Z\"}]}",
            })
    void malformedFeedbackIs400(String body) {
        postJson(FEEDBACK, body).statusCode(400).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void feedbackForAnUnknownServiceIs404() {
        assertOutcome(postJson("/cds-services/nope/feedback", "{\"feedback\":[]}"), 404, "No CDS service");
    }

    // ---- Operations ----------------------------------------------------------------------------------------------

    @Test
    void healthEndpointsAnswer() {
        api().get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
        api().get("/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("READY"))
                .body("authentication", startsWith("OPEN DEVELOPMENT MODE"));
    }

    @Test
    void everyCardAndSuggestionHasAFreshUuid() throws Exception {
        String first = postJson(SERVICE, example("09-stage-iva-resectable-lower"))
                .extract()
                .asString();
        String second = postJson(SERVICE, example("09-stage-iva-resectable-lower"))
                .extract()
                .asString();
        String uuid1 = JSON.readTree(first).at("/cards/1/uuid").asText();
        String uuid2 = JSON.readTree(second).at("/cards/1/uuid").asText();
        assertTrue(!uuid1.equals(uuid2), "uuids identify one issued card");
        postJson(SERVICE, example("09-stage-iva-resectable-lower"))
                .body("cards.uuid", hasItem(matchesPattern("[0-9a-f-]{36}")));
    }
}
