package dev.ampulla.extraction;

import dev.ampulla.knowledge.TumourSegment;

/**
 * The in-scope primary cancer Condition. {@code codedSegment} is what the diagnosis or its body site says
 * explicitly (rectosigmoid code, or rectum with a lower/middle/upper qualifier), or null; {@code segmentSource}
 * names the coding that said it.
 */
public record PrimaryTumour(String reference, Source diagnosis, TumourSegment codedSegment, Source segmentSource) {}
