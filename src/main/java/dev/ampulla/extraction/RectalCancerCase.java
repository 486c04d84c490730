package dev.ampulla.extraction;

import java.util.List;

/**
 * The facts about one rectal or rectosigmoid primary that the rules use, extracted with explicit code sets and the
 * validity filters of the clinical reference (§2.10). Nothing here is interpreted yet: no stage, no segment.
 * {@code proceduresKnown} is false when the EHR provided no Procedures, so {@code treatments} may be incomplete.
 */
public record RectalCancerCase(
        PrimaryTumour primary,
        List<StagingFact> staging,
        List<DistanceFact> distances,
        List<Metastasis> metastases,
        List<ResectabilityFact> resectability,
        List<TreatmentFact> treatments,
        boolean proceduresKnown,
        List<DataProblem> problems) {

    public RectalCancerCase {
        staging = List.copyOf(staging);
        distances = List.copyOf(distances);
        metastases = List.copyOf(metastases);
        resectability = List.copyOf(resectability);
        treatments = List.copyOf(treatments);
        problems = List.copyOf(problems);
    }
}
