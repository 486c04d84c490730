package dev.ampulla.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reservations of heap for calls in flight: what does not fit is refused, and what is released can be used again. */
class MemoryBudgetTest {

    @Test
    void callsThatDoNotFitAreRefusedUntilOthersRelease() {
        MemoryBudget budget = new MemoryBudget(60L << 20); // 60 MiB
        MemoryBudget.Reservation first = budget.tryReserve(2L << 20);
        assertNotNull(first);
        assertTrue(first.resize((2L << 20) * MemoryBudget.EXPANSION)); // a 2 MiB body: 32 MiB
        MemoryBudget.Reservation second = budget.tryReserve(2L << 20);
        assertNotNull(second);
        assertFalse(second.resize((2L << 20) * MemoryBudget.EXPANSION), "the second large body does not fit");
        MemoryBudget.Reservation small = budget.tryReserve(16L << 20);
        assertNotNull(small, "what the refused resize did not take is still free");
        small.release();
        first.release();
        first.release(); // released once only
        assertTrue(second.resize((2L << 20) * MemoryBudget.EXPANSION));
        assertNull(budget.tryReserve(32L << 20), "nothing is left for another large body");
    }
}
