package dev.ampulla.cards;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for cards and suggestions. They must be unique, not secret, so a per-thread generator is
 * used instead of the contended SecureRandom behind {@link UUID#randomUUID()}.
 */
final class Uuids {
    private Uuids() {
    }

    static String random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
