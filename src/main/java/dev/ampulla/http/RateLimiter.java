package dev.ampulla.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: {@code burst} calls at once, then {@code perSecond}. Clients are keyed by what
 * identifies them (a trusted client's {@code iss}; an address in open mode); the table is cleared when it holds more
 * clients than any deployment has, so a caller inventing keys cannot make it grow without bound.
 */
final class RateLimiter {
    private static final int MAX_CLIENTS = 10_000;

    private final double burst;
    private final double perNano;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private RateLimiter(double burst, double perNano) {
        this.burst = burst;
        this.perNano = perNano;
    }

    /** {@code perMinute} calls a minute, in bursts of a twentieth of that (at least 3). */
    static RateLimiter perMinute(int perMinute) {
        return new RateLimiter(Math.max(3, perMinute / 20), perMinute / 60e9);
    }

    /** Takes one call's token; false when the client has none left. */
    boolean tryTake(String client) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
            b.at = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }
}
