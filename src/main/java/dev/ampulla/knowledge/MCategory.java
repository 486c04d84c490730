package dev.ampulla.knowledge;

/** AJCC 8th distant metastasis (M) categories for colon and rectum. There is no MX in the 8th edition. */
public enum MCategory implements StagingCategory {
    M0("M0"),
    /** M1 recorded without a/b/c: stage IV without sub-group. */
    M1("M1"),
    /** One organ or site, no peritoneal metastasis. */
    M1A("M1a"),
    /** Two or more organs or sites, no peritoneal metastasis. */
    M1B("M1b"),
    /** Peritoneal surface metastasis, alone or with other sites. */
    M1C("M1c");

    private final String label;

    MCategory(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public static MCategory fromLabel(String label) {
        for (MCategory m : values()) {
            if (m.label.equalsIgnoreCase(label)) {
                return m;
            }
        }
        return null;
    }

    public boolean isDistantMetastasis() {
        return this != M0;
    }
}
