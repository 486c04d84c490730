package dev.ampulla.security;

/** A call that did not prove it comes from a trusted client. The reason is for the log only, never for the caller. */
public final class AuthenticationFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public AuthenticationFailure(String reason) {
        super(reason, null, false, false);
    }
}
