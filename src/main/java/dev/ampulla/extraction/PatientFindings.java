package dev.ampulla.extraction;

import java.util.List;

/**
 * What the extraction found in a patient's record: one case per rectal or rectosigmoid primary, and the diagnoses
 * that look like rectal cancer but could not be used (each naming the Condition and why). A
 * patient with neither has no rectal cancer as far as Ampulla can tell.
 */
public record PatientFindings(List<RectalCancerCase> cases, List<UnusableDiagnosis> notRecognised) {

    public PatientFindings {
        cases = List.copyOf(cases);
        notRecognised = List.copyOf(notRecognised);
    }

    public boolean isEmpty() {
        return cases.isEmpty() && notRecognised.isEmpty();
    }
}
