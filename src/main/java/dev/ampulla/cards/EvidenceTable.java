package dev.ampulla.cards;

import dev.ampulla.assessment.Assessment;
import dev.ampulla.assessment.SegmentFinding;
import dev.ampulla.assessment.WorkingStage;
import dev.ampulla.extraction.Metastasis;
import dev.ampulla.extraction.Source;
import dev.ampulla.extraction.StagingFact;
import dev.ampulla.extraction.TreatmentFact;
import dev.ampulla.extraction.TreatmentKind;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.SegmentThresholds;
import dev.ampulla.knowledge.TumourSegment;
import dev.ampulla.knowledge.pack.EvidenceRows;
import dev.ampulla.knowledge.pack.EvidenceText;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.KnowledgePack;
import java.util.List;

/** The rows of evidence under a card's text: each a finding, its value and the resource it came from. */
final class EvidenceTable {
    private final KnowledgePack pack;
    private final SegmentThresholds thresholds;
    private final double borderlineMarginCm;
    private final String findingHeader;
    private final String orderHeader;
    private final java.util.Map<EvidenceText, String> labels = new java.util.EnumMap<>(EvidenceText.class);

    EvidenceTable(KnowledgePack pack) {
        this.pack = pack;
        this.thresholds = pack.parameters().segmentThresholds();
        this.borderlineMarginCm = pack.parameters().borderlineMarginCm();
        this.findingHeader = header(
                pack.evidence(EvidenceText.FINDING_COLUMN),
                pack.evidence(EvidenceText.VALUE_COLUMN),
                pack.evidence(EvidenceText.SOURCE_COLUMN));
        for (EvidenceText text : EvidenceText.values()) {
            if (text.arguments().isEmpty()) {
                labels.put(text, Markdown.escape(pack.evidence(text)));
            }
        }
        this.orderHeader = header(
                pack.evidence(EvidenceText.ORDER_COLUMN),
                pack.evidence(EvidenceText.WHAT_COLUMN),
                pack.evidence(EvidenceText.SOURCE_COLUMN));
    }

    private static String header(String first, String second, String third) {
        return "| " + Markdown.escape(first) + " | " + Markdown.escape(second) + " | " + Markdown.escape(third)
                + " |\n|---|---|---|\n";
    }

    private String words(EvidenceText text, String... arguments) {
        return pack.evidence(text, arguments);
    }

    /** A row label, escaped once: labels are the same on every card. */
    private String label(EvidenceText text) {
        return labels.get(text);
    }

    void append(StringBuilder d, Assessment a, List<EvidenceRows> rows, List<TreatmentOrder> orders) {
        if (rows.contains(EvidenceRows.ORDERS)) {
            orderRows(d, orders);
        }
        if (rows.stream().noneMatch(r -> r != EvidenceRows.ORDERS)) {
            return;
        }
        WorkingStage s = a.stage();
        d.append(findingHeader);
        row(
                d,
                label(EvidenceText.DIAGNOSIS),
                words(
                        a.rectalCase().primary().codedSegment() == TumourSegment.RECTOSIGMOID
                                ? EvidenceText.RECTOSIGMOID_CANCER
                                : EvidenceText.RECTAL_CANCER),
                a.rectalCase().primary().diagnosis());
        if (rows.contains(EvidenceRows.STAGE)) {
            stagingRow(d, label(EvidenceText.T), s.t());
            stagingRow(d, label(EvidenceText.N), s.n());
            if (s.derivedM() != null) {
                int count = s.metastases().size();
                row(
                        d,
                        label(EvidenceText.M),
                        words(
                                EvidenceText.DERIVED_M,
                                "m",
                                s.derivedM().label(),
                                "count",
                                Integer.toString(count),
                                "several",
                                count == 1 ? null : "yes"),
                        null);
            } else {
                stagingRow(d, label(EvidenceText.M), s.m());
            }
            if (s.reportedGroup() != null) {
                row(
                        d,
                        label(EvidenceText.REPORTED_GROUP),
                        s.reportedGroup().category().label(),
                        s.reportedGroup().source());
            }
            for (Metastasis x : a.rectalCase().metastases()) {
                row(d, label(EvidenceText.METASTASIS), x.site().label(), x.source());
            }
        }
        if (rows.contains(EvidenceRows.SEGMENT)) {
            SegmentFinding seg = a.segment();
            String location =
                    pack.words(Finding.SEGMENT, seg.segment().findingValue()).description();
            String label = label(EvidenceText.LOCATION);
            if (seg.explicitSource() != null) {
                row(d, label, location, seg.explicitSource());
            } else if (seg.distance() != null) {
                row(
                        d,
                        label,
                        words(
                                EvidenceText.LOCATION_BY_DISTANCE,
                                "segment",
                                location,
                                "distance",
                                CardValues.num(seg.distance().centimetres()),
                                "thresholds",
                                CardValues.thresholds(thresholds),
                                "margin",
                                CardValues.num(borderlineMarginCm),
                                "borderline",
                                seg.borderline() ? "yes" : null),
                        seg.distance().source());
            } else {
                row(d, label, words(EvidenceText.NOT_DOCUMENTED), null);
            }
        }
        if (rows.contains(EvidenceRows.RESECTABILITY)) {
            var res = a.resectability();
            row(
                    d,
                    label(EvidenceText.RESECTABILITY),
                    res.value() != null
                            ? res.value().display()
                            : res.fact() != null
                                    ? words(
                                            EvidenceText.NOT_USED,
                                            "value",
                                            res.fact().value().display())
                                    : words(EvidenceText.NOT_DOCUMENTED),
                    res.fact() == null ? null : res.fact().source());
        }
        if (rows.contains(EvidenceRows.TREATMENTS)) {
            for (TreatmentFact t : a.treatments(
                    TreatmentKind.RADIOTHERAPY, TreatmentKind.CHEMORADIATION, TreatmentKind.CHEMOTHERAPY)) {
                row(d, label(EvidenceText.TREATMENT_GIVEN), t.kind().label(), t.source());
            }
        }
        d.append('\n');
    }

    /** The orders as a table: reference, what is ordered, and the code (or name) that recognised it. */
    void orderRows(StringBuilder d, List<TreatmentOrder> orders) {
        d.append(orderHeader);
        for (TreatmentOrder o : orders) {
            d.append("| ")
                    .append(Markdown.escape(o.reference()))
                    .append(" | ")
                    .append(o.kind().label());
            if (o.text() != null) {
                d.append(": ").append(Markdown.escape(o.text()));
            }
            d.append(" | ").append(Markdown.escape(o.coding())).append(" |\n");
        }
        d.append('\n');
    }

    private void stagingRow(StringBuilder d, String label, StagingFact f) {
        if (f == null) {
            row(d, label, words(EvidenceText.NOT_RECORDED), null);
        } else {
            row(d, label, f.prefixed(), f.source());
        }
    }

    /** A row; {@code label} is already escaped. */
    private void row(StringBuilder d, String label, String value, Source source) {
        d.append("| ")
                .append(label)
                .append(" | ")
                .append(Markdown.escape(value))
                .append(" | ");
        if (source == null) {
            d.append("—");
        } else {
            d.append(Markdown.escape(source.reference())).append(" · ").append(Markdown.escape(source.coding()));
            if (source.date() != null) {
                d.append(" · ").append(Markdown.escape(source.date()));
            }
            if (source.attributedWithoutFocus()) {
                d.append(" · ").append(words(EvidenceText.NO_FOCUS));
            }
        }
        d.append(" |\n");
    }
}
