package dev.ampulla.knowledge;

/**
 * Where in the rectum the tumour lies; the founding document gives radiotherapy only for the middle and lower rectum.
 * How cards say it is the knowledge pack's ({@code findings.yaml}, finding {@code segment}).
 */
public enum TumourSegment {
    LOWER_RECTUM("lower"),
    MIDDLE_RECTUM("middle"),
    UPPER_RECTUM("upper"),
    RECTOSIGMOID("rectosigmoid"),
    UNKNOWN("unknown");

    private final String code;

    TumourSegment(String code) {
        this.code = code;
    }

    /** The value used in the {@code dev.ampulla.stage} card extension. */
    public String code() {
        return code;
    }

    /** The value of the pack's {@code segment} finding, e.g. {@code upper-rectum}. */
    public String findingValue() {
        return this == UNKNOWN
                ? "unknown"
                : name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
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
