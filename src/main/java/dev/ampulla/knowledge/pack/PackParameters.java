package dev.ampulla.knowledge.pack;

import dev.ampulla.knowledge.SegmentThresholds;
import java.util.Map;

/**
 * The numbers of {@code parameters.yaml}. {@code staleDataAfterDays}: per treatment phase (its finding value), a case
 * whose newest fact is older than this many days gets the stale-data card and a note on every card. {@code fitness}:
 * the fitness check's thresholds; {@code pregnancyStatusCurrentDays}: a pregnancy status older than this is not
 * taken to hold today.
 */
public record PackParameters(
        SegmentThresholds segmentThresholds,
        double borderlineMarginCm,
        Map<String, Integer> staleDataAfterDays,
        Fitness fitness,
        int pregnancyStatusCurrentDays) {

    /** When a fitness assessment is advised: ECOG at least, Karnofsky at most, age at least. */
    public record Fitness(int ecogAtLeast, int karnofskyAtMost, int ageAtLeast) {}

    public PackParameters {
        staleDataAfterDays = Map.copyOf(staleDataAfterDays);
    }

    /** The stale-data age of a treatment phase (a value of the {@code treatment-phase} finding). */
    public int staleDataAfterDays(String phase) {
        return staleDataAfterDays.get(phase);
    }
}
