package dev.ampulla.presentation;

import static dev.ampulla.presentation.PresentationCalls.ANALYTICS_TOKEN;
import static dev.ampulla.presentation.PresentationCalls.ORDER_SIGN;
import static dev.ampulla.presentation.PresentationCalls.PATIENT_HASH_KEY;
import static dev.ampulla.presentation.PresentationCalls.PATIENT_VIEW;
import static dev.ampulla.presentation.PresentationCalls.cards;
import static dev.ampulla.presentation.PresentationCalls.metrics;
import static dev.ampulla.presentation.PresentationCalls.order;
import static dev.ampulla.presentation.PresentationCalls.patientView;
import static dev.ampulla.presentation.PresentationCalls.report;
import static dev.ampulla.presentation.PresentationCalls.topics;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.Application;
import dev.ampulla.support.TestServer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Snooze on override, through the running server, on each feedback store (a subclass per database): an overridden
 * patient-view card is not shown again for that patient while its facts are unchanged, and is shown again at once
 * when they change; order-time warnings are never snoozed; without a patient hash key nothing is snoozed.
 */
abstract class SnoozeContract {
    private static final String STAGE_03 = "03-stage-iia-middle-rectum";
    private Application ampulla;

    /** Settings that put the feedback store in this contract's database. */
    abstract Map<String, String> storeSettings() throws Exception;

    private Application start(boolean withKey) throws Exception {
        Map<String, String> settings = new HashMap<>(storeSettings());
        settings.put("analytics-token", ANALYTICS_TOKEN);
        if (withKey) {
            settings.put("patient-hash-key", PATIENT_HASH_KEY);
        }
        ampulla = TestServer.startWith(settings);
        return ampulla;
    }

    @AfterEach
    void stop() {
        if (ampulla != null) {
            ampulla.close();
        }
    }

    @Test
    void anOverriddenCardIsHiddenForThatPatientUntilADecisiveFactChanges() throws Exception {
        Application server = start(true);
        String body = patientView(STAGE_03);
        JsonNode first = cards(server.port(), PATIENT_VIEW, body);
        override(server, PATIENT_VIEW, card(first, "stage-summary"));

        List<String> again = topics(cards(server.port(), PATIENT_VIEW, body));
        assertFalse(again.contains("stage-summary"), again.toString());
        assertEquals(first.size() - 1, again.size(), "the other cards are still shown");
        assertTrue(server.flushRecordedCards(Duration.ofSeconds(10)));
        assertEquals(1, report(server.port()).at("/totals/cardsSnoozed").asLong());
        assertTrue(metrics(server.port())
                .contains("ampulla_cards_suppressed_total{reason=\"snooze\","
                        + "service=\"rectal-cancer-pathways\",topic=\"stage-summary\"} 1.0"));

        // a new cT observation restages the tumour (cT3 to cT4b: IIA to IIC): the stage card's facts changed
        String restaged =
                body.replace("1228938002", "1228946001").replace("cT3 (qualifier value)", "cT4b (qualifier value)");
        assertTrue(topics(cards(server.port(), PATIENT_VIEW, restaged)).contains("stage-summary"));
    }

    @Test
    void orderTimeWarningsAreNeverSnoozed() throws Exception {
        Application server = start(true);
        String body = order("order-sign", "01-rt-upper-rectum");
        override(
                server,
                ORDER_SIGN,
                card(cards(server.port(), ORDER_SIGN, body), "radiotherapy-not-indicated-location"));
        assertTrue(topics(cards(server.port(), ORDER_SIGN, body)).contains("radiotherapy-not-indicated-location"));
    }

    @Test
    void withoutAPatientHashKeyNothingIsSnoozed() throws Exception {
        Application server = start(false);
        String body = patientView(STAGE_03);
        override(server, PATIENT_VIEW, card(cards(server.port(), PATIENT_VIEW, body), "stage-summary"));
        assertTrue(topics(cards(server.port(), PATIENT_VIEW, body)).contains("stage-summary"));
    }

    private static JsonNode card(JsonNode cards, String topic) {
        for (JsonNode c : cards) {
            if (c.at("/source/topic/code").asText().equals(topic)) {
                return c;
            }
        }
        throw new AssertionError("no " + topic + " card in " + cards);
    }

    private static void override(Application server, String service, JsonNode card) {
        assertTrue(server.flushRecordedCards(Duration.ofSeconds(10)));
        JsonNode reason = card.at("/overrideReasons/0");
        given().port(server.port())
                .contentType("application/json")
                .body("{\"feedback\":[{\"card\":\""
                        + card.get("uuid").asText() + "\",\"outcome\":\"overridden\""
                        + (reason.isMissingNode() ? "" : ",\"overrideReason\":{\"reason\":" + reason + "}")
                        + ",\"outcomeTimestamp\":\"" + OffsetDateTime.now(ZoneOffset.UTC) + "\"}]}")
                .post(service + "/feedback")
                .then()
                .statusCode(204);
    }
}
