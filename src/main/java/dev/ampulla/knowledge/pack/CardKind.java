package dev.ampulla.knowledge.pack;

/**
 * What kind of card a rule group issues: it decides what the card is about (orders, problems), which placeholders
 * its texts are filled with, and what it may suggest. Set per group in {@code rule-groups.yaml}.
 */
public enum CardKind implements Keyed {
    /** A check of draft orders: the orders its order finding ({@code radiotherapy-ordered-…}, …) names. */
    ORDER_CHECK("order-check"),
    /** Advice from the findings: the stage card or a pathway card (at order time with the orders it answers). */
    ADVICE("advice"),
    /**
     * Where the founding document's pathway card and a guideline card for the patient differ: the two side by side,
     * never merged. Issued only when both apply.
     */
    GUIDELINE_COMPARISON("guideline-comparison"),
    /** The data conflicts of the primary. */
    DATA_CONFLICTS("data-conflicts"),
    /** The staging data that could not be attributed to a tumour. */
    DATA_ATTRIBUTION("data-attribution"),
    /** What could not be read (R28 diagnoses, R30 orders): decided while reading the record, not from findings. */
    NOT_READ("not-read");

    private final String key;

    CardKind(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    static CardKind byKey(String key) {
        return Keyed.byKey(values(), key);
    }
}
