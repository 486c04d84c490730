package dev.ampulla.assessment;

import dev.ampulla.extraction.Metastasis;
import dev.ampulla.extraction.StagingFact;
import dev.ampulla.extraction.TreatmentFact;
import java.util.List;

/**
 * The treatment phase of one primary and the dated facts behind it.
 *
 * @param facts what the phase rests on, oldest first
 * @param chemotherapyBeforeResection systemic therapy given before the resection (total neoadjuvant therapy, or
 *     chemotherapy before surgery for stage IV); empty when the primary is not resected
 * @param laterMetastases distant metastases first recorded after the resection (they do not restage the primary)
 * @param laterM M1 staging recorded after the resection (the same, recorded as staging)
 * @param radiotherapy radiotherapy or chemoradiation ever recorded (for a recurrence: prior pelvic radiotherapy)
 * @param missingData the kinds of data the client did not provide, so the phase was judged without them
 */
public record PhaseFinding(
        TreatmentPhase phase,
        List<PhaseFact> facts,
        List<TreatmentFact> chemotherapyBeforeResection,
        List<Metastasis> laterMetastases,
        List<StagingFact> laterM,
        List<TreatmentFact> radiotherapy,
        List<String> missingData) {

    public PhaseFinding {
        facts = List.copyOf(facts);
        laterM = List.copyOf(laterM);
        chemotherapyBeforeResection = List.copyOf(chemotherapyBeforeResection);
        laterMetastases = List.copyOf(laterMetastases);
        radiotherapy = List.copyOf(radiotherapy);
        missingData = List.copyOf(missingData);
    }
}
