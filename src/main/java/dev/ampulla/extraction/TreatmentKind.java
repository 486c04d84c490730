package dev.ampulla.extraction;

/** Treatment already given, as recorded by Procedures. */
public enum TreatmentKind {
    RECTAL_RESECTION("rectal resection"),
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
