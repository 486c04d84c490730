package dev.ampulla.feedback;

import dev.ampulla.knowledge.PathwayAgreement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Counts signed orders into the report's totals and its per-modality, per-rule and per-month rows. */
final class OrderTally {
    private static final String NO_REASON = "No reason given";

    /** One signed order as read: {@code reason} is the override reason of the warning naming it, or null. */
    record Row(
            String modality,
            String drugClass,
            String agreement,
            String rule,
            String topic,
            String month,
            ConcordanceReport.OverrideReason reason) {}

    /** The running counts of one group of orders. */
    private static final class Count {
        long on;
        long off;
        long outside;
        final Map<List<String>, long[]> reasons = new LinkedHashMap<>();
        final Map<List<String>, String> displays = new LinkedHashMap<>();

        void add(Row row) {
            switch (PathwayAgreement.byCode(row.agreement())) {
                case ON -> on++;
                case OUTSIDE -> outside++;
                case OFF -> {
                    off++;
                    ConcordanceReport.OverrideReason r = row.reason();
                    List<String> key = r == null
                            ? java.util.Arrays.asList(null, null)
                            : java.util.Arrays.asList(r.system(), r.code());
                    reasons.computeIfAbsent(key, k -> new long[1])[0]++;
                    displays.putIfAbsent(key, r == null ? NO_REASON : r.display());
                }
            }
        }

        OrderAgreementMeasures.Counts counts() {
            List<ConcordanceReport.OverrideReason> out = new ArrayList<>();
            reasons.forEach((key, n) ->
                    out.add(new ConcordanceReport.OverrideReason(key.get(0), key.get(1), displays.get(key), n[0])));
            // most frequent first; "no reason given" last among equals
            out.sort(Comparator.comparingLong(ConcordanceReport.OverrideReason::count)
                    .reversed()
                    .thenComparing(r -> r.code() == null)
                    .thenComparing(r -> Objects.toString(r.code(), "")));
            long decided = on + off;
            return new OrderAgreementMeasures.Counts(
                    on + off + outside,
                    on,
                    off,
                    outside,
                    decided,
                    ConcordanceReport.rate(on, decided),
                    List.copyOf(out));
        }
    }

    private final Count totals = new Count();
    private final Map<List<String>, Count> modalities = new TreeMap<>(OrderTally::compareKeys);
    private final Map<List<String>, Count> rules = new TreeMap<>(OrderTally::compareKeys);
    private final Map<String, Count> months = new TreeMap<>();
    private long withdrawn;

    void add(Row row) {
        totals.add(row);
        modalities
                .computeIfAbsent(java.util.Arrays.asList(row.modality(), row.drugClass()), k -> new Count())
                .add(row);
        rules.computeIfAbsent(java.util.Arrays.asList(row.rule(), row.topic()), k -> new Count())
                .add(row);
        months.computeIfAbsent(row.month(), k -> new Count()).add(row);
    }

    void withdrawn() {
        withdrawn++;
    }

    OrderAgreementMeasures measures() {
        List<OrderAgreementMeasures.Modality> m = new ArrayList<>();
        modalities.forEach((k, c) -> m.add(new OrderAgreementMeasures.Modality(k.get(0), k.get(1), c.counts())));
        List<OrderAgreementMeasures.Rule> r = new ArrayList<>();
        rules.forEach((k, c) -> r.add(new OrderAgreementMeasures.Rule(k.get(0), k.get(1), c.counts())));
        List<OrderAgreementMeasures.Month> mo = new ArrayList<>();
        months.forEach((k, c) -> mo.add(new OrderAgreementMeasures.Month(k, c.counts())));
        return new OrderAgreementMeasures(totals.counts(), withdrawn, m, r, mo);
    }

    /** Keys in order of their parts, null (no rule, no drug class) last. */
    private static int compareKeys(List<String> a, List<String> b) {
        Comparator<String> part = Comparator.nullsLast(Comparator.comparing((String s) ->
                s.length() > 1 && s.charAt(0) == 'R' && s.substring(1).chars().allMatch(Character::isDigit)
                        ? String.format("R%05d", Integer.parseInt(s.substring(1)))
                        : s));
        for (int i = 0; i < a.size(); i++) {
            int c = part.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
