package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampulla.Application;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feedback cannot flood the store or poison the report: it must name a card Ampulla issued, that card's suggestions
 * and override reasons; an item names at most a few suggestions; a reason's display is Ampulla's, never the caller's
 * text; each client has a rate. On a server of its own, with a rate of 30 calls a minute (bursts of 3).
 */
class FeedbackAbuseTest {
    private static final String HOOK = "/cds-services/rectal-cancer-pathways";
    private static final String FEEDBACK = HOOK + "/feedback";
    private static final String REASONS = "https://ampulla.dev/fhir/CodeSystem/override-reason";
    private static Application ampulla;
    private static JsonPath issued;

    @BeforeAll
    static void start() throws Exception {
        ampulla = TestServer.startWith(Map.of("feedback-calls-per-minute", "1000000"));
        issued = given().port(ampulla.port())
                .contentType("application/json")
                .body(Examples.read(Examples.patientViewRequest("10-stage-iva-resectable-upper")))
                .post(HOOK)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(ampulla.flushRecordedCards(Duration.ofSeconds(10)));
    }

    @AfterAll
    static void stop() {
        ampulla.close();
    }

    private static ValidatableResponse feedback(String items) {
        return given().port(ampulla.port())
                .contentType("application/json")
                .body("{\"feedback\":[" + items + "]}")
                .post(FEEDBACK)
                .then();
    }

    private static String overridden(String card, String system, String code, String display) {
        return "{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"system\":\""
                + system + "\",\"code\":\"" + code + "\"" + (display == null ? "" : ",\"display\":\"" + display + "\"")
                + "}},\"outcomeTimestamp\":\"2026-11-26T10:05:31Z\"}";
    }

    private static String accepted(String card, String... suggestions) {
        StringBuilder s =
                new StringBuilder("{\"card\":\"" + card + "\",\"outcome\":\"accepted\"," + "\"acceptedSuggestions\":[");
        for (int i = 0; i < suggestions.length; i++) {
            s.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"")
                    .append(suggestions[i])
                    .append("\"}");
        }
        return s.append("],\"outcomeTimestamp\":\"2026-11-26T10:05:31Z\"}").toString();
    }

    @Test
    void anItemCannotNameThousandsOfSuggestions() {
        String[] many = new String[13_000];
        java.util.Arrays.fill(many, issued.getString("cards[1].suggestions[0].uuid"));
        feedback(accepted(issued.getString("cards[1].uuid"), many))
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("more than 10 suggestions"));
    }

    @Test
    void onlyIssuedCardsTheirSuggestionsAndTheirReasonsAreAccepted() {
        String stage = issued.getString("cards[0].uuid");
        String options = issued.getString("cards[1].uuid");
        feedback(accepted("0190f1e0-0000-7000-8000-000000000000", "0190f1e0-0000-7000-8000-000000000001"))
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("not a card this service issued"));
        feedback(accepted(stage, issued.getString("cards[1].suggestions[0].uuid")))
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("a suggestion the card did not offer"));
        feedback(overridden(options, REASONS, "treats-recurrence", null))
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("not one of the card's override reasons"));
        feedback(overridden(options, "http://example.org/reasons", "mdt-decision", null))
                .statusCode(400);
        // one bad item: nothing of the call is stored
        feedback(overridden(options, REASONS, "mdt-decision", null) + "," + accepted("unknown", "x"))
                .statusCode(400);
        feedback(accepted(options, issued.getString("cards[1].suggestions[0].uuid")))
                .statusCode(204);
    }

    @Test
    void theReportShowsAmpullasReasonDisplayNeverTheCallersText() {
        String card = given().port(ampulla.port())
                .contentType("application/json")
                .body(Examples.read(Examples.patientViewRequest("09-stage-iva-resectable-lower")))
                .post(HOOK)
                .then()
                .statusCode(200)
                .extract()
                .path("cards[1].uuid");
        assertTrue(ampulla.flushRecordedCards(Duration.ofSeconds(10)));
        feedback(overridden(card, REASONS, "clinical-trial", "Jane Doe MRN 12345 wants the trial"))
                .statusCode(204);
        String report = given().port(ampulla.port())
                .get("/analytics/concordance")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(report.contains("Jane Doe") || report.contains("12345"), report);
        assertTrue(
                report.contains("\"clinical-trial\"")
                        && report.contains(dev.ampulla.knowledge.OverrideReasonCodes.display("clinical-trial")),
                report);
    }

    @Test
    void aClientSendingTooMuchFeedbackIsSlowedDown() {
        try (Application limited = TestServer.startWith(Map.of("feedback-calls-per-minute", "30"))) {
            int throttled = 0;
            for (int i = 0; i < 20; i++) {
                int status = given().port(limited.port())
                        .contentType("application/json")
                        .body("{\"feedback\":[" + accepted("c", "s") + "]}")
                        .post(FEEDBACK)
                        .then()
                        .extract()
                        .statusCode();
                throttled += status == 429 ? 1 : 0;
            }
            // bursts of 3, then one every two seconds: twenty calls could all pass only over more than half a minute
            assertTrue(throttled > 0, throttled + " of 20 calls were throttled");
        }
    }
}
