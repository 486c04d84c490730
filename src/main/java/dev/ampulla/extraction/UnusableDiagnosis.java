package dev.ampulla.extraction;

/**
 * A Condition that looks like rectal cancer but could not be used. {@code headline} names it in a few words (a card
 * summary), {@code text} says what was found and why it was not used (plain text, naming the Condition), and
 * {@code remedy} what a clinician can do — never recoding a diagnosis that is correct.
 */
public record UnusableDiagnosis(String headline, String text, Remedy remedy) {

    /** What helps, by why the diagnosis could not be used. */
    public enum Remedy {
        /** Another histology, a recurrence, carcinoma in situ, an unclear site: the guideline for it, or the MDT. */
        MANAGE_OUTSIDE_PATHWAY,
        /** An unknown code system, text only: if it is a rectal adenocarcinoma, a code Ampulla reads. */
        CODE_NOT_READ,
        /** A rectal cancer recorded as inactive, in remission or resolved. */
        CLINICAL_STATUS
    }
}
