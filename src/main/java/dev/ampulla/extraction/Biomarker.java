package dev.ampulla.extraction;

/** A tumour biomarker the guideline layer reads, with the words cards use for it. */
public enum Biomarker {
    MSI("microsatellite instability"),
    MMR("mismatch-repair immunohistochemistry"),
    KRAS("KRAS"),
    NRAS("NRAS"),
    /** A result that covers KRAS and NRAS together (LOINC 81420-2). */
    RAS("KRAS/NRAS"),
    BRAF("BRAF"),
    HER2("HER2"),
    CEA("CEA");

    private final String label;

    Biomarker(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
