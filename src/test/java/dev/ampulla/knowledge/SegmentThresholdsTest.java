package dev.ampulla.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentThresholdsTest {

    @ParameterizedTest(name = "{0} cm → {1}")
    @CsvSource({
        "0, LOWER_RECTUM",
        "4.9, LOWER_RECTUM",
        "5, LOWER_RECTUM",
        "5.1, MIDDLE_RECTUM",
        "10, MIDDLE_RECTUM",
        "10.01, UPPER_RECTUM",
        "15, UPPER_RECTUM",
        "15.5, RECTOSIGMOID",
        "18, RECTOSIGMOID",
    })
    void defaultBoundariesBelongToTheLowerSegment(double cm, TumourSegment expected) {
        assertEquals(expected, SegmentThresholds.DEFAULT.segmentFor(cm));
    }

    @Test
    void thresholdsAreConfigurable() {
        SegmentThresholds russianTextbook = new SegmentThresholds(6, 11, 15);
        assertEquals(TumourSegment.LOWER_RECTUM, russianTextbook.segmentFor(5.5));
        assertEquals(TumourSegment.MIDDLE_RECTUM, russianTextbook.segmentFor(10.5));
    }

    @Test
    void thresholdsMustIncrease() {
        assertThrows(IllegalArgumentException.class, () -> new SegmentThresholds(10, 5, 15));
        assertThrows(IllegalArgumentException.class, () -> new SegmentThresholds(0, 5, 15));
    }

    @Test
    void radiotherapyFollowsTheFoundingDocument() {
        assertEquals(true, TumourSegment.LOWER_RECTUM.radiotherapyPermitted());
        assertEquals(true, TumourSegment.MIDDLE_RECTUM.radiotherapyPermitted());
        assertEquals(true, TumourSegment.UPPER_RECTUM.radiotherapyExcluded());
        assertEquals(true, TumourSegment.RECTOSIGMOID.radiotherapyExcluded());
        assertEquals(false, TumourSegment.UNKNOWN.radiotherapyPermitted());
        assertEquals(false, TumourSegment.UNKNOWN.radiotherapyExcluded());
    }
}
