package dev.ampulla.knowledge;

/** AJCC 8th primary-tumour (T) categories for colon and rectum. */
public enum TCategory implements StagingCategory {
    TX("TX"),
    T0("T0"),
    TIS("Tis"),
    T1("T1"),
    T2("T2"),
    T3("T3"),
    /** T4 recorded without a/b: the stage sub-group may be undecidable. */
    T4("T4"),
    T4A("T4a"),
    T4B("T4b");

    private final String label;

    TCategory(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public static TCategory fromLabel(String label) {
        for (TCategory t : values()) {
            if (t.label.equalsIgnoreCase(label)) {
                return t;
            }
        }
        return null;
    }

    public boolean isAssessed() {
        return this != TX;
    }

    /** T3 or T4 (any): tumour through the muscularis propria — part of "significant locoregional spread" (ENG). */
    public boolean isT3OrT4() {
        return this == T3 || this == T4 || this == T4A || this == T4B;
    }

    /** Tis, T1 or T2: an early primary. */
    public boolean isEarly() {
        return this == TIS || this == T1 || this == T2;
    }
}
