package dev.ampulla.knowledge;

/** Whether a signed treatment order agrees with the pathway card in force for the patient. */
public enum PathwayAgreement {
    /** Of a modality the pathway card in force gives, and named by no order-check warning. */
    ON("on"),
    /** Named by an order-check warning, or of a modality the decided pathway does not give. */
    OFF("off"),
    /** No pathway decided for the patient (for example the stage or the tumour's location is unknown). */
    OUTSIDE("outside");

    private final String code;

    PathwayAgreement(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The agreement a stored code names; an unknown code fails. */
    public static PathwayAgreement byCode(String code) {
        for (PathwayAgreement a : values()) {
            if (a.code.equals(code)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown pathway agreement '" + code + "'");
    }
}
