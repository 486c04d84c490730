package dev.ampulla.knowledge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How an order named by each order check stands against the pathway, from {@code knowledge/order-check-agreement.csv}:
 * off, or outside. A check not listed counts as off; a row saying "on" or an unknown agreement fails on first use.
 */
public final class OrderCheckAgreement {
    static final List<String> COLUMNS = List.of("rule", "agreement", "basis");
    private static final Map<String, PathwayAgreement> BY_RULE = load();

    private OrderCheckAgreement() {}

    /** How an order named by rule {@code ruleId}'s order check stands: {@code OFF} or {@code OUTSIDE}. */
    public static PathwayAgreement of(String ruleId) {
        return BY_RULE.getOrDefault(ruleId, PathwayAgreement.OFF);
    }

    private static Map<String, PathwayAgreement> load() {
        Map<String, PathwayAgreement> out = new HashMap<>();
        for (KnowledgeCsv.Row row : KnowledgeCsv.read("order-check-agreement.csv", COLUMNS)) {
            PathwayAgreement agreement;
            try {
                agreement = PathwayAgreement.byCode(row.required("agreement"));
            } catch (IllegalArgumentException e) {
                throw row.error("names the unknown agreement '" + row.get("agreement") + "'");
            }
            if (agreement == PathwayAgreement.ON) {
                throw row.error("says an order check puts an order on the pathway: a check says off or outside");
            }
            row.required("basis");
            out.put(row.required("rule"), agreement);
        }
        return Map.copyOf(out);
    }
}
