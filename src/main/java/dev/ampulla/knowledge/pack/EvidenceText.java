package dev.ampulla.knowledge.pack;

import java.util.List;

/**
 * The words of the evidence rows under a card's text ({@code evidence.yaml}), each with the arguments it may print
 * (Ampulla fills them; the card escapes them with the rest of the row). A missing text, or one printing another's
 * arguments, stops start-up.
 */
public enum EvidenceText implements Sentence {
    FINDING_COLUMN("finding-column"),
    VALUE_COLUMN("value-column"),
    SOURCE_COLUMN("source-column"),
    ORDER_COLUMN("order-column"),
    WHAT_COLUMN("what-column"),
    DIAGNOSIS("diagnosis"),
    RECTAL_CANCER("rectal-cancer"),
    RECTOSIGMOID_CANCER("rectosigmoid-cancer"),
    T("t"),
    N("n"),
    M("m"),
    NOT_RECORDED("not-recorded"),
    DERIVED_M("derived-m", "m", "count", "several"),
    REPORTED_GROUP("reported-group"),
    METASTASIS("metastasis"),
    LOCATION("location"),
    LOCATION_BY_DISTANCE("location-by-distance", "segment", "distance", "thresholds", "margin", "borderline"),
    NOT_DOCUMENTED("not-documented"),
    RESECTABILITY("resectability"),
    NOT_USED("not-used", "value"),
    TREATMENT_GIVEN("treatment-given"),
    NO_FOCUS("no-focus");

    private final String key;
    private final List<String> arguments;

    EvidenceText(String key, String... arguments) {
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
}
