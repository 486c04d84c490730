package dev.ampulla.extraction;

/**
 * A treatment given or being given: a completed or ongoing Procedure, or a systemic therapy recorded by a medication
 * administration, statement or request. {@code ongoing} is true while it is in progress (or active); {@code end} is
 * when a recorded period ended, in milliseconds ({@link FactTime#ABSENT} when not recorded); {@code drugs} the
 * ingredients of a systemic therapy recorded by a medication record (empty for Procedures).
 */
public record TreatmentFact(
        TreatmentKind kind, FactTime time, Source source, boolean ongoing, long end, java.util.List<String> drugs) {

    public TreatmentFact {
        drugs = java.util.List.copyOf(drugs);
    }

    public TreatmentFact(TreatmentKind kind, FactTime time, Source source, boolean ongoing, long end) {
        this(kind, time, source, ongoing, end, java.util.List.of());
    }

    public TreatmentFact(TreatmentKind kind, FactTime time, Source source) {
        this(kind, time, source, false, FactTime.ABSENT);
    }

    /** Radiotherapy, chemoradiation or chemotherapy (not surgery). */
    public boolean isNonSurgical() {
        return kind == TreatmentKind.RADIOTHERAPY
                || kind == TreatmentKind.CHEMORADIATION
                || kind == TreatmentKind.CHEMOTHERAPY;
    }
}
