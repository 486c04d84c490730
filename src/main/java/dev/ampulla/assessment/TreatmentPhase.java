package dev.ampulla.assessment;

/**
 * Where the patient is in treatment for one primary, as the record shows it (findings.yaml, {@code treatment-phase}).
 * How each is derived is in docs/clinical-logic.md.
 */
public enum TreatmentPhase {
    /** No resection, radiotherapy or systemic therapy of the rectal cancer is recorded. */
    UNTREATED("untreated"),
    /** Radiotherapy or systemic therapy given or ongoing, primary not resected, no watch-and-wait record. */
    PREOPERATIVE_TREATMENT("preoperative-treatment"),
    /** Watch-and-wait, a complete response, or the primary recorded in remission, primary not resected. */
    WATCH_AND_WAIT("watch-and-wait"),
    /** The primary resected, no treatment recorded after the resection. */
    RESECTED("resected"),
    /** The primary resected, radiotherapy or systemic therapy recorded after the resection. */
    POSTOPERATIVE_TREATMENT("postoperative-treatment"),
    /** A local recurrence, or the primary recorded as recurred. */
    RECURRENCE("recurrence"),
    /** Distant metastases first recorded after the resection of the primary. */
    METACHRONOUS_METASTASES("metachronous-metastases");

    private final String findingValue;

    TreatmentPhase(String findingValue) {
        this.findingValue = findingValue;
    }

    /** The value of the {@code treatment-phase} finding. */
    public String findingValue() {
        return findingValue;
    }
}
