package dev.ampulla.extraction;

import dev.ampulla.knowledge.Rule;

/**
 * Something in the data a clinician should know about because it affected, or could affect, the conclusions:
 * {@code rule} is {@link Rule#DATA_CONFLICT} or {@link Rule#DATA_ATTRIBUTION}; {@code warning} selects the card
 * indicator; {@code text} is plain text (never Markdown: card rendering escapes it) naming the resources involved.
 */
public record DataProblem(Rule rule, boolean warning, String text) {

    /** How problems are listed: warnings first, then by text. */
    public static final java.util.Comparator<DataProblem> ORDER = java.util.Comparator
            .comparing((DataProblem p) -> !p.warning()).thenComparing(DataProblem::text);

    public static DataProblem conflict(boolean warning, String text) {
        return new DataProblem(Rule.DATA_CONFLICT, warning, text);
    }

    public static DataProblem attribution(String text) {
        return new DataProblem(Rule.DATA_ATTRIBUTION, true, text);
    }
}
