package dev.ampulla.pathway;

import dev.ampulla.assessment.Assessment;
import dev.ampulla.assessment.WorkingStage;
import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.AjccStageTable;
import dev.ampulla.knowledge.NCategory;
import dev.ampulla.knowledge.Resectability;
import dev.ampulla.knowledge.Rule;
import dev.ampulla.knowledge.StageGroup;
import dev.ampulla.knowledge.StageIvOption;
import dev.ampulla.knowledge.TCategory;
import dev.ampulla.knowledge.TumourSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision table (clinical-reference §4.3). On chart open: for one assessed primary, the stage advice (R1 or
 * R2), at most one founding-document pathway (R3–R11), and the data-quality advice (R25, R26). At order time: the
 * checks of the draft treatment orders (R12–R15), the pathway and the data-quality advice, without the stage card.
 * Pure and free of I/O.
 */
public final class PathwayEngine {

    private PathwayEngine() {
    }

    public static List<Recommendation> recommend(Assessment a) {
        List<Recommendation> out = new ArrayList<>(4);
        out.add(Recommendation.of(a.stage().isStaged() ? Rule.STAGE_SUMMARY : Rule.STAGING_INCOMPLETE));
        addPathwayAndDataProblems(a, out);
        return out;
    }

    /**
     * Advice when treatment is ordered. Orders that are not rectal-cancer treatment must have been filtered out
     * already: with none left there is nothing to say.
     */
    public static List<Recommendation> recommendForOrders(Assessment a, List<TreatmentOrder> orders) {
        if (orders.isEmpty()) {
            return List.of();
        }
        List<Recommendation> out = new ArrayList<>(4);
        out.addAll(radiotherapyChecks(a, orders));
        addPathwayAndDataProblems(a, out, orders);
        return out;
    }

    /** What both hooks say after their own cards: the founding-document pathway, then the data problems. */
    private static void addPathwayAndDataProblems(Assessment a, List<Recommendation> out) {
        addPathwayAndDataProblems(a, out, List.of());
    }

    /** At order time the pathway card names the orders it answers. */
    private static void addPathwayAndDataProblems(Assessment a, List<Recommendation> out,
            List<TreatmentOrder> orders) {
        Recommendation pathway = pathway(a);
        if (pathway != null) {
            out.add(orders.isEmpty() ? pathway : new Recommendation(pathway.rule(), pathway.alsoApplied(),
                    pathway.warning(), pathway.options(), pathway.optionsCaveat(), pathway.problems(), orders));
        }
        addDataProblems(a.problems(), Rule.DATA_CONFLICT, out);
        addDataProblems(a.problems(), Rule.DATA_ATTRIBUTION, out);
    }

    /**
     * R12–R15 for radiotherapy and chemoradiation orders: where the tumour lies (R12 not given there, R13 unknown),
     * and whether there is an indication (R15 after resection, R14 without significant locoregional spread). An order
     * consistent with the pathway gets none of them.
     */
    static List<Recommendation> radiotherapyChecks(Assessment a, List<TreatmentOrder> orders) {
        List<TreatmentOrder> allRadiotherapy = orders.stream().filter(o -> o.kind().includesRadiotherapy()).toList();
        // the founding document's radiotherapy is of the rectal tumour: an order aimed elsewhere is only named (R29)
        List<TreatmentOrder> elsewhere = allRadiotherapy.stream().filter(o -> !o.target().mayBePrimary()).toList();
        List<TreatmentOrder> radiotherapy = allRadiotherapy.stream().filter(o -> o.target().mayBePrimary()).toList();
        List<Recommendation> out = new ArrayList<>(3);
        if (!elsewhere.isEmpty()) {
            out.add(Recommendation.orderCheck(Rule.ORDER_OUTSIDE_PATHWAY, false, elsewhere));
        }
        if (radiotherapy.isEmpty()) {
            return out;
        }
        TumourSegment segment = a.segment().segment();
        if (segment.radiotherapyExcluded()) {
            out.add(Recommendation.orderCheck(Rule.RADIOTHERAPY_NOT_INDICATED_LOCATION, true, radiotherapy));
        } else if (segment == TumourSegment.UNKNOWN) {
            out.add(Recommendation.orderCheck(Rule.RADIOTHERAPY_LOCATION_UNKNOWN, true, radiotherapy));
        }
        if (a.primaryResected()) {
            out.add(Recommendation.orderCheck(Rule.RADIOTHERAPY_POSTOPERATIVE, false, radiotherapy));
        } else if (a.stage().isM0() && isEarly(a.stage())) {
            out.add(Recommendation.orderCheck(Rule.RADIOTHERAPY_WITHOUT_INDICATION, false, radiotherapy));
        }
        return out;
    }

