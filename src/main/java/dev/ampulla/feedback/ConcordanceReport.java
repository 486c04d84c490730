package dev.ampulla.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How often clinicians followed or overrode Ampulla's cards issued in a period, per card topic and per suggestion
 * (pathway option). A card counts as accepted when any of its suggestions was accepted, as overridden when it was
 * dismissed and nothing was accepted, and otherwise as without feedback. Rates are per card shown; null when no card
 * was shown. Cards computed but not shown (silent, hidden by controls or options, snoozed) are counted apart. {@code from} and {@code to} are ISO 8601 instants; the period is {@code [from, to)}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ConcordanceReport(String from, String to, Totals totals, List<Layer> layers, List<Topic> topics) {

    /**
     * The cards of one layer of the knowledge pack ({@code founding-document}, {@code guideline}, {@code comparison}):
     * shown, accepted, overridden; and, of its overridden cards, how many were dismissed because the clinician
     * followed the founding document, or the guideline.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Layer(
            String layer,
            long cardsShown,
            long accepted,
            long overridden,
            long followedFoundingDocument,
            long followedGuideline) {}

    /**
     * @param distinctPatients distinct patients among the cards, when a patient hash key is configured; else null
     * @param feedbackOnUnrecordedCards feedback items for cards the store never recorded (issued while it was down)
     * @param cardsSilent cards computed and recorded in silent mode, not shown
     * @param cardsHidden cards hidden by the deployment's card controls or the call's options
     * @param cardsSnoozed cards not shown again after a clinician overrode the same advice
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Totals(
            long cardsShown,
            long accepted,
            long overridden,
            long noFeedback,
            Double acceptanceRate,
            Double overrideRate,
            Long distinctPatients,
            long feedbackOnUnrecordedCards,
            long cardsSilent,
            long cardsHidden,
            long cardsSnoozed) {}

    /** One topic's cards; {@code cardsShown} and the rates count shown cards only, the last three the others. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Topic(
            String topic,
            long cardsShown,
            long accepted,
            long overridden,
            long noFeedback,
            Double acceptanceRate,
            Double overrideRate,
            List<OverrideReason> overrideReasons,
            long overridesWithComment,
            List<SuggestionStats> suggestions,
            long cardsSilent,
            long cardsHidden,
            long cardsSnoozed) {}

    /** An override reason and how often it was given; system and code are null for "no reason given". */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OverrideReason(String system, String code, String display, long count) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SuggestionStats(
            String pathwayOption, String label, long shown, long accepted, Double acceptanceRate) {}

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
