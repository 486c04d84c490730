package dev.ampulla.service;

import dev.ampulla.security.Caller;

/** What the HTTP layer knows about one call that the service needs: who calls, and until when it may take. */
public record CallContext(Caller caller, long deadlineNanos) {

    /** Open mode, with a deadline this far from now (tools and tests). */
    public static CallContext open(java.time.Duration within) {
        return new CallContext(Caller.OPEN, System.nanoTime() + within.toNanos());
    }

    public long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }
}
