package dev.ampulla.feedback;

import dev.ampulla.cards.CardWriter;
import dev.ampulla.cdshooks.Action;
import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.Suggestion;
import java.util.ArrayList;
import java.util.List;

/**
 * What the store keeps of one issued card: its identity, service, topic, indicator and rules, each suggestion with the
 * pathway option it stands for, the client it was issued to (null in open mode) and the override reason codes it
 * offered (space-separated), which feedback is checked against. No patient data but an optional keyed hash.
 */
public record IssuedCard(
        String cardUuid,
        String serviceId,
        String topic,
        String indicator,
        String ruleIds,
        String patientHash,
        long issuedAtMillis,
        List<IssuedSuggestion> suggestions,
        String issuer,
        String overrideReasons,
        String layer,
        String presentation,
        String decisiveFacts) {

    /** The presentation of a card the clinician was shown. */
    public static final String SHOWN = "shown";

    /** A card recorded without a presentation was shown; without decisive facts it cannot be snoozed. */
    public IssuedCard(
            String cardUuid,
            String serviceId,
            String topic,
            String indicator,
            String ruleIds,
            String patientHash,
            long issuedAtMillis,
            List<IssuedSuggestion> suggestions,
            String issuer,
            String overrideReasons,
            String layer) {
        this(
                cardUuid,
                serviceId,
                topic,
                indicator,
                ruleIds,
                patientHash,
                issuedAtMillis,
                suggestions,
                issuer,
                overrideReasons,
                layer,
                SHOWN,
                null);
    }

    /** The layer of a card from the founding document's pathway or Ampulla's own conventions. */
    public static final String FOUNDING_DOCUMENT = "founding-document";
    /** The layer of a guideline card. */
    public static final String GUIDELINE = "guideline";
    /** The layer of the card that shows a founding-document card and a guideline card side by side. */
    public static final String COMPARISON = "comparison";

    /** A card recorded without a layer is the founding document's. */
    public IssuedCard(
            String cardUuid,
            String serviceId,
            String topic,
            String indicator,
            String ruleIds,
            String patientHash,
            long issuedAtMillis,
            List<IssuedSuggestion> suggestions,
            String issuer,
            String overrideReasons) {
        this(
                cardUuid,
                serviceId,
                topic,
                indicator,
                ruleIds,
                patientHash,
                issuedAtMillis,
                suggestions,
                issuer,
                overrideReasons,
                FOUNDING_DOCUMENT);
    }

    /** Suggestion kind for a suggestion that withdraws draft orders. */
    public static final String WITHDRAW_ORDER = "withdraw-order";
    /** Suggestion kind when no pathway option can be named. */
    public static final String OTHER = "other";

    private static final String CANONICAL = "\"instantiatesCanonical\":[\"";

    /**
     * One suggestion: {@code pathwayOption} is the PlanDefinition a proposed CarePlan instantiates (for example
     * {@code rectal-stage-iv-option-1}), {@value #WITHDRAW_ORDER}, or {@value #OTHER}.
     */
    public record IssuedSuggestion(String uuid, String label, String pathwayOption) {}

    /** The record of a card, without the card's text: cheap enough to make on the hook's thread. */
    static IssuedCard of(
            Card card,
            String serviceId,
            String issuer,
            long issuedAtMillis,
            String presentation,
            String decisiveFacts) {
        List<IssuedSuggestion> suggestions = new ArrayList<>();
        if (card.suggestions() != null) {
            for (Suggestion s : card.suggestions()) {
                suggestions.add(new IssuedSuggestion(s.uuid(), clip(s.label(), 300), option(s)));
            }
        }
        Object rules = card.extension() == null ? null : card.extension().get(CardWriter.RULES_EXTENSION);
        String ruleIds = rules instanceof List<?> list && !list.isEmpty()
                ? String.join("+", list.stream().map(String::valueOf).toList())
                : "-";
        String reasons = card.overrideReasons() == null
                ? ""
                : String.join(
                        " ",
                        card.overrideReasons().stream()
                                .map(dev.ampulla.cdshooks.Coding::code)
                                .toList());
        Object guideline = card.extension() == null ? null : card.extension().get(CardWriter.GUIDELINE_EXTENSION);
        String layer = guideline == null
                ? FOUNDING_DOCUMENT
                : guideline instanceof java.util.Map<?, ?> g && g.containsKey("compares") ? COMPARISON : GUIDELINE;
        return new IssuedCard(
                card.uuid(),
                serviceId,
                card.source().topic().code(),
                card.indicator().json(),
                ruleIds,
                null,
                issuedAtMillis,
                List.copyOf(suggestions),
                clip(issuer, 300),
                clip(reasons, 1000),
                layer,
                presentation,
                decisiveFacts);
    }

    private static String option(Suggestion s) {
        for (Action a : s.actions()) {
            if ("delete".equals(a.type())) {
                return WITHDRAW_ORDER;
            }
            if ("create".equals(a.type()) && a.resource() != null) {
                // The resource is Ampulla's own compact JSON (HAPI's encoder), so a search finds the canonical
                // without parsing it on the hook's thread.
                String json = a.resource().json();
                int at = json.indexOf(CANONICAL);
                int end = at < 0 ? -1 : json.indexOf('"', at + CANONICAL.length());
                if (end > 0) {
                    String url = json.substring(at + CANONICAL.length(), end);
                    return clip(url.substring(url.lastIndexOf('/') + 1), 100);
                }
            }
        }
        return OTHER;
    }

    IssuedCard withPatientHash(String hash) {
        return new IssuedCard(
                cardUuid,
                serviceId,
                topic,
                indicator,
                ruleIds,
                hash,
                issuedAtMillis,
                suggestions,
                issuer,
                overrideReasons,
                layer,
                presentation,
                decisiveFacts);
    }

    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
