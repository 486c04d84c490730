package dev.ampulla.presentation;

import static dev.ampulla.presentation.PresentationCalls.ANALYTICS_TOKEN;
import static dev.ampulla.presentation.PresentationCalls.ORDER_SELECT;
import static dev.ampulla.presentation.PresentationCalls.ORDER_SIGN;
import static dev.ampulla.presentation.PresentationCalls.PATIENT_VIEW;
import static dev.ampulla.presentation.PresentationCalls.cards;
import static dev.ampulla.presentation.PresentationCalls.controlsFile;
import static dev.ampulla.presentation.PresentationCalls.indicators;
import static dev.ampulla.presentation.PresentationCalls.metrics;
import static dev.ampulla.presentation.PresentationCalls.order;
import static dev.ampulla.presentation.PresentationCalls.patientView;
import static dev.ampulla.presentation.PresentationCalls.report;
import static dev.ampulla.presentation.PresentationCalls.topics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.Application;
import dev.ampulla.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deployment's card controls file: hidden topics, a minimum indicator per hook, silent mode globally, per service
 * and per topic. Kept-back cards are recorded, counted in the report and in the metrics; a mistake stops start-up.
 */
class CardControlsTest {

    private static Application start(String controls) {
        return TestServer.startWith(
                Map.of("card-controls", controlsFile(controls), "analytics-token", ANALYTICS_TOKEN));
    }

    @Test
    void aHiddenTopicIsLeftOutOfTheAnswerAndCountedAsHidden() {
        try (Application ampulla = start("{\"topics\": {\"hide\": [\"stage-summary\"]}}")) {
            List<String> shown = topics(cards(ampulla.port(), PATIENT_VIEW, patientView("03-stage-iia-middle-rectum")));
            assertFalse(shown.contains("stage-summary"), shown.toString());
            assertFalse(shown.isEmpty(), "the other topics are shown");
            assertTrue(ampulla.flushRecordedCards(Duration.ofSeconds(10)));
            JsonNode totals = report(ampulla.port()).get("totals");
            assertEquals(1, totals.get("cardsHidden").asLong());
            assertEquals(shown.size(), totals.get("cardsShown").asLong());
            assertTrue(metrics(ampulla.port())
                    .contains("ampulla_cards_suppressed_total{reason=\"control\","
                            + "service=\"rectal-cancer-pathways\",topic=\"stage-summary\"} 1.0"));
        }
    }

    @Test
    void aMinimumIndicatorHidesLessUrgentCardsAtItsHookOnly() {
        try (Application ampulla = start("{\"minimumIndicator\": {\"order-select\": \"warning\"}}")) {
            List<String> atSelect = indicators(
                    cards(ampulla.port(), ORDER_SELECT, order("order-select", "01-rt-selected-upper-rectum")));
            assertFalse(atSelect.isEmpty(), "the warning is shown");
            assertFalse(atSelect.contains("info"), atSelect.toString());
            List<String> atSign =
                    indicators(cards(ampulla.port(), ORDER_SIGN, order("order-sign", "01-rt-upper-rectum")));
            assertTrue(atSign.contains("info"), "order-sign keeps its info cards: " + atSign);
        }
    }

    @Test
    void silentEverywhereAnswersNoCardsButRecordsThem() {
        try (Application ampulla = start("{\"silent\": {\"everywhere\": true}}")) {
            assertEquals(
                    0,
                    cards(ampulla.port(), PATIENT_VIEW, patientView("03-stage-iia-middle-rectum"))
                            .size());
            assertEquals(
                    0,
                    cards(ampulla.port(), ORDER_SIGN, order("order-sign", "01-rt-upper-rectum"))
                            .size());
            assertTrue(ampulla.flushRecordedCards(Duration.ofSeconds(10)));
            JsonNode totals = report(ampulla.port()).get("totals");
            assertEquals(0, totals.get("cardsShown").asLong());
            assertTrue(totals.get("cardsSilent").asLong() > 2, totals.toString());
            assertTrue(metrics(ampulla.port()).contains("reason=\"silent\",service=\"rectal-cancer-order-sign\""));
        }
    }

    @Test
    void silentPerServiceAndPerTopic() {
        try (Application ampulla = start(
                "{\"silent\": {\"services\": [\"rectal-cancer-order-sign\"]," + " \"topics\": [\"stage-summary\"]}}")) {
            assertEquals(
                    0,
                    cards(ampulla.port(), ORDER_SIGN, order("order-sign", "01-rt-upper-rectum"))
                            .size());
            assertFalse(
                    cards(ampulla.port(), ORDER_SELECT, order("order-select", "01-rt-selected-upper-rectum"))
                            .isEmpty(),
                    "order-select is not silent");
            List<String> shown = topics(cards(ampulla.port(), PATIENT_VIEW, patientView("03-stage-iia-middle-rectum")));
            assertFalse(shown.contains("stage-summary"), shown.toString());
            assertFalse(shown.isEmpty());
            assertTrue(ampulla.flushRecordedCards(Duration.ofSeconds(10)));
            JsonNode stage = topic(report(ampulla.port()), "stage-summary");
            assertEquals(1, stage.get("cardsSilent").asLong());
            assertEquals(0, stage.get("cardsShown").asLong());
        }
    }

    @Test
    void anUnknownTopicStopsStartUpWithOneLineNamingIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TestServer.startWith(
                        Map.of("card-controls", controlsFile("{\"topics\": {\"show\": [\"stage-sumary\"]}}"))));
        assertTrue(e.getMessage().contains("unknown card topic 'stage-sumary'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        IllegalArgumentException hook = assertThrows(
                IllegalArgumentException.class,
                () -> TestServer.startWith(Map.of(
                        "card-controls", controlsFile("{\"minimumIndicator\": {\"patient-veiw\": \"warning\"}}"))));
        assertTrue(hook.getMessage().contains("unknown hook 'patient-veiw'"), hook.getMessage());
    }

    static JsonNode topic(JsonNode report, String code) {
        for (JsonNode t : report.get("topics")) {
            if (t.get("topic").asText().equals(code)) {
                return t;
            }
        }
        throw new AssertionError("no topic " + code + " in " + report);
    }
}
