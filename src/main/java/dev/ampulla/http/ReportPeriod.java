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
        Instant end = to == null || to.isBlank() ? now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)
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
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw CdsProtocolException.badRequest("value", "'" + name
                    + "' must be a date (2026-11-01) or a date-time with offset (2026-11-01T08:00:00Z).");
        }
    }
}
