package dev.ampulla.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** CDS Hooks 2.0 response rules checked on every answer the tests receive (checklist 0.2, 4.3–4.7). */
public final class CardChecks {
    private static final Pattern UUID =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");

    private CardChecks() {}

    public static void assertSpecValid(JsonNode response) {
        assertTrue(response.has("cards") && response.get("cards").isArray(), "cards array required");
        Set<String> uuids = new HashSet<>();
        for (JsonNode card : response.get("cards")) {
            assertNoEmptyValues(card, "card");
            String summary = card.path("summary").asText("");
            assertFalse(summary.isBlank(), "summary required");
            assertTrue(summary.length() < 140, "summary under 140 characters: " + summary);
            assertTrue(INDICATORS.contains(card.path("indicator").asText()), "indicator");
            assertFalse(card.path("source").path("label").asText("").isBlank(), "source.label required");
            assertTrue(UUID.matcher(card.path("uuid").asText()).matches(), "card uuid");
            assertTrue(uuids.add(card.get("uuid").asText()), "card uuids unique");
            JsonNode suggestions = card.get("suggestions");
            if (suggestions != null) {
                String sb = card.path("selectionBehavior").asText();
                assertTrue(sb.equals("at-most-one") || sb.equals("any"), "selectionBehavior with suggestions");
                for (JsonNode s : suggestions) {
                    assertFalse(s.path("label").asText("").isBlank(), "suggestion label");
                    assertTrue(UUID.matcher(s.path("uuid").asText()).matches(), "suggestion uuid");
                    assertTrue(uuids.add(s.get("uuid").asText()), "suggestion uuids unique");
                    for (JsonNode action : s.path("actions")) {
                        String type = action.path("type").asText();
                        assertTrue(Set.of("create", "update", "delete").contains(type), "action type");
                        assertFalse(action.path("description").asText("").isBlank(), "action description");
                        if (type.equals("create")) {
                            assertNotNull(action.get("resource"), "create carries a resource");
                        }
                    }
                }
            } else {
                assertFalse(card.has("selectionBehavior"), "selectionBehavior only with suggestions");
            }
            for (JsonNode reason : card.path("overrideReasons")) {
                assertFalse(reason.path("display").asText("").isBlank(), "override reasons need a display");
            }
        }
    }

    /** The specification forbids null, "", [] and {} anywhere except {@code "cards": []}. */
    public static void assertNoEmptyValues(JsonNode node, String path) {
        if (node.isNull()) {
            fail("null at " + path);
        }
        if (node.isTextual() && node.asText().isEmpty()) {
            fail("empty string at " + path);
        }
        if (node.isContainerNode() && node.isEmpty()) {
            fail("empty " + (node.isArray() ? "array" : "object") + " at " + path);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                assertNoEmptyValues(e.getValue(), path + "." + e.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertNoEmptyValues(node.get(i), path + "[" + i + "]");
            }
        }
    }

    public static void assertTopic(JsonNode card, String topic) {
        assertEquals(
                "https://ampulla.dev/fhir/CodeSystem/card-topic",
                card.path("source").path("topic").path("system").asText());
        assertEquals(topic, card.path("source").path("topic").path("code").asText());
    }

    /**
     * Whether a card is the guideline layer's (a guideline card, or the side-by-side comparison), not the founding
     * document's or Ampulla's own: tests of the founding-document pathway look at the others only.
     */
    public static boolean isGuidelineLayer(JsonNode card) {
        return card.at("/extension/dev.ampulla.guideline").isObject()
                || "guideline-differs".equals(card.at("/source/topic/code").asText());
    }

    /** The cards of an answer that are not the guideline layer's, in order. */
    public static java.util.List<JsonNode> foundingDocumentCards(JsonNode response) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode card : response.path("cards")) {
            if (!isGuidelineLayer(card)) {
                out.add(card);
            }
        }
        return out;
    }
}
