package dev.ampulla.cards;

import dev.ampulla.assessment.Assessment;
import dev.ampulla.assessment.WorkingStage;
import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.Metastasis;
import dev.ampulla.extraction.MetastasisSite;
import dev.ampulla.extraction.OrderTarget;
import dev.ampulla.extraction.TreatmentFact;
import dev.ampulla.extraction.TreatmentKind;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.SegmentThresholds;
import dev.ampulla.knowledge.StageGroup;
import dev.ampulla.knowledge.StageIvOption;
import dev.ampulla.knowledge.TCategory;
import dev.ampulla.knowledge.NCategory;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.Findings;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.Placeholder;
import dev.ampulla.knowledge.pack.RuleDefinition;
import dev.ampulla.knowledge.pack.TemplateValues;
import dev.ampulla.pathway.Recommendation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Fills the placeholders of a rule's card texts from the assessment and the recommendation. */
final class CardValues {

    private CardValues() {
    }

    static TemplateValues of(KnowledgePack pack, KnowledgeResources resources, Assessment a, Findings findings,
            Recommendation r) {
        WorkingStage s = a.stage();
        TemplateValues v = new TemplateValues(findings);
        RuleDefinition rule = r.rule();
        String segmentValue = findings.get(Finding.SEGMENT);
        if (rule.uses(Placeholder.SEGMENT)) {
            v.text(Placeholder.SEGMENT, pack.words(Finding.SEGMENT, segmentValue).words());
        }
        if (rule.uses(Placeholder.SEGMENT_DESCRIPTION)) {
            v.text(Placeholder.SEGMENT_DESCRIPTION, pack.words(Finding.SEGMENT, segmentValue).description());
        }
        if (rule.uses(Placeholder.SEGMENT_THRESHOLDS)) {
            v.text(Placeholder.SEGMENT_THRESHOLDS, thresholds(pack.parameters().segmentThresholds()));
        }
        if (rule.uses(Placeholder.TNM)) {
            v.text(Placeholder.TNM, tnm(s));
        }
        if (rule.uses(Placeholder.MISSING)) {
            v.text(Placeholder.MISSING, String.join(", ", missing(s)));
        }
        if (rule.uses(Placeholder.RESECTION_EVIDENCE)) {
            v.recordText(Placeholder.RESECTION_EVIDENCE, a.resectionEvidence());
        }
        if (rule.uses(Placeholder.RESECTABILITY_RESERVATION)) {
            v.recordText(Placeholder.RESECTABILITY_RESERVATION, a.resectability().reservation());
        }
        if (rule.uses(Placeholder.METASTASES_LIMITED_TO_LIVER_OR_LUNG)) {
            v.flag(Placeholder.METASTASES_LIMITED_TO_LIVER_OR_LUNG, limitedToLiverOrLung(a));
        }
        if (s.isStaged()) {
            v.text(Placeholder.STAGE_GROUP, s.group().roman()).text(Placeholder.BASIS, s.basis().label())
                    .flag(Placeholder.SUB_GROUP_UNDECIDED, s.candidates().size() > 1);
            if (rule.uses(Placeholder.STAGE_TEXT)) {
                v.text(Placeholder.STAGE_TEXT, stageText(s));
            }
            if (rule.uses(Placeholder.UNDECIDED_REASON)) {
                v.text(Placeholder.UNDECIDED_REASON, undecidedReason(s));
            }
        }
        v.flag(Placeholder.FROM_REPORTED_GROUP, s.reportedGroup() != null);
        if (s.t() != null && (rule.uses(Placeholder.T) || rule.uses(Placeholder.T_FROM_SPECIMEN))) {
            v.text(Placeholder.T, s.t().prefixed()).flag(Placeholder.T_FROM_SPECIMEN, s.t().basis().isFromSpecimen());
        }
        if (s.n() != null && rule.uses(Placeholder.N)) {
            v.text(Placeholder.N, s.n().prefixed());
        }
        if (rule.uses(Placeholder.PRIOR_TREATMENT)) {
            List<TreatmentFact> given = a.treatments(TreatmentKind.RADIOTHERAPY, TreatmentKind.CHEMORADIATION,
                    TreatmentKind.CHEMOTHERAPY);
            if (!given.isEmpty()) {
                TreatmentFact last = given.get(given.size() - 1);
                v.text(Placeholder.PRIOR_TREATMENT, last.kind().label() + " (" + Markdown.escape(last.source().cite())
                        + ")");
            }
        }
        if (r instanceof Recommendation.StageIvOptions o) {
            v.text(Placeholder.OPTION_COUNT, Integer.toString(o.options().size()));
            List<TemplateValues.Item> items = new ArrayList<>();
            int number = 1;
            for (StageIvOption option : o.options()) {
                items.add(new TemplateValues.Item().text("number", Integer.toString(number++))
                        .text("title", resources.planDefinition(option).getTitle())
                        .text("statement", option.statement())
                        .flag("radiotherapy-caveat", option.includesRadiotherapy() && o.radiotherapyCaveat()));
            }
            v.list(Placeholder.STAGE_IV_OPTIONS, items);
        }
        if (r instanceof Recommendation.DataQuality q) {
            List<TemplateValues.Item> items = new ArrayList<>();
            for (DataProblem p : q.problems()) {
                items.add(new TemplateValues.Item().recordText("text", pack.problemText(p.code(), p.arguments()))
                        .flag("warning", p.warning()));
            }
            v.list(Placeholder.PROBLEMS, items).text(Placeholder.PROBLEM_COUNT, Integer.toString(items.size()))
                    .flag(Placeholder.SINGLE_PROBLEM, items.size() == 1);
        }
        if (r instanceof Recommendation.OrderCheck c) {
            orders(v, c.orders());
        }
        return v;
    }

