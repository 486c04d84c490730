package dev.ampulla.extraction;

import dev.ampulla.knowledge.TumourSegment;

/** What a Condition is, for the rectal cancer pathway. */
sealed interface Diagnosis {

    /** A rectal or rectosigmoid carcinoma, with the segment when the codes say it. */
    record RectalPrimary(Source diagnosis, TumourSegment codedSegment, Source segmentSource) implements Diagnosis {
    }

    /** A secondary (metastatic) cancer, possibly of the rectal primary. */
    record Secondary() implements Diagnosis {
    }

    /** A primary cancer elsewhere: it makes attribution without {@code focus} ambiguous. */
    record OtherPrimary() implements Diagnosis {
    }

    /** It looks like rectal cancer but cannot be used. */
    record NotRecognised(UnusableDiagnosis why) implements Diagnosis {
    }

    /** Nothing the pathway reads (another disease, an entered-in-error record, a metastasis of another cancer). */
    record Unrelated() implements Diagnosis {
    }
}
