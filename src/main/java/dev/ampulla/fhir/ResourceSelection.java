package dev.ampulla.fhir;

/**
 * Which Conditions and Observations the clinical core needs, decided from their codings alone, so that the others
 * (labs, vitals, unrelated diagnoses) are never turned into FHIR model objects; and which of their top-level elements
 * it reads, so that no other element is turned into one either.
 */
public interface ResourceSelection {

    /** True when an Observation with this coding is needed. */
    boolean isRelevantObservation(String system, String code);

    /** True when a Condition with this coding is needed. */
    boolean isRelevantCondition(String system, String code);

    /** True when a Condition with this profile is needed, whatever its codes. */
    boolean isRelevantConditionProfile(String profile);

    /**
     * True when a Condition whose {@code code.text} or coding display reads so is needed although none of its
     * codings is (a diagnosis named only in words must not vanish unseen).
     */
    boolean isRelevantConditionText(String text);

    /**
     * True when the clinical core reads this top-level element of the resource type. {@code element} is a JSON key
     * without its {@code _} prefix; a choice element is named by its full key ({@code onsetDateTime}). Every element
     * of a resource type the core does not select elements of is read.
     */
    boolean readsElement(String resourceType, String element);
}
