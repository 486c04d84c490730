package dev.ampulla.cards;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDs for cards and suggestions: time-ordered (version 7, RFC 9562), so that the feedback store adds each issued
 * card at the end of its index instead of at a random place in it. Their 74 random bits come from a cryptographically
 * strong generator: a card's uuid is what feedback names, so one uuid must not tell the others of a response (a
 * predictable generator would let a caller forge feedback on another patient's cards). Each thread has its own DRBG,
 * so no lock is shared, as it would be behind {@link UUID#randomUUID()}.
 */
final class Uuids {
    private static final ThreadLocal<RandomBytes> RANDOM = ThreadLocal.withInitial(RandomBytes::new);

    private Uuids() {}

    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    static String timeOrdered() {
        byte[] random = RANDOM.get().next10();
        long msb = (System.currentTimeMillis() << 16)
                | 0x7000L
                | (((random[0] & 0xffL) << 4 | (random[1] & 0x0fL)) & 0x0fffL);
        long lsb = 0;
        for (int i = 2; i < 10; i++) {
            lsb = (lsb << 8) | (random[i] & 0xffL);
        }
        lsb = (lsb & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /**
     * A thread's generator output drawn 32 UUIDs at a time: a DRBG request has a fixed cost (its state update) that
     * would otherwise be paid for every 10 bytes. The bytes are the same strong bytes, used once, by one thread.
     */
    private static final class RandomBytes {
        private static final int UUIDS_PER_DRAW = 32;
        private final SecureRandom generator = generator();
        private final byte[] drawn = new byte[10 * UUIDS_PER_DRAW];
        private final byte[] one = new byte[10];
        private int next = drawn.length;

        byte[] next10() {
            if (next == drawn.length) {
                generator.nextBytes(drawn);
                next = 0;
            }
            System.arraycopy(drawn, next, one, 0, 10);
            java.util.Arrays.fill(drawn, next, next + 10, (byte) 0);
            next += 10;
            return one;
        }
    }
}
