package dev.ampulla.feedback;

import dev.ampulla.pathway.OrderDecision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/** The SQL that writes and purges signed treatment orders (tables of migration V7). Portable: SQLite and PostgreSQL. */
final class SignedOrderRows {
    /** Warnings of orders signed before a cutoff (its one parameter). */
    static final String PURGE_WARNINGS = "DELETE FROM signed_order_warning WHERE EXISTS (SELECT 1 FROM signed_order o"
            + " WHERE o.order_key = signed_order_warning.order_key AND o.patient_key = signed_order_warning.patient_key"
            + " AND o.signed_day = signed_order_warning.signed_day AND o.signed_at < ?)";
    /** Orders signed before a cutoff (its one parameter). */
    static final String PURGE_ORDERS = "DELETE FROM signed_order WHERE signed_at < ?";

    private SignedOrderRows() {}

    static void insert(Connection c, List<SignedOrder> orders) throws SQLException {
        try (PreparedStatement order = c.prepareStatement("INSERT INTO signed_order (order_key, patient_key,"
                        + " signed_day, signed_month, signed_at, issuer, modality, drug_class, agreement, pathway_topic,"
                        + " pathway_rule, pack_version, stage_group, segment, phase, warning_rule)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
                PreparedStatement warning = c.prepareStatement("INSERT INTO signed_order_warning (order_key,"
                        + " patient_key, signed_day, card_uuid) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (SignedOrder o : orders) {
                OrderDecision d = o.decision();
                ZonedDateTime at = Instant.ofEpochMilli(o.signedAtMillis()).atZone(ZoneOffset.UTC);
                String day = at.toLocalDate().toString();
                order.setString(1, o.orderKey());
                order.setString(2, o.patientKey());
                order.setString(3, day);
                order.setString(4, day.substring(0, 7));
                order.setLong(5, o.signedAtMillis());
                nullable(order, 6, o.issuer());
                order.setString(7, d.modality().code());
                nullable(order, 8, d.drugClass());
                order.setString(9, d.agreement().code());
                nullable(order, 10, d.pathwayTopic());
                nullable(order, 11, d.pathwayRule());
                order.setString(12, IssuedCard.clip(o.packVersion(), 32));
                nullable(order, 13, d.stageGroup());
                nullable(order, 14, d.segment());
                nullable(order, 15, d.phase());
                nullable(order, 16, d.warningRule());
                order.addBatch();
                if (d.warningCard() != null) {
                    warning.setString(1, o.orderKey());
                    warning.setString(2, o.patientKey());
                    warning.setString(3, day);
                    warning.setString(4, IssuedCard.clip(d.warningCard(), 64));
                    warning.addBatch();
                }
            }
            order.executeBatch();
            warning.executeBatch();
        }
    }

    private static void nullable(PreparedStatement p, int index, String value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.VARCHAR);
        } else {
            p.setString(index, value);
        }
    }
}
