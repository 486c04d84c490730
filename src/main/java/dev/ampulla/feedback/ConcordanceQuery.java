package dev.ampulla.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The concordance report's queries: for the cards issued in a period, how many were accepted and overridden, why, and
 * which suggestions were taken. Portable SQL (SQLite and PostgreSQL), run in one read transaction.
 */
final class ConcordanceQuery {

    /** Whether the card {@code ic} was accepted: a primary-key look-up into feedback. */
    private static final String ACCEPTED =
            "EXISTS (SELECT 1 FROM feedback a WHERE a.card_uuid = ic.card_uuid" + " AND a.outcome = 'accepted')";

    private ConcordanceQuery() {}

    static ConcordanceReport read(Connection c, Instant from, Instant to) throws SQLException {
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        Map<String, long[]> counts = new LinkedHashMap<>();
        // Every look-up into feedback is by its primary key (card, outcome, suggestion), from the cards of the
        // period found by their issue time: the report reads the period's rows, not the whole table.
        rows(
                c,
                "SELECT ic.topic, SUM(CASE WHEN ic.presentation = 'shown' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN " + ACCEPTED + " THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN NOT " + ACCEPTED + " AND EXISTS (SELECT 1 FROM feedback o"
                        + " WHERE o.card_uuid = ic.card_uuid AND o.outcome = 'overridden') THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN ic.presentation = 'silent' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN ic.presentation IN ('hidden', 'hidden-by-option') THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN ic.presentation = 'snoozed' THEN 1 ELSE 0 END)"
                        + " FROM issued_card ic"
                        + " WHERE ic.issued_at >= ? AND ic.issued_at < ? GROUP BY ic.topic ORDER BY ic.topic",
                a,
                b,
                r -> counts.put(r.getString(1), new long[] {
                    r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7)
                }));

        // Reasons of cards counted as overridden: a card that was also accepted counts as accepted.
        Map<String, List<ConcordanceReport.OverrideReason>> reasons = new LinkedHashMap<>();
        Map<String, Long> comments = new LinkedHashMap<>();
        rows(
                c,
                "SELECT ic.topic, f.reason_system, f.reason_code,"
                        + " MAX(f.reason_display), COUNT(*), SUM(f.has_comment) FROM issued_card ic"
                        + " JOIN feedback f ON f.card_uuid = ic.card_uuid AND f.outcome = 'overridden'"
                        + " WHERE ic.issued_at >= ? AND ic.issued_at < ? AND NOT " + ACCEPTED
                        + " GROUP BY ic.topic, f.reason_system, f.reason_code ORDER BY ic.topic, COUNT(*) DESC,"
                        + " f.reason_code",
                a,
                b,
                r -> {
                    String topic = r.getString(1);
                    String code = r.getString(3);
                    reasons.computeIfAbsent(topic, t -> new ArrayList<>())
                            .add(new ConcordanceReport.OverrideReason(
                                    r.getString(2),
                                    code,
                                    code == null ? "No reason given" : r.getString(4),
                                    r.getLong(5)));
                    comments.merge(topic, r.getLong(6), Long::sum);
                });

        Map<String, List<ConcordanceReport.SuggestionStats>> suggestions = new LinkedHashMap<>();
        rows(
                c,
                "SELECT ic.topic, s.pathway_option, MAX(s.label), COUNT(*),"
                        + " SUM(CASE WHEN EXISTS (SELECT 1 FROM feedback f WHERE f.card_uuid = s.card_uuid"
                        + " AND f.outcome = 'accepted' AND f.suggestion_uuid = s.suggestion_uuid) THEN 1 ELSE 0 END)"
                        + " FROM issued_card ic JOIN issued_suggestion s ON s.card_uuid = ic.card_uuid"
                        + " WHERE ic.issued_at >= ? AND ic.issued_at < ?"
                        + " GROUP BY ic.topic, s.pathway_option ORDER BY ic.topic, s.pathway_option",
                a,
                b,
                r -> suggestions
                        .computeIfAbsent(r.getString(1), t -> new ArrayList<>())
                        .add(new ConcordanceReport.SuggestionStats(
                                r.getString(2),
                                r.getString(3),
                                r.getLong(4),
                                r.getLong(5),
                                ConcordanceReport.rate(r.getLong(5), r.getLong(4)))));

