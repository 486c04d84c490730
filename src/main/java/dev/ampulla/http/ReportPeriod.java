package dev.ampulla.http;

import dev.ampulla.cdshooks.CdsProtocolException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The period of a report, {@code [from, to)}, from query parameters: dates (UTC, {@code to} inclusive) or instants. */
record ReportPeriod(Instant from, Instant to) {
    static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

    static ReportPeriod parse(String from, String to, Instant now) {
        // the default end is the next whole second, so cards issued just now are in
        Instant end = to == null || to.isBlank()
                ? now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)
                : instant(to, "to", true);
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_LENGTH) : instant(from, "from", false);
        if (!start.isBefore(end)) {
            throw CdsProtocolException.badRequest("value", "'from' must be before 'to'.");
        }
        return new ReportPeriod(start, end);
    }

    private static Instant instant(String text, String name, boolean endOfDay) {
        String v = text.trim();
        try {
            OffsetDateTime when = v.length() == 10
                    ? (endOfDay ? LocalDate.parse(v).plusDays(1) : LocalDate.parse(v))
                            .atStartOfDay()
                            .atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.parse(v);
            if (when.getYear() < 1900 || when.getYear() > 10_000) {
                throw CdsProtocolException.badRequest(
                        "value", "'" + name + "' must lie between the years 1900 and" + " 9999.");
            }
            return when.toInstant();
        } catch (DateTimeParseException e) {
            throw CdsProtocolException.badRequest(
                    "value",
                    "'" + name + "' must be a date (2026-11-01) or a date-time with offset (2026-11-01T08:00:00Z).");
        }
    }
}
