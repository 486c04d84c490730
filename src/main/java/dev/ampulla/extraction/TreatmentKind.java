package dev.ampulla.extraction;

/** Treatment already given, as recorded by Procedures. */
public enum TreatmentKind {
    RECTAL_RESECTION("rectal resection"),
    /** Transanal local excision, TEM, TAMIS: removes the tumour but no lymph nodes; not a resection. */
    LOCAL_EXCISION("local excision of the rectal tumour"),
    RADIOTHERAPY("radiotherapy"),
    CHEMORADIATION("chemoradiation"),
    CHEMOTHERAPY("chemotherapy");

    private final String label;

    TreatmentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
