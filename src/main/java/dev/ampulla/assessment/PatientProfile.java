package dev.ampulla.assessment;

import dev.ampulla.extraction.BiomarkerResult;
import dev.ampulla.extraction.PerformanceStatus;
import dev.ampulla.extraction.PregnancyStatus;

/**
 * What the guideline layer needs to know of the patient: mismatch-repair / MSI, RAS, BRAF and HER2 status, the newest
 * CEA, the newest performance status, the age in years (null when unknown) and a current pregnancy status (null when
 * none is recorded, or only an old one). {@code fitnessReasons} say why a fitness assessment is advised (e.g.
 * "ECOG 3", "age 91": ECOG 3 or more, Karnofsky 40 or less, an age at or above the pack's fitness-check age); empty
 * when none applies. {@code krasG12c}: a KRAS G12C variant is recorded.
 */
public record PatientProfile(
        BiomarkerStatus mmr,
        BiomarkerStatus ras,
        BiomarkerStatus braf,
        BiomarkerStatus her2,
        BiomarkerResult cea,
        PerformanceStatus performance,
        Integer age,
        PregnancyStatus pregnancy,
        java.util.List<String> fitnessReasons,
        boolean krasG12c,
        boolean biomarkersKnown,
        boolean statusKnown,
        boolean patientKnown) {

    public PatientProfile {
        fitnessReasons = java.util.List.copyOf(fitnessReasons);
    }

    public boolean fitnessConcern() {
        return !fitnessReasons.isEmpty();
    }

    public boolean pregnantOrPossibly() {
        return pregnancy != null && pregnancy.state() != PregnancyStatus.State.NOT_PREGNANT;
    }
}
