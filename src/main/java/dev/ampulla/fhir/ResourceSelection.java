package dev.ampulla.fhir;

/**
 * Which Conditions and Observations the clinical core needs, decided from their codings alone, so that the others
 * (labs, vitals, unrelated diagnoses) are never turned into FHIR model objects.
 */
public interface ResourceSelection {

    /** True when an Observation with this coding is needed. */
    boolean isRelevantObservation(String system, String code);

    /** True when a Condition with this coding is needed. */
    boolean isRelevantCondition(String system, String code);

    /** True when a Condition with this profile is needed, whatever its codes. */
    boolean isRelevantConditionProfile(String profile);
}
