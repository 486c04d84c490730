package dev.ampulla.extraction;

/**
 * A record that says where the patient is in treatment without being a treatment: watch-and-wait, a complete
 * response, a recurrence, or a diagnosis recorded in remission or as recurred.
 */
public record PhaseMarker(Kind kind, FactTime time, Source source) {

    /** What the record says. */
    public enum Kind {
        /** Active surveillance (SNOMED CT 424313000, oBDS AS): organ preservation after a clinical complete response. */
        WATCH_AND_WAIT("watch-and-wait (active surveillance)"),
        /** A completed active-surveillance Procedure: watch-and-wait ended (regrowth, or a decision to operate). */
        WATCH_AND_WAIT_ENDED("watch-and-wait ended"),
        /** Cancer disease status "in full remission" (mCODE CancerDiseaseStatus). */
        COMPLETE_RESPONSE("disease status: full remission"),
        /** A cancer disease status of worsening (SNOMED CT 271299001): regrowth or progression. */
        PROGRESSION("disease status: worsened"),
        /** Any other cancer disease status (improved, stable, undetermined): it neither starts nor ends anything. */
        OTHER_RESPONSE("disease status other than full remission"),
        /** The primary's clinical status is remission (mCODE's advice when the disease status is remission). */
        REMISSION_STATUS("diagnosis recorded in remission"),
        /** A local-recurrence Condition (SNOMED CT 314966008). */
        LOCAL_RECURRENCE("local recurrence"),
        /** The primary's clinical status is recurrence or relapse. */
        RECURRENCE_STATUS("diagnosis recorded as recurred");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
