package dev.ampulla.cdshooks;

/**
 * A request the service cannot answer with cards. {@code status} is the HTTP status the protocol calls for
 * (400 malformed, 412 data unobtainable, ...); the message is safe to show to the caller: it never contains
 * tokens or patient data. The reason is a short code for the operator's log line ({@code prefetch-unavailable}).
 */
public class CdsProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String issueCode;
    private final String reason;

    public CdsProtocolException(int status, String issueCode, String message) {
        this(status, issueCode, generalReason(status), message);
    }

    /** @param reason a short code for the log line, more precise than the status */
    public CdsProtocolException(int status, String issueCode, String reason, String message) {
        super(message);
        this.status = status;
        this.issueCode = issueCode;
        this.reason = reason;
    }

    /** 400 with an OperationOutcome issue code {@code invalid}, {@code required} or {@code structure}. */
    public static CdsProtocolException badRequest(String issueCode, String message) {
        return new CdsProtocolException(400, issueCode, message);
    }

    public int status() {
        return status;
    }

    /** The FHIR issue-type code for the OperationOutcome. */
    public String issueCode() {
        return issueCode;
    }

    /** A short code saying why, for the operator's log line: never patient data. */
    public String reason() {
        return reason;
    }

    /** The reason when nothing more precise is given: what the status says. */
    static String generalReason(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 408 -> "body-timeout";
            case 412 -> "data-unavailable";
            case 413 -> "too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "rate-limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "server-error" : "client-error";
        };
    }
}
