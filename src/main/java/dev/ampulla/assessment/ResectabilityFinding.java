package dev.ampulla.assessment;

import dev.ampulla.extraction.ResectabilityFact;
import dev.ampulla.knowledge.Resectability;

/** The resectability in force (newest valid assessment), or null value with null fact when none is documented. */
public record ResectabilityFinding(Resectability value, ResectabilityFact fact) {

    public static final ResectabilityFinding NONE = new ResectabilityFinding(null, null);
}
