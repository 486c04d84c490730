package dev.ampulla.cdshooks;

/** The CDS Hooks Library hooks Ampulla answers. */
public final class Hooks {
    public static final String PATIENT_VIEW = "patient-view";
    public static final String ORDER_SELECT = "order-select";
    public static final String ORDER_SIGN = "order-sign";

    private Hooks() {}
}
