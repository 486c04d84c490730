package dev.ampulla.extraction;

import java.util.List;
import java.util.Set;

/**
 * The top-level elements of each resource type that the extraction reads: the one declaration both ways of getting
 * patient data honour (the prefetch reader and the fetch path), so that an element added here is read by both and
 * an element left out can change no card. Choice elements ({@code onset[x]}, {@code value[x]}) are named by their
 * prefix.
 */
public final class RuleElements {

    /** What {@code CaseExtractor} reads of a Condition. */
    public static final Set<String> CONDITION = Set.of(
            "resourceType",
            "id",
            "meta",
            "extension",
            "clinicalStatus",
            "verificationStatus",
            "code",
            "bodySite",
            "recordedDate",
            "stage");

    public static final List<String> CONDITION_CHOICES = List.of("onset");

    /** What {@code CaseExtractor} reads of an Observation. */
    public static final Set<String> OBSERVATION = Set.of(
            "resourceType",
            "id",
            "meta",
            "status",
            "code",
            "focus",
            "issued",
            "performer",
            "bodySite",
            "hasMember",
            "component");

    public static final List<String> OBSERVATION_CHOICES = List.of("effective", "value");

    /** What {@code CaseExtractor} reads of a Procedure. */
    public static final Set<String> PROCEDURE =
            Set.of("resourceType", "id", "meta", "status", "code", "reasonReference");

    public static final List<String> PROCEDURE_CHOICES = List.of("performed");

    private RuleElements() {}

    /** True when the extraction reads this top-level element of the resource type. */
    public static boolean isRead(String resourceType, String element) {
        Set<String> elements;
        List<String> choices;
        switch (resourceType) {
            case "Condition" -> {
                elements = CONDITION;
                choices = CONDITION_CHOICES;
            }
            case "Observation" -> {
                elements = OBSERVATION;
                choices = OBSERVATION_CHOICES;
            }
            case "Procedure" -> {
                elements = PROCEDURE;
                choices = PROCEDURE_CHOICES;
            }
            default -> {
                return true;
            }
        }
        if (elements.contains(element)) {
            return true;
        }
        for (String prefix : choices) {
            if (element.length() > prefix.length()
                    && element.startsWith(prefix)
                    && Character.isUpperCase(element.charAt(prefix.length()))) {
                return true;
            }
        }
        return false;
    }
}
