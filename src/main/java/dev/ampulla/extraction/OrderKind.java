package dev.ampulla.extraction;

/** What a draft order is, as far as the rectal-cancer pathway is concerned. */
public enum OrderKind {
    RADIOTHERAPY("radiotherapy"),
    /** Counts as radiotherapy and as systemic therapy. */
    CHEMORADIATION("chemoradiation"),
    SYSTEMIC_THERAPY("systemic therapy"),
    RECTAL_SURGERY("rectal surgery"),
    METASTASECTOMY("metastasectomy");

    private final String label;

    OrderKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean includesRadiotherapy() {
        return this == RADIOTHERAPY || this == CHEMORADIATION;
    }
}
