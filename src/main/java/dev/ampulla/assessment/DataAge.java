package dev.ampulla.assessment;

/**
 * How old the newest fact of the case is. {@code stale} when even the newest fact (staging, treatment, response,
 * metastasis…) is older than the pack's stale-data age for the treatment phase ({@code afterDays});
 * {@code newestDate} and {@code stagingDate} as written in the record (null when unknown).
 */
public record DataAge(boolean stale, String newestDate, String stagingDate, int afterDays) {

    public static final DataAge CURRENT = new DataAge(false, null, null, 0);
}
