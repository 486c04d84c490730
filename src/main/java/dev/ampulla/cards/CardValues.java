package dev.ampulla.cards;

import dev.ampulla.assessment.Assessment;
import dev.ampulla.assessment.DataAge;
import dev.ampulla.assessment.PhaseFact;
import dev.ampulla.assessment.PhaseFinding;
import dev.ampulla.assessment.WorkingStage;
import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.Metastasis;
import dev.ampulla.extraction.MetastasisSite;
import dev.ampulla.extraction.OrderTarget;
import dev.ampulla.extraction.StagingFact;
import dev.ampulla.extraction.TreatmentFact;
import dev.ampulla.extraction.TreatmentKind;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.NCategory;
import dev.ampulla.knowledge.SegmentThresholds;
import dev.ampulla.knowledge.StageGroup;
import dev.ampulla.knowledge.StageIvOption;
import dev.ampulla.knowledge.StagingBasis;
import dev.ampulla.knowledge.StagingCodes;
import dev.ampulla.knowledge.TCategory;
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

    private CardValues() {}

    static TemplateValues of(
            KnowledgePack pack, KnowledgeResources resources, Assessment a, Findings findings, Recommendation r) {
        WorkingStage s = a.stage();
        TemplateValues v = new TemplateValues(findings);
        RuleDefinition rule = r.rule();
        String segmentValue = findings.get(Finding.SEGMENT);
        if (rule.uses(Placeholder.SEGMENT)) {
            v.text(
                    Placeholder.SEGMENT,
                    pack.words(Finding.SEGMENT, segmentValue).words());
        }
        if (rule.uses(Placeholder.SEGMENT_DESCRIPTION)) {
            v.text(
                    Placeholder.SEGMENT_DESCRIPTION,
                    pack.words(Finding.SEGMENT, segmentValue).description());
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
            v.recordText(
                    Placeholder.RESECTABILITY_RESERVATION, a.resectability().reservation());
        }
        if (rule.uses(Placeholder.METASTASES_LIMITED_TO_LIVER_OR_LUNG)) {
            v.flag(Placeholder.METASTASES_LIMITED_TO_LIVER_OR_LUNG, limitedToLiverOrLung(a));
        }
        if (s.isStaged()) {
            v.text(Placeholder.STAGE_GROUP, s.group().roman())
                    .text(Placeholder.BASIS, s.basis().label())
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
            v.text(Placeholder.T, s.t().prefixed())
                    .flag(Placeholder.T_FROM_SPECIMEN, s.t().basis().isFromSpecimen());
        }
        if (s.n() != null && rule.uses(Placeholder.N)) {
            v.text(Placeholder.N, s.n().prefixed());
        }
        if (rule.uses(Placeholder.PRIOR_TREATMENT)) {
            List<TreatmentFact> given =
                    a.treatments(TreatmentKind.RADIOTHERAPY, TreatmentKind.CHEMORADIATION, TreatmentKind.CHEMOTHERAPY);
            if (!given.isEmpty()) {
                TreatmentFact last = given.get(given.size() - 1);
                v.text(
                        Placeholder.PRIOR_TREATMENT,
                        last.kind().label() + " ("
                                + Markdown.escape(last.source().cite()) + ")");
            }
        }
        phase(v, pack, a, rule);
        history(v, pack, a, rule);
        GuidelineValues.fill(v, pack, a, rule, r.orders());
        if (r instanceof Recommendation.StageIvOptions o) {
            v.text(Placeholder.OPTION_COUNT, Integer.toString(o.options().size()));
            List<TemplateValues.Item> items = new ArrayList<>();
            int number = 1;
            for (StageIvOption option : o.options()) {
                items.add(new TemplateValues.Item()
                        .text("number", Integer.toString(number++))
                        .text("title", resources.planDefinition(option).getTitle())
                        .text("statement", option.statement())
                        .flag("radiotherapy-caveat", option.includesRadiotherapy() && o.radiotherapyCaveat()));
            }
            v.list(Placeholder.STAGE_IV_OPTIONS, items);
        }
        if (r instanceof Recommendation.DataQuality q) {
            List<TemplateValues.Item> items = new ArrayList<>();
            for (DataProblem p : q.problems()) {
                items.add(new TemplateValues.Item()
                        .recordText("text", pack.problemText(p.code(), p.arguments()))
                        .flag("warning", p.warning()));
            }
            v.list(Placeholder.PROBLEMS, items)
                    .text(Placeholder.PROBLEM_COUNT, Integer.toString(items.size()))
                    .flag(Placeholder.SINGLE_PROBLEM, items.size() == 1);
        }
        if (r instanceof Recommendation.OrderCheck c) {
            orders(v, c.orders());
        }
        return v;
    }

    /** The treatment phase, the records behind it, and the data's age: on every card about a primary. */
    private static void phase(TemplateValues v, KnowledgePack pack, Assessment a, RuleDefinition rule) {
        PhaseFinding phase = a.phase();
        if (uses(pack, rule, Placeholder.PHASE)) {
            v.text(
                    Placeholder.PHASE,
                    pack.words(Finding.TREATMENT_PHASE, phase.phase().findingValue())
                            .words());
        }
        if (uses(pack, rule, Placeholder.PHASE_FACTS) && !phase.facts().isEmpty()) {
            v.recordText(
                    Placeholder.PHASE_FACTS,
                    String.join(
                            "; ", phase.facts().stream().map(PhaseFact::text).toList()));
        }
        if (uses(pack, rule, Placeholder.PHASE_DATA_MISSING)
                && !phase.missingData().isEmpty()) {
            v.text(Placeholder.PHASE_DATA_MISSING, String.join(" and ", phase.missingData()));
        }
        DataAge age = a.dataAge();
        if (age.stale()) {
            v.recordText(Placeholder.NEWEST_DATA_DATE, age.newestDate())
                    .recordText(Placeholder.STAGING_DATE, age.stagingDate())
                    .text(Placeholder.STALE_AFTER, age(age.afterDays()));
        }
        if (uses(pack, rule, Placeholder.HIGH_RISK) && !a.highRisk().isEmpty()) {
            v.recordText(Placeholder.HIGH_RISK, String.join(", ", a.highRisk()));
        }
        if (uses(pack, rule, Placeholder.CHEMOTHERAPY_BEFORE)
                && !phase.chemotherapyBeforeResection().isEmpty()) {
            v.recordText(
                    Placeholder.CHEMOTHERAPY_BEFORE,
                    String.join(
                            "; ",
                            phase.chemotherapyBeforeResection().stream()
                                    .map(t -> t.source().cite())
                                    .toList()));
        }
        if (uses(pack, rule, Placeholder.PRIOR_RADIOTHERAPY)
                && !phase.radiotherapy().isEmpty()) {
            v.recordText(Placeholder.PRIOR_RADIOTHERAPY, treatments(phase.radiotherapy()));
        }
        if (uses(pack, rule, Placeholder.LATER_METASTASES)) {
            List<String> later = new ArrayList<>();
            phase.laterMetastases()
                    .forEach(x -> later.add(x.site().label() + ", " + x.source().cite()));
            phase.laterM()
                    .forEach(f -> later.add(f.prefixed() + ", " + f.source().cite()));
            if (!later.isEmpty()) {
                v.recordText(Placeholder.LATER_METASTASES, String.join(", ", later));
            }
        }
    }

    /** An age in days as a card says it: in months from two months on ("6 months"), else in days. */
    static String age(int days) {
        if (days < 60) {
            return days + " days";
        }
        long months = Math.round(days / 30.44);
        return months + " months";
    }

    /** The restaging after treatment (yc), the local excision, and the staging before treatment. */
    private static void history(TemplateValues v, KnowledgePack pack, Assessment a, RuleDefinition rule) {
        WorkingStage s = a.stage();
        if (uses(pack, rule, Placeholder.RESTAGED) || uses(pack, rule, Placeholder.RESTAGING)) {
            List<String> restaging = new ArrayList<>(2);
            String date = null;
            for (StagingFact f : new StagingFact[] {s.t(), s.n()}) {
                if (f != null && f.basis() == StagingBasis.POST_THERAPY_CLINICAL) {
                    restaging.add(f.prefixed());
                    date = f.source().date();
                }
            }
            if (!restaging.isEmpty()) {
                v.flag(Placeholder.RESTAGED, true)
                        .recordText(
                                Placeholder.RESTAGING, String.join(" ", restaging) + (date == null ? "" : ", " + date));
            }
        }
        if (uses(pack, rule, Placeholder.LOCAL_EXCISION)) {
            List<TreatmentFact> excisions = a.treatments(TreatmentKind.LOCAL_EXCISION);
            if (!excisions.isEmpty()) {
                v.recordText(
                        Placeholder.LOCAL_EXCISION,
                        excisions.get(excisions.size() - 1).source().cite());
            }
        }
        if (uses(pack, rule, Placeholder.BASELINE_TNM) && s.basis() != null && s.basis() != StagingBasis.CLINICAL) {
            StagingFact t = null;
            StagingFact n = null;
            for (StagingFact f : a.rectalCase().staging()) { // oldest first: the newest clinical T and N win
                if (f.basis() == StagingBasis.CLINICAL && f.axis() == StagingCodes.Axis.T) {
                    t = f;
                } else if (f.basis() == StagingBasis.CLINICAL && f.axis() == StagingCodes.Axis.N) {
                    n = f;
                }
            }
            if (t != null || n != null) {
                StagingFact dated = t != null ? t : n;
                v.recordText(
                        Placeholder.BASELINE_TNM,
                        (t == null ? "cT?" : t.prefixed()) + " "
                                + (n == null ? "cN?" : n.prefixed())
                                + (dated.source().date() == null
                                        ? ""
                                        : ", " + dated.source().date()));
            }
        }
    }

    private static boolean uses(KnowledgePack pack, RuleDefinition rule, Placeholder p) {
        return rule.uses(p) || pack.phaseFragmentUses(p);
    }

    /** Treatments as a card names them: what, with its record and dates. */
    private static String treatments(List<TreatmentFact> given) {
        List<String> out = new ArrayList<>(given.size());
        for (TreatmentFact t : given) {
            out.add(t.kind().label() + (t.ongoing() ? ", ongoing" : "") + " ("
                    + t.source().cite() + ")");
        }
        return String.join("; ", out);
    }

    private static void orders(TemplateValues v, List<TreatmentOrder> orders) {
        List<TemplateValues.Item> all = new ArrayList<>();
        List<TemplateValues.Item> mixed = new ArrayList<>();
        for (TreatmentOrder o : orders) {
            all.add(new TemplateValues.Item()
                    .recordText("order", o.reference())
                    .text("target", o.target().label())
                    .recordText("evidence", o.targetEvidence() == null ? "" : o.targetEvidence()));
            if (o.target() == OrderTarget.MIXED) {
                mixed.add(new TemplateValues.Item()
                        .recordText("order", o.reference())
                        .recordText("order-evidence", o.targetEvidence()));
            }
        }
        v.list(Placeholder.ORDERS, all)
                .list(Placeholder.MIXED_ORDERS, mixed)
                .flag(
                        Placeholder.ORDER_TARGET_UNNAMED,
                        orders.stream().anyMatch(o -> o.target().isHedged()));
        if (!orders.isEmpty()) {
            v.choice(
                    Placeholder.ORDER_AIM,
                    switch (orders.get(0).target()) {
                        case PALLIATIVE -> "palliative";
                        case RECURRENCE -> "recurrence";
                        default -> "metastasis";
                    });
        }
    }

    static String stageText(WorkingStage s) {
        if (s.isStaged() && s.candidates().size() > 1) {
            return s.group().roman() + " ("
                    + String.join(
                            " or ",
                            s.candidates().stream().map(StageGroup::roman).toList()) + ")";
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
        return !metastases.isEmpty()
                && metastases.stream()
                        .allMatch(x -> x.site() == MetastasisSite.LIVER || x.site() == MetastasisSite.LUNG);
    }

    static String thresholds(SegmentThresholds t) {
        return num(t.lowerMaxCm()) + " / " + num(t.middleMaxCm()) + " / " + num(t.upperMaxCm());
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
