package dev.ampulla.knowledge;

/** Where in the rectum the tumour lies; the founding document gives radiotherapy only for the middle and lower rectum. */
public enum TumourSegment {
    LOWER_RECTUM("lower", "lower rectum (lower ampullar)"),
    MIDDLE_RECTUM("middle", "middle rectum (middle ampullar)"),
    UPPER_RECTUM("upper", "upper rectum (upper ampullar)"),
    RECTOSIGMOID("rectosigmoid", "rectosigmoid junction"),
    UNKNOWN("unknown", "unknown");

    private final String code;
    private final String description;

    TumourSegment(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The value used in the {@code dev.ampulla.stage} card extension. */
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The value of the pack's {@code segment} finding, e.g. {@code upper-rectum}. */
    public String findingValue() {
        return this == UNKNOWN ? "unknown" : name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** FD-RT: radiotherapy is given for middle and lower ampullar tumours. */
    public boolean radiotherapyPermitted() {
        return this == LOWER_RECTUM || this == MIDDLE_RECTUM;
    }

    /** FD-RT: radiotherapy is not given for upper ampullar or rectosigmoid tumours. */
    public boolean radiotherapyExcluded() {
        return this == UPPER_RECTUM || this == RECTOSIGMOID;
    }
}
