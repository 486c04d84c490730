package dev.ampulla.security;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JWT ids already accepted, each kept until its token expires (so a captured token cannot be replayed while it is
 * valid). Bounded: when full even after dropping expired entries, new tokens are refused rather than remembered
 * partially.
 */
final class ReplayCache {
    private final int capacity;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();

    ReplayCache(int capacity) {
        this.capacity = capacity;
    }

    /** Records the id; false when it was seen before (a replay) or the cache is full. */
    boolean firstUse(String issuer, String jti, long expiresAtMillis, long nowMillis) {
        if (expiries.size() >= capacity) {
            purge(nowMillis);
            if (expiries.size() >= capacity) {
                return false;
            }
        }
        return expiries.putIfAbsent(issuer + "\u0000" + jti, expiresAtMillis) == null;
    }

    private void purge(long nowMillis) {
        for (Iterator<Long> it = expiries.values().iterator(); it.hasNext(); ) {
            if (it.next() < nowMillis) {
                it.remove();
            }
        }
    }

    int size() {
        return expiries.size();
    }
}
