package dev.ampulla.extraction;

/**
 * What a treatment order is aimed at, as far as the order and the record say: the founding document's radiotherapy
 * statements are about the rectal primary, so only an order for the primary, or one that names nothing, is checked
 * against them.
 */
public enum OrderTarget {
    /** The order names the rectal primary (reason, or a rectal body site). */
    PRIMARY("the rectal primary"),
    /** The order names a metastasis (a secondary cancer, or a metastasis code or site). */
    METASTASIS("a metastasis"),
    /** The order names a local recurrence. */
    RECURRENCE("a recurrence"),
    /** The order's intent is palliative. */
    PALLIATIVE("palliation"),
    /** The order names both the rectal primary and a metastasis or recurrence: what it treats is not clear. */
    MIXED("both the rectal primary and a metastasis or recurrence"),
    /** The order names no reason, site or intent that tells. */
    UNSPECIFIED("nothing that tells");

    private final String label;

    OrderTarget(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Aimed at the rectal primary, or possibly so: the founding document's checks apply. */
    public boolean mayBePrimary() {
        return this == PRIMARY || this == UNSPECIFIED || this == MIXED;
    }

    /** Possibly aimed at the rectal primary, but not said to be: the checks apply, worded "if". */
    public boolean isHedged() {
        return this == UNSPECIFIED || this == MIXED;
    }
}
