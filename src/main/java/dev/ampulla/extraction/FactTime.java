package dev.ampulla.extraction;

import java.util.Comparator;

/**
 * When a fact was true, for "newest wins" (clinical-reference §2.10): the effective time, then {@code issued},
 * then {@code meta.lastUpdated}; an absent time sorts as oldest.
 */
public record FactTime(long effective, long issued, long lastUpdated) implements Comparable<FactTime> {
    /** Milliseconds value of an absent time. */
    public static final long ABSENT = Long.MIN_VALUE;

    public static final FactTime UNKNOWN = new FactTime(ABSENT, ABSENT, ABSENT);

    private static final Comparator<FactTime> ORDER = Comparator.comparingLong(FactTime::effective)
            .thenComparingLong(FactTime::issued)
            .thenComparingLong(FactTime::lastUpdated);

    @Override
    public int compareTo(FactTime other) {
        return ORDER.compare(this, other);
    }

    public boolean isAfter(FactTime other) {
        return compareTo(other) > 0;
    }
}
