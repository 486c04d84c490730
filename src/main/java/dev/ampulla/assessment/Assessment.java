package dev.ampulla.assessment;

import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.RectalCancerCase;
import dev.ampulla.extraction.TreatmentFact;
import dev.ampulla.extraction.TreatmentKind;
import java.util.List;

/**
 * What Ampulla concluded about one primary: stage, tumour segment, resectability, treatment so far and data problems.
 *
 * @param primaryResected whether the primary has been resected: a resection Procedure, or pathological/post-therapy
 *     T or N staging (which only a resection specimen gives)
 * @param resectionEvidence a sentence naming what showed the resection, or null
 * @param phase where the patient is in treatment, and the dated facts behind it
 * @param highRisk the high-risk features of a locally advanced tumour (cT4, cN2, involved mesorectal fascia,
 *     extramural venous invasion), as a card names them; empty when none is recorded
 * @param localHighRisk cT4, an involved mesorectal fascia or EMVI (not cN2 alone): the features for which guidelines
 *     give preoperative treatment whatever the tumour's height
 * @param dataAge how old the newest fact is
 * @param profile biomarker status, performance status, age and pregnancy (the guideline layer's inputs)
 */
public record Assessment(
        RectalCancerCase rectalCase,
        WorkingStage stage,
        SegmentFinding segment,
        ResectabilityFinding resectability,
        boolean primaryResected,
        String resectionEvidence,
        PhaseFinding phase,
        List<String> highRisk,
        boolean localHighRisk,
        DataAge dataAge,
        List<DataProblem> problems,
        PatientProfile profile) {

    public Assessment {
        highRisk = List.copyOf(highRisk);
        problems = List.copyOf(problems);
    }

    /** Treatments already given of the kinds asked for, newest last. */
    public List<TreatmentFact> treatments(TreatmentKind... kinds) {
        List<TreatmentKind> wanted = List.of(kinds);
        return rectalCase.treatments().stream()
                .filter(t -> wanted.contains(t.kind()))
                .sorted((a, b) -> a.time().compareTo(b.time()))
                .toList();
    }
}
