package dev.ampulla.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened inside one call, for the operator's metrics and log lines: where each prefetch key's data came from
 * and how long fetching and the clinical engine took. It never holds patient data.
 */
public final class CallTrace {

    /** Where the data of one prefetch key came from. */
    public enum KeySource {
        /** Sent by the client in {@code prefetch}. */
        PREFETCHED,
        /** Sent as {@code null} or an empty Bundle: the client looked and found nothing. */
        EMPTY,
        /** Fetched by Ampulla from the client's FHIR server. */
        FETCHED,
        /** Neither sent nor obtainable. */
        UNAVAILABLE
    }

    private final Map<String, KeySource> keys = new LinkedHashMap<>(4);
    private long fetchNanos;
    private long engineNanos;

    void key(String key, KeySource source) {
        keys.put(key, source);
    }

    void fetched(long nanos) {
        fetchNanos += nanos;
    }

    /** Runs the clinical engine and adds the time it took. */
    <T> T engine(java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            engineNanos += System.nanoTime() - start;
        }
    }

    public Map<String, KeySource> keys() {
        return Collections.unmodifiableMap(keys);
    }

    /** Time spent waiting for the FHIR server, 0 when the prefetch had everything. */
    public long fetchNanos() {
        return fetchNanos;
    }

    /** Time spent in the clinical engine: case extraction, assessment, pathway and cards. */
    public long engineNanos() {
        return engineNanos;
    }
}
