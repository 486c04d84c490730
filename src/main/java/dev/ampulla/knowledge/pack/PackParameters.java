package dev.ampulla.knowledge.pack;

import dev.ampulla.knowledge.SegmentThresholds;

/** The numbers of {@code parameters.yaml}. */
public record PackParameters(SegmentThresholds segmentThresholds, double borderlineMarginCm) {
}
