package dev.ampulla.assessment;

import dev.ampulla.extraction.DistanceFact;
import dev.ampulla.extraction.Source;
import dev.ampulla.knowledge.TumourSegment;

/**
 * The tumour segment and what decided it: {@code explicitSource} when the diagnosis code or a body-site qualifier
 * said it, else {@code distance} when a distance from the anal verge did; both null when the segment is unknown.
 * {@code borderline} is true when the deciding distance lies within 0.5 cm of a threshold.
 */
public record SegmentFinding(TumourSegment segment, Source explicitSource, DistanceFact distance, boolean borderline) {}