        List<ConcordanceReport.Layer> layers = new ArrayList<>();
        rows(
                c,
                "SELECT ic.layer, SUM(CASE WHEN ic.presentation = 'shown' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN " + ACCEPTED + " THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN NOT " + ACCEPTED + " AND EXISTS (SELECT 1 FROM feedback o"
                        + " WHERE o.card_uuid = ic.card_uuid AND o.outcome = 'overridden') THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN NOT " + ACCEPTED + " AND EXISTS (SELECT 1 FROM feedback o"
                        + " WHERE o.card_uuid = ic.card_uuid AND o.outcome = 'overridden'"
                        + " AND o.reason_code = 'followed-founding-document') THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN NOT " + ACCEPTED + " AND EXISTS (SELECT 1 FROM feedback o"
                        + " WHERE o.card_uuid = ic.card_uuid AND o.outcome = 'overridden'"
                        + " AND o.reason_code = 'followed-guideline') THEN 1 ELSE 0 END)"
                        + " FROM issued_card ic WHERE ic.issued_at >= ? AND ic.issued_at < ?"
                        + " GROUP BY ic.layer ORDER BY ic.layer",
                a,
                b,
                r -> layers.add(new ConcordanceReport.Layer(
                        r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6))));

        Long[] patients = {null};
        rows(
                c,
                "SELECT COUNT(DISTINCT patient_hash), COUNT(patient_hash) FROM issued_card"
                        + " WHERE issued_at >= ? AND issued_at < ?",
                a,
                b,
                r -> patients[0] = r.getLong(2) > 0 ? r.getLong(1) : null);
        long[] unrecorded = {0};
        rows(
                c,
                "SELECT COUNT(*) FROM feedback f WHERE f.received_at >= ? AND f.received_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM issued_card ic WHERE ic.card_uuid = f.card_uuid)",
                a,
                b,
                r -> unrecorded[0] = r.getLong(1));

        List<ConcordanceReport.Topic> topics = new ArrayList<>();
        long shown = 0;
        long accepted = 0;
        long overridden = 0;
        long silent = 0;
        long hidden = 0;
        long snoozed = 0;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] n = e.getValue();
            shown += n[0];
            accepted += n[1];
            overridden += n[2];
            silent += n[3];
            hidden += n[4];
            snoozed += n[5];
            topics.add(new ConcordanceReport.Topic(
                    e.getKey(),
                    n[0],
                    n[1],
                    n[2],
                    n[0] - n[1] - n[2],
                    ConcordanceReport.rate(n[1], n[0]),
                    ConcordanceReport.rate(n[2], n[0]),
                    reasons.getOrDefault(e.getKey(), List.of()),
                    comments.getOrDefault(e.getKey(), 0L),
                    suggestions.getOrDefault(e.getKey(), List.of()),
                    n[3],
                    n[4],
                    n[5]));
        }
        return new ConcordanceReport(
                from.toString(),
                to.toString(),
                new ConcordanceReport.Totals(
                        shown,
                        accepted,
                        overridden,
                        shown - accepted - overridden,
                        ConcordanceReport.rate(accepted, shown),
                        ConcordanceReport.rate(overridden, shown),
                        patients[0],
                        unrecorded[0],
                        silent,
                        hidden,
                        snoozed),
                layers,
                topics);
    }

    /** One result row. */
    @FunctionalInterface
    private interface Row {
        void accept(ResultSet r) throws SQLException;
    }

    /** Runs a query whose two parameters are the start and end of a period, handing each row to {@code row}. */
    private static void rows(Connection c, String sql, long from, long to, Row row) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    row.accept(r);
                }
            }
        }
    }
}
