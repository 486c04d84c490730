package dev.ampulla.presentation;

/**
 * What became of one computed card: shown to the clinician, or kept back — by the deployment's controls, by the
 * calling EHR's per-call options, by silent mode, or because the clinician overrode the same advice recently.
 * {@link #code()} is what the feedback store records; {@link #reason()} labels the suppressed-cards metric.
 */
public enum Presentation {
    SHOWN("shown", null),
    HIDDEN_BY_CONTROL("hidden", "control"),
    HIDDEN_BY_CALL_OPTION("hidden-by-option", "option"),
    SILENT("silent", "silent"),
    SNOOZED("snoozed", "snooze");

    private final String code;
    private final String reason;

    Presentation(String code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public String code() {
        return code;
    }

    /** The metric's reason label; null for a shown card. */
    public String reason() {
        return reason;
    }

    public boolean shown() {
        return this == SHOWN;
    }
}
