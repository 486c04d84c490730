package dev.ampulla.knowledge;

/** Values of Ampulla's resectability code system (ENG convention; no standard code exists, clinical-reference §2.7). */
public enum Resectability {
    /** R0 resection of the primary and of every metastasis judged feasible. */
    RESECTABLE("resectable", "Resectable"),
    /** Conversion therapy might make resection possible. */
    POTENTIALLY_RESECTABLE("potentially-resectable", "Potentially resectable"),
    UNRESECTABLE("unresectable", "Unresectable"),
    NOT_ASSESSED("not-assessed", "Not assessed");

    private final String code;
    private final String display;

    Resectability(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public static Resectability fromCode(String code) {
        for (Resectability r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        return null;
    }
}
