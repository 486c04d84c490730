package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.Application;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issued cards and feedback reach the feedback store through the running server, and the concordance report counts
 * them; the report needs the analytics token; nothing stored identifies the patient.
 */
class FeedbackStoreHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "analytics-token-for-the-tests-7c1d2a9e";
    private static final String PATIENT_VIEW = "/cds-services/rectal-cancer-pathways";
    private static final String ORDER_SIGN = "/cds-services/rectal-cancer-order-sign";

    private static String dataDir;
    private static Application ampulla;

    @BeforeAll
    static void start() {
        dataDir = TestServer.temporaryDataDir();
        ampulla = TestServer.startWith(Map.of(
                "data-dir",
                dataDir,
                "analytics-token",
                TOKEN,
                "patient-hash-key",
                "patient-hash-key-for-the-tests-5b8e03"));
    }

    @AfterAll
    static void stop() {
        ampulla.close();
    }

    @Test
    void anAcceptedStageIvOptionIsCountedOnceForItsTopicAndOption() throws Exception {
        JsonNode before = report();
        JsonNode cards = hook(PATIENT_VIEW, Examples.patientViewRequest("09-stage-iva-resectable-lower"));
        JsonNode card = cardWithTopic(cards, "stage-iv-resectable");
        String option2 = card.at("/suggestions/1/uuid").asText();
        assertTrue(ampulla.flushRecordedCards(Duration.ofSeconds(10)));
        String feedback = "{\"feedback\":[{\"card\":\"" + card.get("uuid").asText() + "\",\"outcome\":\"accepted\","
                + "\"acceptedSuggestions\":[{\"id\":\"" + option2 + "\"}],\"outcomeTimestamp\":\""
                + OffsetDateTime.now(ZoneOffset.UTC) + "\"}]}";
        for (int i = 0; i < 3; i++) { // a client retrying: acknowledged each time, stored once
            given().port(ampulla.port())
                    .contentType("application/json")
                    .body(feedback)
                    .post(PATIENT_VIEW + "/feedback")
                    .then()
                    .statusCode(204);
        }
        JsonNode after = report();
        assertEquals(1, delta(before, after, "stage-iv-resectable", "cardsShown"));
        assertEquals(1, delta(before, after, "stage-iv-resectable", "accepted"));
        assertEquals(1, delta(before, after, "stage-summary", "cardsShown"));
        assertEquals(1, delta(before, after, "stage-summary", "noFeedback"));
        assertEquals(
                1,
                optionCount(after, "rectal-stage-iv-option-2", "accepted")
                        - optionCount(before, "rectal-stage-iv-option-2", "accepted"));
        assertEquals(
                1,
                optionCount(after, "rectal-stage-iv-option-1", "shown")
                        - optionCount(before, "rectal-stage-iv-option-1", "shown"));
        assertTrue(after.at("/totals/distinctPatients").asLong() >= 1, "patients counted by keyed hash");
    }

    @Test
    void anOverriddenWarningIsCountedWithItsReason() throws Exception {
        JsonNode before = report();
        JsonNode cards = hook(ORDER_SIGN, Examples.request("order-sign", "01-rt-upper-rectum"));
        JsonNode warning = cardWithTopic(cards, "radiotherapy-not-indicated-location");
        JsonNode reason = warning.at("/overrideReasons/0");
        assertTrue(ampulla.flushRecordedCards(Duration.ofSeconds(10)));
        given().port(ampulla.port())
                .contentType("application/json")
                .body("{\"feedback\":[{\"card\":\""
                        + warning.get("uuid").asText() + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":"
                        + reason + ",\"userComment\":\"Discussed at the tumour board\"},\"outcomeTimestamp\":\""
                        + OffsetDateTime.now(ZoneOffset.UTC) + "\"}]}")
                .post(ORDER_SIGN + "/feedback")
                .then()
                .statusCode(204);
        JsonNode after = report();
        assertEquals(1, delta(before, after, "radiotherapy-not-indicated-location", "overridden"));
        assertEquals(
                1,
                reasonCount(after, reason.get("code").asText())
                        - reasonCount(before, reason.get("code").asText()),
                "the reason is counted once");
    }

    @Test
    void whichSourceAClinicianFollowedIsCountedPerLayer() throws Exception {
        JsonNode before = report();
        JsonNode cards = hook(PATIENT_VIEW, Examples.patientViewRequest("39-dmmr-stage-iii-middle-rectum"));
        JsonNode comparison = cardWithTopic(cards, "guideline-differs");
        JsonNode guideline = cardWithTopic(cards, "dmmr-immunotherapy");
        JsonNode mmrTest = cardWithTopic(
                hook(PATIENT_VIEW, Examples.patientViewRequest("03-stage-iia-middle-rectum")), "mmr-status-needed");
        assertTrue(ampulla.flushRecordedCards(Duration.ofSeconds(10)));
        given().port(ampulla.port())
                .contentType("application/json")
                .body("{\"feedback\":["
                        + overridden(comparison, "followed-guideline") + ","
                        + overridden(guideline, "followed-founding-document") + ",{\"card\":\""
                        + mmrTest.get("uuid").asText()
                        + "\",\"outcome\":\"accepted\",\"acceptedSuggestions\":[{\"id\":\""
                        + mmrTest.at("/suggestions/0/uuid").asText() + "\"}],\"outcomeTimestamp\":\""
                        + OffsetDateTime.now(ZoneOffset.UTC) + "\"}]}")
                .post(PATIENT_VIEW + "/feedback")
                .then()
                .statusCode(204);
        JsonNode after = report();
        assertEquals(1, layer(after, "comparison", "overridden") - layer(before, "comparison", "overridden"));
        assertEquals(
                1, layer(after, "comparison", "followedGuideline") - layer(before, "comparison", "followedGuideline"));
        assertEquals(
                1,
                layer(after, "guideline", "followedFoundingDocument")
                        - layer(before, "guideline", "followedFoundingDocument"));
        assertEquals(1, layer(after, "guideline", "accepted") - layer(before, "guideline", "accepted"));
        // the patient-view of 39 issued two founding-document cards (stage, radiotherapy) and of 03 two more
        assertEquals(
                4, layer(after, "founding-document", "cardsShown") - layer(before, "founding-document", "cardsShown"));
        assertEquals(
                1,
                mmrTesting(after) - mmrTesting(before),
                "the accepted proposal is counted under its ActivityDefinition");
    }

    private static String overridden(JsonNode card, String reason) {
        JsonNode coding = null;
        for (JsonNode r : card.get("overrideReasons")) {
            if (r.get("code").asText().equals(reason)) {
                coding = r;
            }
        }
        assertTrue(
                coding != null,
                reason + " is offered on " + card.at("/source/topic/code").asText());
        return "{\"card\":\"" + card.get("uuid").asText() + "\",\"outcome\":\"overridden\",\"overrideReason\":{"
                + "\"reason\":" + coding + "},\"outcomeTimestamp\":\"" + OffsetDateTime.now(ZoneOffset.UTC) + "\"}";
    }

    private static long mmrTesting(JsonNode report) {
        for (JsonNode s : topic(report, "mmr-status-needed").path("suggestions")) {
            if (s.get("pathwayOption").asText().equals("mmr-testing")) {
                return s.get("accepted").asLong();
            }
        }
        return 0;
    }

    private static long layer(JsonNode report, String layer, String field) {
        for (JsonNode l : report.get("layers")) {
            if (l.get("layer").asText().equals(layer)) {
                return l.get(field).asLong();
            }
        }
        return 0;
    }

    @Test
    void theStoreHoldsNoPatientIdentifierAndNoComment() throws Exception {
        hook(PATIENT_VIEW, Examples.patientViewRequest("09-stage-iva-resectable-lower"));
        JsonNode warning = cardWithTopic(
                hook(ORDER_SIGN, Examples.request("order-sign", "01-rt-upper-rectum")),
                "radiotherapy-not-indicated-location");
        assertTrue(ampulla.flushRecordedCards(Duration.ofSeconds(10)));
        given().port(ampulla.port())
                .contentType("application/json")
                .body("{\"feedback\":[{\"card\":\""
                        + warning.get("uuid").asText() + "\",\"outcome\":\"overridden\",\"overrideReason\":{"
                        + "\"userComment\":\"Discussed at the tumour board with rc10\"},\"outcomeTimestamp\":\""
                        + OffsetDateTime.now(ZoneOffset.UTC) + "\"}]}")
                .post(ORDER_SIGN + "/feedback")
                .then()
                .statusCode(204);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir + "/ampulla-feedback.db")) {
            for (String table : new String[] {"issued_card", "issued_suggestion", "feedback"}) {
                try (ResultSet r = c.createStatement().executeQuery("SELECT * FROM " + table)) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = r.getString(i);
                            assertTrue(
                                    value == null
                                            || (!value.contains("rc09")
                                                    && !value.contains("rc10")
                                                    && !value.contains("tumour board")),
                                    table + " holds " + value);
                        }
                    }
                }
            }
        }
    }

    @Test
    void eachIssuedCardIsStoredWithTheRulesItsExtensionNames() throws Exception {
        JsonNode card = cardWithTopic(
                hook(PATIENT_VIEW, Examples.patientViewRequest("09-stage-iva-resectable-lower")),
                "stage-iv-resectable");
        assertEquals("[\"R3\"]", card.at("/extension/dev.ampulla.rules").toString());
        assertTrue(ampulla.flushRecordedCards(Duration.ofSeconds(10)));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir + "/ampulla-feedback.db");
                var q = c.prepareStatement("SELECT rule_ids, indicator FROM issued_card WHERE card_uuid = ?")) {
            q.setString(1, card.get("uuid").asText());
            try (ResultSet r = q.executeQuery()) {
                assertTrue(r.next(), "the card was recorded");
                assertEquals("R3", r.getString(1));
                assertEquals("info", r.getString(2));
            }
        }
    }

    @Test
    void theReportNeedsTheAnalyticsToken() {
        given().port(ampulla.port())
                .get("/analytics/concordance")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("issue[0].code", equalTo("login"));
        given().port(ampulla.port())
                .header("Authorization", "Bearer not-the-token-0123456789abcdef0123")
                .get("/analytics/concordance")
                .then()
                .statusCode(401);
        given().port(ampulla.port())
                .header("Authorization", "Bearer " + TOKEN)
                .get("/analytics/concordance")
                .then()
                .statusCode(200)
                .body("totals.cardsShown", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aBadPeriodIs400() {
        given().port(ampulla.port())
                .header("Authorization", "Bearer " + TOKEN)
                .queryParam("from", "yesterday")
                .get("/analytics/concordance")
                .then()
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("'from' must be a date"));
        given().port(ampulla.port())
                .header("Authorization", "Bearer " + TOKEN)
                .queryParam("from", "2026-11-02")
                .queryParam("to", "2026-11-01")
                .get("/analytics/concordance")
                .then()
                .statusCode(400);
        given().port(ampulla.port())
                .header("Authorization", "Bearer " + TOKEN)
                .queryParam("from", "2026-11-01")
                .queryParam("to", "2026-11-01")
                .get("/analytics/concordance")
                .then()
                .statusCode(200)
                .body("from", equalTo("2026-11-01T00:00:00Z"))
                .body("to", equalTo("2026-11-02T00:00:00Z"));
    }

    @Test
    void feedbackThatNoDatabaseCouldStoreIs400NotARetryableError() {
        given().port(ampulla.port())
                .contentType("application/json")
                .body("{\"feedback\":[{\"card\":\"abc\\u0000def\",\"outcome\":\"overridden\","
                        + "\"outcomeTimestamp\":\"" + OffsetDateTime.now(ZoneOffset.UTC) + "\"}]}")
                .post(PATIENT_VIEW + "/feedback")
                .then()
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("NUL"));
        given().port(ampulla.port())
                .contentType("application/json")
                .body("{\"feedback\":[{\"card\":\"abc\",\"outcome\":\"overridden\","
                        + "\"outcomeTimestamp\":\"+999999999-12-31T23:59:59Z\"}]}")
                .post(PATIENT_VIEW + "/feedback")
                .then()
                .statusCode(400);
        given().port(ampulla.port())
                .header("Authorization", "Bearer " + TOKEN)
                .queryParam("from", "-999999999-01-01T00:00:00Z")
                .get("/analytics/concordance")
                .then()
                .statusCode(400);
    }

    @Test
    void invalidFeedbackIsRefusedAndNotStored() throws Exception {
        JsonNode before = report();
        given().port(ampulla.port())
                .contentType("application/json")
                .body("{\"feedback\":[{\"card\":\"" + "x".repeat(200) + "\",\"outcome\":\"overridden\","
                        + "\"outcomeTimestamp\":\"" + OffsetDateTime.now(ZoneOffset.UTC) + "\"}]}")
                .post(PATIENT_VIEW + "/feedback")
                .then()
                .statusCode(400)
                .body("issue[0].code", equalTo("too-long"));
        assertEquals(
                before.at("/totals/feedbackOnUnrecordedCards").asLong(),
                report().at("/totals/feedbackOnUnrecordedCards").asLong());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    static JsonNode hook(String path, java.nio.file.Path request) throws Exception {
        return JSON.readTree(given().port(ampulla.port())
                        .contentType("application/json")
                        .body(Examples.read(request))
                        .post(path)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .get("cards");
    }

    static JsonNode report() throws Exception {
        return JSON.readTree(given().port(ampulla.port())
                .header("Authorization", "Bearer " + TOKEN)
                .get("/analytics/concordance")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    static JsonNode cardWithTopic(JsonNode cards, String topic) {
        for (JsonNode c : cards) {
            if (c.at("/source/topic/code").asText().equals(topic)) {
                return c;
            }
        }
        throw new AssertionError("no " + topic + " card in " + cards);
    }

    static JsonNode topic(JsonNode report, String topic) {
        for (JsonNode t : report.get("topics")) {
            if (t.get("topic").asText().equals(topic)) {
                return t;
            }
        }
        return JSON.createObjectNode();
    }

    static long delta(JsonNode before, JsonNode after, String topic, String field) {
        return topic(after, topic).path(field).asLong()
                - topic(before, topic).path(field).asLong();
    }

    static long reasonCount(JsonNode report, String code) {
        for (JsonNode r : topic(report, "radiotherapy-not-indicated-location").path("overrideReasons")) {
            if (r.path("code").asText().equals(code)) {
                return r.get("count").asLong();
            }
        }
        return 0;
    }

    static long optionCount(JsonNode report, String option, String field) {
        for (JsonNode s : topic(report, "stage-iv-resectable").path("suggestions")) {
            if (s.get("pathwayOption").asText().equals(option)) {
                return s.get(field).asLong();
            }
        }
        return 0;
    }
}
