package dev.ampulla.http;

import java.util.concurrent.Semaphore;

/**
 * The heap that calls in flight may use, reserved before they use it: a call reserves its body's size before reading
 * it, then what parsing and answering it may take ({@link #EXPANSION} times the body). A call that does not fit gets
 * an immediate 503, so a burst of large bodies meets "busy" instead of an exhausted heap.
 */
final class MemoryBudget {
    /** Heap a call may need per byte of body: the JSON tree, the FHIR objects, the cards (measured, with margin). */
    static final int EXPANSION = 16;

    private final Semaphore kib;

    /** A budget of {@code fraction} of the JVM's maximum heap. */
    static MemoryBudget ofHeap(double fraction) {
        return new MemoryBudget((long) (Runtime.getRuntime().maxMemory() * fraction));
    }

    MemoryBudget(long bytes) {
        this.kib = new Semaphore((int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes / 1024)));
    }

    /** One call's reservation, released exactly once. */
    final class Reservation {
        private int held;
        private boolean released;

        private Reservation(int held) {
            this.held = held;
        }

        /** Grows (or shrinks) the reservation to {@code bytes}; false, holding what it held, when that does not fit. */
        synchronized boolean resize(long bytes) {
            int want = kibOf(bytes);
            if (want > held) {
                if (!kib.tryAcquire(want - held)) {
                    return false;
                }
            } else {
                kib.release(held - want);
            }
            held = want;
            return true;
        }

        /** Takes {@code bytes} more; false, holding what it held, when they do not fit. */
        synchronized boolean grow(long bytes) {
            int more = kibOf(bytes);
            if (released || !kib.tryAcquire(more)) {
                return false;
            }
            held += more;
            return true;
        }

        synchronized void release() {
            if (!released) {
                released = true;
                kib.release(held);
            }
        }
    }

    /** Reserves {@code bytes}, or returns null when they do not fit now. */
    Reservation tryReserve(long bytes) {
        int want = kibOf(bytes);
        return kib.tryAcquire(want) ? new Reservation(want) : null;
    }

    private static int kibOf(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (bytes + 1023) / 1024));
    }
}
