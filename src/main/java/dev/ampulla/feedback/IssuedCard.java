package dev.ampulla.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.cards.CardRenderer;
import dev.ampulla.cdshooks.Action;
import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.Suggestion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the store keeps of one issued card: its identity, service, topic, indicator and rules, and each suggestion with
 * the pathway option it stands for. No patient data but an optional keyed hash.
 */
public record IssuedCard(String cardUuid, String serviceId, String topic, String indicator, String ruleIds,
        String patientHash, long issuedAtMillis, List<IssuedSuggestion> suggestions) {

    /** Suggestion kind for a suggestion that withdraws draft orders. */
    public static final String WITHDRAW_ORDER = "withdraw-order";
    /** Suggestion kind when no pathway option can be named. */
    public static final String OTHER = "other";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One suggestion: {@code pathwayOption} is the PlanDefinition a proposed CarePlan instantiates (for example
     * {@code rectal-stage-iv-option-1}), {@value #WITHDRAW_ORDER}, or {@value #OTHER}.
     */
    public record IssuedSuggestion(String uuid, String label, String pathwayOption) {
    }

    static IssuedCard of(Card card, String serviceId, String patientHash, long issuedAtMillis) {
        List<IssuedSuggestion> suggestions = new ArrayList<>();
        if (card.suggestions() != null) {
            for (Suggestion s : card.suggestions()) {
                suggestions.add(new IssuedSuggestion(s.uuid(), clip(s.label(), 300), option(s)));
            }
        }
        Object rules = card.extension() == null ? null : card.extension().get(CardRenderer.RULES_EXTENSION);
        String ruleIds = rules instanceof List<?> list && !list.isEmpty()
                ? String.join("+", list.stream().map(String::valueOf).toList()) : "-";
        return new IssuedCard(card.uuid(), serviceId, card.source().topic().code(), card.indicator().json(),
                ruleIds, patientHash, issuedAtMillis, List.copyOf(suggestions));
    }

    private static String option(Suggestion s) {
        for (Action a : s.actions()) {
            if ("delete".equals(a.type())) {
                return WITHDRAW_ORDER;
            }
            if ("create".equals(a.type()) && a.resource() != null) {
                try {
                    JsonNode canonical = JSON.readTree(a.resource().json()).path("instantiatesCanonical").path(0);
                    if (canonical.isTextual()) {
                        String url = canonical.asText();
                        return clip(url.substring(url.lastIndexOf('/') + 1), 100);
                    }
                } catch (IOException e) {
                    return OTHER;
                }
            }
        }
        return OTHER;
    }

    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
