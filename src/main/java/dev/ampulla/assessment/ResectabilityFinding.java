package dev.ampulla.assessment;

import dev.ampulla.extraction.ResectabilityFact;
import dev.ampulla.knowledge.Resectability;

/**
 * The resectability in force, or none. {@code value} is null when no assessment is documented, or when the newest
 * one cannot decide the stage IV branch; {@code reservation} then says why (it covers only the metastases, or it
 * predates them) and {@code fact} is the assessment set aside.
 */
public record ResectabilityFinding(Resectability value, ResectabilityFact fact, String reservation) {

    public static final ResectabilityFinding NONE = new ResectabilityFinding(null, null, null);
}
