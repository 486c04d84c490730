package dev.ampulla.extraction;

/**
 * Where a fact came from, as a clinician would look it up: the resource ({@code Observation/abc}), the coding that
 * carried the fact, the date as written in the resource (may be null), and whether the resource named no
 * {@code focus} and was attributed to the patient's only rectal primary.
 */
public record Source(String reference, String coding, String date, boolean attributedWithoutFocus) {

    public static Source of(String reference, String coding, String date) {
        return new Source(reference, coding, date, false);
    }

    /** {@code Observation/abc, 2025-01-08}: how a card or note names the resource (plain text). */
    public String cite() {
        return date == null ? reference : reference + ", " + date;
    }
}
