package dev.ampulla.cards;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUIDs for cards and suggestions: time-ordered (version 7, RFC 9562), so that the feedback store adds each issued
 * card at the end of its index instead of at a random place in it; 74 random bits keep them unique. They must be
 * unique, not secret, so a per-thread generator is used instead of the contended SecureRandom behind
 * {@link UUID#randomUUID()}.
 */
final class Uuids {
    private Uuids() {
    }

    static String timeOrdered() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (r.nextInt() & 0x0fffL);
        long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
