package dev.ampulla.service;

import dev.ampulla.fhir.HeapBudget;
import dev.ampulla.security.Caller;

/**
 * What the HTTP layer knows about one call that the service needs: who calls, until when it may take and how much
 * more heap it may use; and the trace the service fills in for the operator.
 */
public record CallContext(Caller caller, long deadlineNanos, CallTrace trace, HeapBudget heap) {

    public CallContext(Caller caller, long deadlineNanos) {
        this(caller, deadlineNanos, new CallTrace(), HeapBudget.UNLIMITED);
    }

    /** A call whose FHIR answers are parsed only while they fit {@code heap}. */
    public CallContext(Caller caller, long deadlineNanos, HeapBudget heap) {
        this(caller, deadlineNanos, new CallTrace(), heap);
    }

    /** Open mode, with a deadline this far from now (tools and tests). */
    public static CallContext open(java.time.Duration within) {
        return new CallContext(Caller.OPEN, System.nanoTime() + within.toNanos());
    }

    public long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }
}
