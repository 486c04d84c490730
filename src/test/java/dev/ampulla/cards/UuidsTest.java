package dev.ampulla.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {

    @Test
    void cardUuidsAreVersion7AndUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String s = Uuids.timeOrdered();
            UUID u = UUID.fromString(s);
            assertEquals(7, u.version(), s);
            assertEquals(2, u.variant(), s);
            assertTrue(s.matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), s);
            assertTrue(seen.add(s), "repeated " + s);
        }
    }

    @Test
    void theyCarryTheTimeOfIssueSoTheyAreOrderedByIt() throws InterruptedException {
        long before = System.currentTimeMillis();
        String first = Uuids.timeOrdered();
        Thread.sleep(2);
        String second = Uuids.timeOrdered();
        long after = System.currentTimeMillis();
        long millis = UUID.fromString(first).getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, "timestamp " + millis + " within " + before + ".." + after);
        assertTrue(first.compareTo(second) < 0, first + " before " + second);
    }
}
