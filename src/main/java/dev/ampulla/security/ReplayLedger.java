package dev.ampulla.security;

/**
 * Where JWT ids are recorded beyond this process: the store every replica shares, which also outlives a restart.
 */
public interface ReplayLedger {

    /** What the ledger said of one token id. */
    enum Answer {
        /** Recorded now: this is the token's first use anywhere. */
        FIRST_USE,
        /** Recorded before: a replay. */
        SEEN,
        /** The ledger could not be reached: only this process's memory decides. */
        UNAVAILABLE
    }

    Answer record(String issuer, String jti, long expiresAtMillis);
}
