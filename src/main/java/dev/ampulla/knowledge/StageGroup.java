package dev.ampulla.knowledge;

/** AJCC 8th anatomic stage groups for colon and rectum, including the main groups used when a sub-group is undecidable. */
public enum StageGroup implements StagingCategory {
    STAGE_0("0", null),
    I("I", null),
    II("II", null),
    IIA("IIA", II),
    IIB("IIB", II),
    IIC("IIC", II),
    III("III", null),
    IIIA("IIIA", III),
    IIIB("IIIB", III),
    IIIC("IIIC", III),
    IV("IV", null),
    IVA("IVA", IV),
    IVB("IVB", IV),
    IVC("IVC", IV);

    private final String roman;
    private final StageGroup main;

    StageGroup(String roman, StageGroup main) {
        this.roman = roman;
        this.main = main;
    }

    /** The group in roman form, e.g. {@code IIIB}. */
    public String roman() {
        return roman;
    }

    @Override
    public String label() {
        return roman;
    }

    /** The main stage (0, I, II, III or IV) this group belongs to. */
    public StageGroup mainStage() {
        return main == null ? this : main;
    }

    public boolean isSubGroup() {
        return main != null;
    }

    /** Parses {@code IIIB}, the arabic form {@code 3B} (early mCODE examples), or {@code 0}; case-insensitive. */
    public static StageGroup parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (s.startsWith("STAGE ")) {
            s = s.substring(6).trim();
        }
        if (!s.isEmpty() && s.charAt(0) >= '1' && s.charAt(0) <= '4') {
            String suffix = s.substring(1);
            if (!suffix.isEmpty() && !(suffix.length() == 1 && suffix.charAt(0) >= 'A' && suffix.charAt(0) <= 'C')) {
                return null;
            }
            s = new String[] {"I", "II", "III", "IV"}[s.charAt(0) - '1'] + suffix;
        }
        for (StageGroup g : values()) {
            if (g.roman.equals(s)) {
                return g;
            }
        }
        return null;
    }
}
