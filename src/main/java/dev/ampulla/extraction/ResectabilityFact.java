package dev.ampulla.extraction;

import dev.ampulla.knowledge.Resectability;

/**
 * A resectability assessment: {@code coversPrimary} is true when it has no {@code focus} (the whole disease) or its
 * focus names the primary; otherwise it speaks only of the metastases it names.
 */
public record ResectabilityFact(Resectability value, boolean coversPrimary, FactTime time, Source source) {}
