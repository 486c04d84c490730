package dev.ampulla.service;

import dev.ampulla.extraction.RuleElements;
import dev.ampulla.fhir.ResourceSelection;
import dev.ampulla.knowledge.CodeSets;
import dev.ampulla.knowledge.RectalCancerText;

/**
 * The patient data the rules read, as defined by the code sets of the clinical knowledge and, element by element, by
 * {@link RuleElements}.
 */
public final class ClinicalSelection implements ResourceSelection {
    public static final ClinicalSelection INSTANCE = new ClinicalSelection();

    private ClinicalSelection() {}

    @Override
    public boolean isRelevantObservation(String system, String code) {
        return CodeSets.OBSERVATIONS_USED.contains(system, code)
                || CodeSets.BIOMARKERS_USED.contains(system, code)
                || CodeSets.PATIENT_STATUS_USED.contains(system, code);
    }

    @Override
    public boolean isRelevantCondition(String system, String code) {
        return CodeSets.isCancerCondition(system, code)
                || CodeSets.PREGNANT.contains(system, code)
                || CodeSets.POSSIBLY_PREGNANT.contains(system, code);
    }

    @Override
    public boolean isRelevantConditionText(String text) {
        return RectalCancerText.namesRectalCancer(text);
    }

    @Override
    public boolean isRelevantConditionProfile(String profile) {
        return CodeSets.isCancerConditionProfile(profile);
    }

    @Override
    public boolean readsElement(String resourceType, String element) {
        return RuleElements.isRead(resourceType, element);
    }
}
