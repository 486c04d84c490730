package dev.ampulla.pathway;

import dev.ampulla.assessment.Assessment;
import dev.ampulla.assessment.WorkingStage;
import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.NCategory;
import dev.ampulla.knowledge.Resectability;
import dev.ampulla.knowledge.StageGroup;
import dev.ampulla.knowledge.TCategory;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.Findings;
import java.util.List;

/** Works out the pack's findings (findings.yaml) from one assessed primary and the draft orders, if any. */
public final class CaseFindings {

    private CaseFindings() {
    }

    public static Findings of(Assessment a, List<TreatmentOrder> orders) {
        WorkingStage stage = a.stage();
        Findings f = Findings.start()
                .set(Finding.STAGE, stage(stage))
                .set(Finding.DISTANT_METASTASES, stage.isStageIv() || laterDistantSpread(a) ? "present"
                        : stage.isM0() ? "absent" : "not-assessed")
                .set(Finding.LOCOREGIONAL_SPREAD, isLocallyAdvanced(stage) ? "significant"
                        : isEarly(stage) ? "limited" : "undetermined")
                .set(Finding.SEGMENT, a.segment().segment().findingValue())
                .set(Finding.RESECTABILITY, resectability(a.resectability().value()))
                .set(Finding.PRIMARY_RESECTED, a.primaryResected() ? "yes" : "no")
                .set(Finding.SPECIMEN_NODES, specimenNodes(stage) ? "positive" : "not-positive")
                .set(Finding.DATA_CONFLICTS, conflicts(a.problems()))
                .set(Finding.UNATTRIBUTED_DATA, a.problems().stream()
                        .anyMatch(p -> p.kind() == DataProblem.Kind.ATTRIBUTION) ? "present" : "none")
                .set(Finding.TREATMENT_PHASE, a.phase().phase().findingValue())
                .set(Finding.CHEMOTHERAPY_BEFORE_RESECTION, a.phase().chemotherapyBeforeResection().isEmpty() ? "no"
                        : "yes")
                .set(Finding.HIGH_RISK_FEATURES, a.highRisk().isEmpty() ? "none-recorded" : "present")
                .set(Finding.DATA_AGE, a.dataAge().stale() ? "stale" : "current")
                .set(Finding.RADIOTHERAPY_GIVEN, a.phase().radiotherapy().isEmpty() ? "no" : "yes");
        boolean forPrimary = false;
        boolean elsewhere = false;
        for (TreatmentOrder o : orders) {
            if (o.kind().includesRadiotherapy()) {
                forPrimary |= o.target().mayBePrimary();
                elsewhere |= !o.target().mayBePrimary();
            }
        }
        return f.set(Finding.RADIOTHERAPY_ORDERED_FOR_PRIMARY, forPrimary ? "yes" : "no")
                .set(Finding.RADIOTHERAPY_ORDERED_ELSEWHERE, elsewhere ? "yes" : "no");
    }

    /** Distant metastases first recorded after the resection: present now, though the stage at diagnosis was M0. */
    private static boolean laterDistantSpread(Assessment a) {
        return !a.phase().laterMetastases().isEmpty() || !a.phase().laterM().isEmpty();
    }

    private static String stage(WorkingStage stage) {
        if (stage.isStaged()) {
            return "staged";
        }
        return switch (stage.outcome()) {
            case INVALID_COMBINATION -> "invalid-combination";
            case NO_GROUP_FOR_T0 -> "no-group-for-t0";
            default -> "incomplete";
        };
    }

    private static String resectability(Resectability r) {
        if (r == null) {
            return "not-documented";
        }
        return switch (r) {
            case RESECTABLE -> "resectable";
            case UNRESECTABLE -> "unresectable";
            case POTENTIALLY_RESECTABLE -> "potentially-resectable";
            case NOT_ASSESSED -> "not-documented";
        };
    }

    /** FD-CT-POST: node metastases in the resected specimen (pN+ or ypN+). */
    private static boolean specimenNodes(WorkingStage stage) {
        NCategory n = stage.nCategory();
        return n != null && n.isPositive() && stage.n().basis().isFromSpecimen();
    }

    private static String conflicts(List<DataProblem> problems) {
        String level = "none";
        for (DataProblem p : problems) {
            if (p.kind() == DataProblem.Kind.CONFLICT) {
                if (p.warning()) {
                    return "changing-conclusions";
                }
                level = "to-review";
            }
        }
        return level;
    }

    /** "Significant locoregional spread" (ENG reading of FD-RT): T3–T4 or node-positive, or stage II–III. */
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
}
