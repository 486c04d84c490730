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
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.KnowledgePack;
import java.util.List;

/** The rows of evidence under a card's text: each a finding, its value and the resource it came from. */
final class EvidenceTable {
    private final KnowledgePack pack;
    private final SegmentThresholds thresholds;
    private final double borderlineMarginCm;

    EvidenceTable(KnowledgePack pack) {
        this.pack = pack;
        this.thresholds = pack.parameters().segmentThresholds();
        this.borderlineMarginCm = pack.parameters().borderlineMarginCm();
    }

    void append(StringBuilder d, Assessment a, List<EvidenceRows> rows, List<TreatmentOrder> orders) {
        if (rows.contains(EvidenceRows.ORDERS)) {
            orderRows(d, orders);
        }
        if (rows.stream().noneMatch(r -> r != EvidenceRows.ORDERS)) {
            return;
        }
        WorkingStage s = a.stage();
        d.append("| Finding | Value | From |\n|---|---|---|\n");
        row(d, "Diagnosis", "rectal" + (a.rectalCase().primary().codedSegment() == TumourSegment.RECTOSIGMOID
                ? "/rectosigmoid" : "") + " cancer", a.rectalCase().primary().diagnosis());
        if (rows.contains(EvidenceRows.STAGE)) {
            stagingRow(d, "T", s.t());
            stagingRow(d, "N", s.n());
            if (s.derivedM() != null) {
                row(d, "M", s.derivedM().label() + ", derived from " + s.metastases().size() + " secondary cancer"
                        + (s.metastases().size() == 1 ? "" : "s"), null);
            } else {
                stagingRow(d, "M", s.m());
            }
            if (s.reportedGroup() != null) {
                row(d, "Reported stage group", s.reportedGroup().category().label(), s.reportedGroup().source());
            }
            for (Metastasis x : a.rectalCase().metastases()) {
                row(d, "Metastasis", x.site().label(), x.source());
            }
        }
        if (rows.contains(EvidenceRows.SEGMENT)) {
            SegmentFinding seg = a.segment();
            String location = pack.words(Finding.SEGMENT, seg.segment().findingValue()).description();
            if (seg.explicitSource() != null) {
                row(d, "Tumour location", location, seg.explicitSource());
            } else if (seg.distance() != null) {
                row(d, "Tumour location", location + " (" + CardValues.num(
                        seg.distance().centimetres()) + " cm from the anal verge; segments at "
                        + CardValues.thresholds(thresholds) + " cm" + (seg.borderline() ? "; within "
                        + CardValues.num(borderlineMarginCm) + " cm of a boundary: confirm on MRI" : "") + ")",
                        seg.distance().source());
            } else {
                row(d, "Tumour location", "not documented", null);
            }
        }
        if (rows.contains(EvidenceRows.RESECTABILITY)) {
            var res = a.resectability();
            row(d, "Resectability", res.value() != null ? res.value().display()
                    : res.fact() != null ? res.fact().value().display() + " (not used: see above)" : "not documented",
                    res.fact() == null ? null : res.fact().source());
        }
        if (rows.contains(EvidenceRows.TREATMENTS)) {
            for (TreatmentFact t : a.treatments(TreatmentKind.RADIOTHERAPY, TreatmentKind.CHEMORADIATION,
                    TreatmentKind.CHEMOTHERAPY)) {
                row(d, "Treatment given", t.kind().label(), t.source());
            }
        }
        d.append('\n');
    }

    /** The orders as a table: reference, what is ordered, and the code (or name) that recognised it. */
    static void orderRows(StringBuilder d, List<TreatmentOrder> orders) {
        d.append("| Order | What | From |\n|---|---|---|\n");
        for (TreatmentOrder o : orders) {
            d.append("| ").append(Markdown.escape(o.reference())).append(" | ").append(o.kind().label());
            if (o.text() != null) {
                d.append(": ").append(Markdown.escape(o.text()));
            }
            d.append(" | ").append(Markdown.escape(o.coding())).append(" |\n");
        }
        d.append('\n');
    }

    private static void stagingRow(StringBuilder d, String label, StagingFact f) {
        if (f == null) {
            row(d, label, "not recorded", null);
        } else {
            row(d, label, f.prefixed(), f.source());
        }
    }

    private static void row(StringBuilder d, String finding, String value, Source source) {
        d.append("| ").append(finding).append(" | ").append(Markdown.escape(value)).append(" | ");
        if (source == null) {
            d.append("—");
        } else {
            d.append(Markdown.escape(source.reference())).append(" · ").append(Markdown.escape(source.coding()));
            if (source.date() != null) {
                d.append(" · ").append(Markdown.escape(source.date()));
            }
            if (source.attributedWithoutFocus()) {
                d.append(" · no focus: attributed to the only rectal primary");
            }
        }
        d.append(" |\n");
    }
}
