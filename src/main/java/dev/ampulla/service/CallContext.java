package dev.ampulla.service;

import dev.ampulla.security.Caller;

/**
 * What the HTTP layer knows about one call that the service needs: who calls and until when it may take; and the
 * trace the service fills in for the operator.
 */
public record CallContext(Caller caller, long deadlineNanos, CallTrace trace) {

    public CallContext(Caller caller, long deadlineNanos) {
        this(caller, deadlineNanos, new CallTrace());
    }

    /** Open mode, with a deadline this far from now (tools and tests). */
    public static CallContext open(java.time.Duration within) {
        return new CallContext(Caller.OPEN, System.nanoTime() + within.toNanos());
    }

    public long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }
}
