package dev.ampulla.extraction;

import java.util.List;

/**
 * The facts about one rectal or rectosigmoid primary that the rules use, extracted with explicit code sets and the
 * validity filters of the clinical reference (§2.10). Nothing here is interpreted yet: no stage, no segment, no
 * treatment phase. {@code patient} holds what the record says of the patient rather than of this tumour (biomarkers,
 * performance status, pregnancy, age), the same for every primary. {@code proceduresKnown} and {@code medicationsKnown} are false when the EHR provided no Procedures,
 * or no medication records, so {@code treatments} may be incomplete.
 */
public record RectalCancerCase(
        PrimaryTumour primary,
        List<StagingFact> staging,
        List<DistanceFact> distances,
        List<Metastasis> metastases,
        List<ResectabilityFact> resectability,
        List<TreatmentFact> treatments,
        List<PhaseMarker> markers,
        List<RiskFeature> riskFeatures,
        boolean proceduresKnown,
        boolean medicationsKnown,
        List<DataProblem> problems,
        PatientFacts patient) {

    public RectalCancerCase {
        staging = List.copyOf(staging);
        distances = List.copyOf(distances);
        metastases = List.copyOf(metastases);
        resectability = List.copyOf(resectability);
        treatments = List.copyOf(treatments);
        markers = List.copyOf(markers);
        riskFeatures = List.copyOf(riskFeatures);
        problems = List.copyOf(problems);
    }

    /** The same case with other staging facts and metastases (those dated after the primary's resection removed). */
    public RectalCancerCase withStaging(List<StagingFact> otherStaging, List<Metastasis> otherMetastases) {
        return new RectalCancerCase(
                primary,
                otherStaging,
                distances,
                otherMetastases,
                resectability,
                treatments,
                markers,
                riskFeatures,
                proceduresKnown,
                medicationsKnown,
                problems,
                patient);
    }
}
