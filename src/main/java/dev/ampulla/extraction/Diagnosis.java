package dev.ampulla.extraction;

import dev.ampulla.knowledge.TumourSegment;

/** What a Condition is, for the rectal cancer pathway. */
sealed interface Diagnosis {

    /**
     * A rectal or rectosigmoid carcinoma, with the segment when the codes say it. {@code clinicalStatus} is null or
     * active, or remission, recurrence or relapse: where the patient is in treatment, not a reason to ignore it.
     */
    record RectalPrimary(Source diagnosis, TumourSegment codedSegment, Source segmentSource, String clinicalStatus)
            implements Diagnosis {

        RectalPrimary(Source diagnosis, TumourSegment codedSegment, Source segmentSource) {
            this(diagnosis, codedSegment, segmentSource, null);
        }

        RectalPrimary withStatus(String status) {
            return new RectalPrimary(diagnosis, codedSegment, segmentSource, status);
        }
    }

    /**
     * A local recurrence of rectal cancer: a fact of the primary it recurs from; {@code withoutPrimary} is what is
     * said when the record has no primary to attach it to.
     */
    record LocalRecurrence(Source source, UnusableDiagnosis withoutPrimary) implements Diagnosis {}

    /** A secondary (metastatic) cancer, possibly of the rectal primary. */
    record Secondary() implements Diagnosis {}

    /** A primary cancer elsewhere: it makes attribution without {@code focus} ambiguous. */
    record OtherPrimary() implements Diagnosis {}

    /** It looks like rectal cancer but cannot be used. */
    record NotRecognised(UnusableDiagnosis why) implements Diagnosis {}

    /** Nothing the pathway reads (another disease, an entered-in-error record, a metastasis of another cancer). */
    record Unrelated() implements Diagnosis {}
}
