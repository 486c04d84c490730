package dev.ampulla.knowledge;

import dev.ampulla.extraction.OrderKind;

/** The treatment modality of a signed order, as the pathway agreement report counts orders. */
public enum TreatmentModality {
    RADIOTHERAPY("radiotherapy"),
    CHEMORADIATION("chemoradiation"),
    SYSTEMIC_THERAPY("systemic-therapy"),
    /** Rectal surgery and the removal of metastases. */
    SURGERY("surgery");

    private final String code;

    TreatmentModality(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static TreatmentModality of(OrderKind kind) {
        return switch (kind) {
            case RADIOTHERAPY -> RADIOTHERAPY;
            case CHEMORADIATION -> CHEMORADIATION;
            case SYSTEMIC_THERAPY -> SYSTEMIC_THERAPY;
            case RECTAL_SURGERY, METASTASECTOMY -> SURGERY;
        };
    }

    static TreatmentModality byCode(String code) {
        for (TreatmentModality m : values()) {
            if (m.code.equals(code)) {
                return m;
            }
        }
        return null;
    }
}
