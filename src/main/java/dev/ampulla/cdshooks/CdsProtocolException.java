package dev.ampulla.cdshooks;

/**
 * A request the service cannot answer with cards. {@code status} is the HTTP status the protocol calls for
 * (400 malformed, 412 data unobtainable, ...); the message is safe to show to the caller: it never contains
 * tokens or patient data.
 */
public class CdsProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String issueCode;

    public CdsProtocolException(int status, String issueCode, String message) {
        super(message);
        this.status = status;
        this.issueCode = issueCode;
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
}
