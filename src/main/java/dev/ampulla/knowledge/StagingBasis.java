package dev.ampulla.knowledge;

/**
 * The classification context of a TNM value (AJCC prefix). Recurrence (r) and autopsy (a) staging are out of scope
 * and are not represented.
 */
public enum StagingBasis {
    CLINICAL("c", "clinical"),
    PATHOLOGICAL("p", "pathological"),
    /** yp: the resection specimen after neoadjuvant therapy. */
    POST_THERAPY("yp", "post-therapy"),
    /** yc: clinical restaging (imaging, endoscopy) after neoadjuvant therapy; no surgery implied. */
    POST_THERAPY_CLINICAL("yc", "post-therapy");

    private final String prefix;
    private final String label;

    StagingBasis(String prefix, String label) {
        this.prefix = prefix;
        this.label = label;
    }

    /** The AJCC prefix, e.g. {@code yp}. */
    public String prefix() {
        return prefix;
    }

    /** The word used in cards and in the {@code dev.ampulla.stage} extension. */
    public String label() {
        return label;
    }

    /** Pathological (p) and post-therapy pathological (yp) staging come from a resection specimen. */
    public boolean isFromSpecimen() {
        return this == PATHOLOGICAL || this == POST_THERAPY;
    }
}