    private static void orders(TemplateValues v, List<TreatmentOrder> orders) {
        List<TemplateValues.Item> all = new ArrayList<>();
        List<TemplateValues.Item> mixed = new ArrayList<>();
        for (TreatmentOrder o : orders) {
            all.add(new TemplateValues.Item().recordText("order", o.reference()).text("target", o.target().label())
                    .recordText("evidence", o.targetEvidence() == null ? "" : o.targetEvidence()));
            if (o.target() == OrderTarget.MIXED) {
                mixed.add(new TemplateValues.Item().recordText("order", o.reference())
                        .recordText("order-evidence", o.targetEvidence()));
            }
        }
        v.list(Placeholder.ORDERS, all).list(Placeholder.MIXED_ORDERS, mixed)
                .flag(Placeholder.ORDER_TARGET_UNNAMED, orders.stream().anyMatch(o -> o.target().isHedged()));
        if (!orders.isEmpty()) {
            v.choice(Placeholder.ORDER_AIM, switch (orders.get(0).target()) {
                case PALLIATIVE -> "palliative";
                case RECURRENCE -> "recurrence";
                default -> "metastasis";
            });
        }
    }

    static String stageText(WorkingStage s) {
        if (s.isStaged() && s.candidates().size() > 1) {
            return s.group().roman() + " (" + String.join(" or ", s.candidates().stream()
                    .map(StageGroup::roman).toList()) + ")";
        }
        return s.group().roman();
    }

    private static String tnm(WorkingStage s) {
        List<String> parts = new ArrayList<>(3);
        parts.add(s.t() == null ? "T?" : s.t().prefixed());
        parts.add(s.n() == null ? "N?" : s.n().prefixed());
        if (s.derivedM() != null) {
            parts.add(s.derivedM().label() + " (from metastases)");
        } else {
            parts.add(s.m() == null ? "M?" : s.m().prefixed());
        }
        return String.join(" ", parts);
    }

    private static List<String> missing(WorkingStage s) {
        List<String> missing = new ArrayList<>(3);
        if (s.t() == null || !s.tCategory().isAssessed()) {
            missing.add("T");
        }
        if (s.n() == null || !s.nCategory().isAssessed()) {
            missing.add("N");
        }
        if (s.mCategory() == null) {
            missing.add("M");
        }
        return missing;
    }

    private static String undecidedReason(WorkingStage s) {
        List<String> reasons = new ArrayList<>(2);
        if (s.tCategory() == TCategory.T4) {
            reasons.add("T4 is not recorded as T4a or T4b");
        }
        if (s.nCategory() == NCategory.N2) {
            reasons.add("N2 is not recorded as N2a or N2b");
        }
        return String.join("; ", reasons);
    }

    private static boolean limitedToLiverOrLung(Assessment a) {
        List<Metastasis> metastases = a.rectalCase().metastases();
        return !metastases.isEmpty() && metastases.stream().allMatch(x ->
                x.site() == MetastasisSite.LIVER || x.site() == MetastasisSite.LUNG);
    }

    static String thresholds(SegmentThresholds t) {
        return num(t.lowerMaxCm()) + " / " + num(t.middleMaxCm()) + " / " + num(t.upperMaxCm());
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
