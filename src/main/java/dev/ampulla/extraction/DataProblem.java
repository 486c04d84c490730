package dev.ampulla.extraction;

/**
 * Something in the data a clinician should know about because it affected, or could affect, the conclusions:
 * {@code kind} says which card lists it; {@code warning} that it changes the conclusions; {@code text} is plain text
 * (never Markdown: card rendering escapes it) naming the resources involved.
 */
public record DataProblem(Kind kind, boolean warning, String text) {

    /** Which data-quality card lists a problem. */
    public enum Kind {
        /** Data that contradict each other or the AJCC rules (R25). */
        CONFLICT,
        /** Staging data that name no tumour when the patient has more than one primary (R26). */
        ATTRIBUTION
    }

    /** How problems are listed: warnings first, then by text. */
    public static final java.util.Comparator<DataProblem> ORDER = java.util.Comparator
            .comparing((DataProblem p) -> !p.warning()).thenComparing(DataProblem::text);

    public static DataProblem conflict(boolean warning, String text) {
        return new DataProblem(Kind.CONFLICT, warning, text);
    }

    public static DataProblem attribution(String text) {
        return new DataProblem(Kind.ATTRIBUTION, true, text);
    }
}
