package dev.ampulla.knowledge.pack;

import java.util.List;

/**
 * The closed vocabulary of data problems Ampulla reports, each with the arguments its sentence may print (taken from
 * the record). An argument named {@code …-segment} holds a value of the {@code segment} finding and is printed in the
 * pack's words for it. The sentences are the pack's ({@code data-problems.yaml}); a code without one, or a sentence
 * using another argument, stops start-up.
 */
public enum DataProblemCode implements Sentence {
    DIAGNOSIS_DATE_IN_FUTURE("diagnosis-date-in-future", "diagnosis", "date"),
    METASTASIS_WITHOUT_PRIMARY("metastasis-without-primary", "metastasis"),
    OBSERVATION_WITHOUT_FOCUS("observation-without-focus", "observation"),
    PATIENT_REPORTED("patient-reported", "observation", "reporter"),
    DISTANCE_WITHOUT_UNIT("distance-without-unit", "observation"),
    RESECTABILITY_WITHOUT_VALUE("resectability-without-value", "observation"),
    OBSERVATION_DATE_IN_FUTURE("observation-date-in-future", "observation", "date"),
    STAGING_VALUE_NOT_RECOGNISED("staging-value-not-recognised", "where", "category"),
    STAGING_BASIS_DISAGREES("staging-basis-disagrees", "where", "code", "code-basis", "value", "value-basis"),
    T4A_IN_LOWER_RECTUM("t4a-in-lower-rectum", "observation"),
    M0_NEWER_THAN_M1("m0-newer-than-m1", "m0-source", "m1", "m1-source"),
    M0_WITH_METASTASES("m0-with-metastases", "m0-source", "metastases", "derived-m"),
    TIS_WITH_NODES("tis-with-nodes", "t", "t-source", "n", "n-source"),
    REPORTED_STAGE_IV_WITH_M0("reported-stage-iv-with-m0", "group", "group-source", "m0-source"),
    SAME_DAY_CONTRADICTION("same-day-contradiction", "first", "first-source", "second", "second-source"),
    REPORTED_GROUP_MISMATCH("reported-group-mismatch", "group", "group-source", "computed"),
    DISTANCES_DISAGREE_ON_RADIOTHERAPY(
            "distances-disagree-on-radiotherapy",
            "first",
            "first-source",
            "first-segment",
            "second",
            "second-source",
            "second-segment"),
    DISTANCES_DISAGREE_SAME_ADVICE(
            "distances-disagree-same-advice",
            "first",
            "first-source",
            "first-segment",
            "second",
            "second-source",
            "second-segment"),
    LOCATION_AND_DISTANCE_DISAGREE(
            "location-and-distance-disagree",
            "location-source",
            "location-coding",
            "location-segment",
            "distance",
            "distance-source",
            "distance-segment"),
    RECTAL_ABOVE_UPPER_LIMIT("rectal-above-upper-limit", "distance", "distance-source", "upper-limit"),
    TREATMENT_BEFORE_DIAGNOSIS("treatment-before-diagnosis", "treatment", "date", "diagnosis", "diagnosis-date");

    private final String key;
    private final List<String> arguments;

    DataProblemCode(String key, String... arguments) {
        this.key = key;
        this.arguments = List.of(arguments);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public List<String> arguments() {
        return arguments;
    }

    /** Whether the argument holds a segment (a {@code segment} finding value), printed in the pack's words. */
    public static boolean isSegment(String argument) {
        return argument.endsWith("-segment");
    }
}
