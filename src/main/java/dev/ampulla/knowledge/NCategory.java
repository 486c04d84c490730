package dev.ampulla.knowledge;

/** AJCC 8th regional lymph node (N) categories for colon and rectum. */
public enum NCategory implements StagingCategory {
    NX("NX"),
    N0("N0"),
    /** N1 recorded without a/b/c; N1a, N1b and N1c never differ in the stage table. */
    N1("N1"),
    N1A("N1a"),
    N1B("N1b"),
    N1C("N1c"),
    /** N2 recorded without a/b: the stage sub-group may be undecidable. */
    N2("N2"),
    N2A("N2a"),
    N2B("N2b");

    private final String label;

    NCategory(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public static NCategory fromLabel(String label) {
        for (NCategory n : values()) {
            if (n.label.equalsIgnoreCase(label)) {
                return n;
            }
        }
        return null;
    }

    public boolean isAssessed() {
        return this != NX;
    }

    /** Regional node metastasis or tumour deposits (N1c counts: AJCC places it with N1). */
    public boolean isPositive() {
        return this != NX && this != N0;
    }
}
