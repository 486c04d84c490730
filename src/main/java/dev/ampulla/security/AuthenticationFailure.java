package dev.ampulla.security;

import java.util.Locale;

/**
 * A call that did not prove it comes from a trusted client. The reason code is for metrics and the log, the message
 * for the log only; neither is ever told to the caller.
 */
public final class AuthenticationFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why authentication failed, as a small fixed set of codes (a metric label and a log field). */
    public enum Reason {
        MISSING_TOKEN,
        MALFORMED_TOKEN,
        ALGORITHM_NOT_ACCEPTED,
        UNTRUSTED_ISSUER,
        JKU_NOT_ALLOWED,
        KEYS_UNAVAILABLE,
        UNKNOWN_KID,
        UNUSABLE_KEY,
        BAD_SIGNATURE,
        WRONG_AUDIENCE,
        /** {@code sub} is not the client id the trust file names. */
        WRONG_SUBJECT,
        MISSING_CLAIM,
        EXPIRED,
        NOT_YET_VALID,
        LIFETIME_TOO_LONG,
        TENANT_NOT_ALLOWED,
        REPLAY,
        /** A static bearer token (metrics, analytics) that is not the configured one. */
        WRONG_TOKEN;

        /** The code as it appears in metrics and logs: {@code unknown-kid}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public AuthenticationFailure(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