    /** The one founding-document pathway that applies, or null when the data do not decide one. */
    static Recommendation pathway(Assessment a) {
        WorkingStage stage = a.stage();
        if (a.primaryResected()) {
            return adjuvant(a);
        }
        if (stage.isStageIv()) {
            Resectability r = a.resectability().value();
            if (r == Resectability.RESECTABLE) {
                return stageIvResectable(a.segment().segment());
            }
            return Recommendation.of(r == Resectability.UNRESECTABLE
                    ? Rule.STAGE_IV_UNRESECTABLE : Rule.RESECTABILITY_ASSESSMENT_NEEDED);
        }
        if (!stage.isM0() || stage.outcome() == AjccStageTable.Outcome.INVALID_COMBINATION) {
            return null; // distant spread not assessed, or T and N contradict each other: no pathway can be chosen
        }
        if (isLocallyAdvanced(stage)) {
            TumourSegment segment = a.segment().segment();
            if (segment.radiotherapyPermitted()) {
                return Recommendation.of(Rule.NEOADJUVANT_RADIOTHERAPY);
            }
            return Recommendation.of(segment.radiotherapyExcluded()
                    ? Rule.SURGERY_WITHOUT_RADIOTHERAPY : Rule.TUMOUR_LOCATION_NEEDED);
        }
        if (isEarly(stage)) {
            return Recommendation.of(Rule.SURGERY_PRIMARY);
        }
        return null;
    }

    /**
     * R3: the three founding-document options; option 3 (preoperative chemoradiation) inherits FD-RT, so it is left
     * out for upper-rectum and rectosigmoid tumours (R3a) and offered with a caveat when the segment is unknown (R3b).
     */
    private static Recommendation stageIvResectable(TumourSegment segment) {
        List<StageIvOption> options = new ArrayList<>(3);
        for (StageIvOption option : StageIvOption.values()) {
            if (!(option.includesRadiotherapy() && segment.radiotherapyExcluded())) {
                options.add(option);
            }
        }
        return new Recommendation(Rule.STAGE_IV_RESECTABLE, List.of(), false, options,
                segment == TumourSegment.UNKNOWN, List.of(), List.of());
    }

    /** R10/R11: after resection, chemotherapy for regional node metastases in the specimen or distant metastases. */
    private static Recommendation adjuvant(Assessment a) {
        WorkingStage stage = a.stage();
        NCategory n = stage.nCategory();
        boolean specimenNodes = n != null && n.isPositive() && stage.n().basis().isFromSpecimen();
        boolean distant = stage.isStageIv();
        if (specimenNodes && distant) {
            return new Recommendation(Rule.ADJUVANT_CHEMOTHERAPY_NODES, List.of(Rule.ADJUVANT_CHEMOTHERAPY_METASTASES),
                    false, List.of(), false, List.of(), List.of());
        }
        if (specimenNodes) {
            return Recommendation.of(Rule.ADJUVANT_CHEMOTHERAPY_NODES);
        }
        return distant ? Recommendation.of(Rule.ADJUVANT_CHEMOTHERAPY_METASTASES) : null;
    }

    /** "Significant locoregional spread" (ENG reading of FD-RT): T3–T4 or node-positive, without distant spread. */
    static boolean isLocallyAdvanced(WorkingStage stage) {
        TCategory t = stage.tCategory();
        NCategory n = stage.nCategory();
        if ((t != null && t.isT3OrT4()) || (n != null && n.isPositive())) {
            return true;
        }
        StageGroup main = stage.reportedGroup() == null ? null : stage.group().mainStage();
        return main == StageGroup.II || main == StageGroup.III;
    }

    /** Tis–T2 without nodal spread (stage 0–I). */
    static boolean isEarly(WorkingStage stage) {
        TCategory t = stage.tCategory();
        NCategory n = stage.nCategory();
        if (t != null && n != null) {
            return t.isEarly() && n == NCategory.N0;
        }
        StageGroup main = stage.reportedGroup() == null ? null : stage.group().mainStage();
        return main == StageGroup.STAGE_0 || main == StageGroup.I;
    }

    private static void addDataProblems(List<DataProblem> problems, Rule rule, List<Recommendation> out) {
        List<DataProblem> mine = problems.stream().filter(p -> p.rule() == rule).sorted(DataProblem.ORDER).toList();
        if (!mine.isEmpty()) {
            boolean warning = mine.stream().anyMatch(DataProblem::warning);
            out.add(new Recommendation(rule, List.of(), warning, List.of(), false, mine, List.of()));
        }
    }
}
