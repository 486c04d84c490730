package dev.ampulla.extraction;

import java.time.LocalDate;
import java.util.List;

/**
 * What the record says of the patient rather than of one tumour: biomarker results, performance status, pregnancy
 * and the date of birth, each list oldest first. {@code biomarkersKnown}, {@code statusKnown} and
 * {@code patientKnown} are false when the EHR did not provide those data at all (as opposed to none existing).
 */
public record PatientFacts(
        List<BiomarkerResult> biomarkers,
        List<PerformanceStatus> performance,
        List<PregnancyStatus> pregnancy,
        LocalDate birthDate,
        boolean biomarkersKnown,
        boolean statusKnown,
        boolean patientKnown) {

    public static final PatientFacts NONE = new PatientFacts(List.of(), List.of(), List.of(), null, true, true, true);

    public PatientFacts {
        biomarkers = List.copyOf(biomarkers);
        performance = List.copyOf(performance);
        pregnancy = List.copyOf(pregnancy);
    }
}
