package dev.ampulla.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the treatment orders signed in a period, with the feedback on the warnings that named them, and hands them to
 * {@link OrderTally}. Portable SQL (SQLite and PostgreSQL).
 */
final class PathwayAgreementQuery {
    private static final String IN_PERIOD = " WHERE o.signed_at >= ? AND o.signed_at < ?";

    private PathwayAgreementQuery() {}

    static OrderAgreementMeasures read(Connection c, Instant from, Instant to) throws SQLException {
        Map<String, ConcordanceReport.OverrideReason> reasons = new HashMap<>();
        Set<String> withdrawn = new HashSet<>();
        // the first override of a warning naming the order gives its reason; an accepted suggestion withdrew it
        try (PreparedStatement q = c.prepareStatement("SELECT o.order_key, o.patient_key, o.signed_day, f.outcome,"
                + " f.reason_system, f.reason_code, f.reason_display FROM signed_order o"
                + " JOIN signed_order_warning w ON w.order_key = o.order_key AND w.patient_key = o.patient_key"
                + " AND w.signed_day = o.signed_day JOIN feedback f ON f.card_uuid = w.card_uuid" + IN_PERIOD
                + " ORDER BY f.received_at, f.reason_code")) {
            period(q, from, to);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    String key = r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3);
                    if ("accepted".equals(r.getString(4))) {
                        withdrawn.add(key);
                    } else if (r.getString(6) != null) {
                        reasons.putIfAbsent(
                                key,
                                new ConcordanceReport.OverrideReason(
                                        r.getString(5), r.getString(6), r.getString(7), 1));
                    }
                }
            }
        }
        OrderTally tally = new OrderTally();
        try (PreparedStatement q = c.prepareStatement("SELECT o.order_key, o.patient_key, o.signed_day,"
                + " o.modality, o.drug_class, o.agreement, o.pathway_rule, o.pathway_topic, o.signed_month"
                + " FROM signed_order o" + IN_PERIOD)) {
            period(q, from, to);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    String key = r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3);
                    if (withdrawn.contains(key)) {
                        tally.withdrawn();
                    } else {
                        tally.add(new OrderTally.Row(
                                r.getString(4),
                                r.getString(5),
                                r.getString(6),
                                r.getString(7),
                                r.getString(8),
                                r.getString(9),
                                reasons.get(key)));
                    }
                }
            }
        }
        return tally.measures();
    }

    private static void period(PreparedStatement q, Instant from, Instant to) throws SQLException {
        q.setLong(1, from.toEpochMilli());
        q.setLong(2, to.toEpochMilli());
    }
}
