package dev.ampulla.feedback;

import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CardSource;
import dev.ampulla.cdshooks.Coding;
import dev.ampulla.cdshooks.Indicator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Cards as the renderer makes them, for recorder tests. */
final class CardsForTests {
    private CardsForTests() {}

    static Card stageSummary() {
        return new Card(
                UUID.randomUUID().toString(),
                "Rectal cancer stage I (clinical, AJCC 8th): cT2 cN0 cM0",
                "detail",
                Indicator.INFO,
                new CardSource(
                        "Ampulla rectal cancer pathways",
                        null,
                        new Coding(
                                "https://ampulla.dev/fhir/CodeSystem/card-topic",
                                "stage-summary",
                                "Rectal cancer stage")),
                null,
                null,
                List.of(),
                Map.of("dev.ampulla.rules", List.of("R1")));
    }
}
