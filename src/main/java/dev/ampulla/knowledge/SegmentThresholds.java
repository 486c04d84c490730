package dev.ampulla.knowledge;

/**
 * Distance of the lower tumour edge from the anal verge that separates the segments (clinical-reference §2.3):
 * up to {@code lowerMaxCm} lower, up to {@code middleMaxCm} middle, up to {@code upperMaxCm} upper, beyond that
 * rectosigmoid. Defaults 5 / 10 / 15 cm (SEOM 2022; upper rectal limit 15 cm by rigid rectoscopy). A value exactly on
 * a boundary belongs to the lower segment, as in SEOM ("middle: > 5 to 10 cm").
 */
public record SegmentThresholds(double lowerMaxCm, double middleMaxCm, double upperMaxCm) {

    public static final SegmentThresholds DEFAULT = new SegmentThresholds(5, 10, 15);

    public SegmentThresholds {
        if (!(lowerMaxCm > 0 && lowerMaxCm < middleMaxCm && middleMaxCm < upperMaxCm)) {
            throw new IllegalArgumentException("segment thresholds must satisfy 0 < lower < middle < upper, got "
                    + lowerMaxCm + " / " + middleMaxCm + " / " + upperMaxCm);
        }
    }

    public TumourSegment segmentFor(double distanceCm) {
        if (distanceCm <= lowerMaxCm) {
            return TumourSegment.LOWER_RECTUM;
        }
        if (distanceCm <= middleMaxCm) {
            return TumourSegment.MIDDLE_RECTUM;
        }
        if (distanceCm <= upperMaxCm) {
            return TumourSegment.UPPER_RECTUM;
        }
        return TumourSegment.RECTOSIGMOID;
    }
}
