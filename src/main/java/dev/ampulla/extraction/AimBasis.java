package dev.ampulla.extraction;

/**
 * What an order's aim was read from, which decides what may still change it: an intent or a site is the order's own
 * word on what is irradiated and stands; reasons are combined with the Conditions its reasonReference names.
 */
public enum AimBasis {
    /** Treatment intent (mCODE procedure intent): palliative wins over everything. */
    INTENT,
    /** A body site, or the location of a volume the order doses. */
    SITE,
    /** Reason codes, or the Conditions reasonReference names. */
    REASON,
    /** Nothing that tells. */
    NONE
}
