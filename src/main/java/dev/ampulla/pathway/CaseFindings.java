package dev.ampulla.pathway;

import dev.ampulla.assessment.Assessment;
import dev.ampulla.assessment.PatientProfile;
import dev.ampulla.assessment.WorkingStage;
import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.TreatmentKind;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.DrugClass;
import dev.ampulla.knowledge.NCategory;
import dev.ampulla.knowledge.Resectability;
import dev.ampulla.knowledge.StageGroup;
import dev.ampulla.knowledge.TCategory;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.Findings;
import java.util.List;

/** Works out the pack's findings (findings.yaml) from one assessed primary and the draft orders, if any. */
public final class CaseFindings {

    private CaseFindings() {}

    public static Findings of(Assessment a, List<TreatmentOrder> orders) {
        WorkingStage stage = a.stage();
        Findings f = Findings.start()
                .set(Finding.STAGE, stage(stage))
                .set(
                        Finding.DISTANT_METASTASES,
                        stage.isStageIv() || laterDistantSpread(a)
                                ? "present"
                                : stage.isM0() ? "absent" : "not-assessed")
                .set(
                        Finding.LOCOREGIONAL_SPREAD,
                        isLocallyAdvanced(stage) ? "significant" : isEarly(stage) ? "limited" : "undetermined")
                .set(Finding.SEGMENT, a.segment().segment().findingValue())
                .set(Finding.RESECTABILITY, resectability(a.resectability().value()))
                .set(Finding.PRIMARY_RESECTED, a.primaryResected() ? "yes" : "no")
                .set(Finding.SPECIMEN_NODES, specimenNodes(stage) ? "positive" : "not-positive")
                .set(Finding.DATA_CONFLICTS, conflicts(a.problems()))
                .set(
                        Finding.UNATTRIBUTED_DATA,
                        a.problems().stream().anyMatch(p -> p.kind() == DataProblem.Kind.ATTRIBUTION)
                                ? "present"
                                : "none")
                .set(Finding.TREATMENT_PHASE, a.phase().phase().findingValue())
                .set(
                        Finding.CHEMOTHERAPY_BEFORE_RESECTION,
                        a.phase().chemotherapyBeforeResection().isEmpty() ? "no" : "yes")
                .set(Finding.HIGH_RISK_FEATURES, a.highRisk().isEmpty() ? "none-recorded" : "present")
                .set(Finding.LOCAL_HIGH_RISK, a.localHighRisk() ? "present" : "none-recorded")
                .set(Finding.DATA_AGE, a.dataAge().stale() ? "stale" : "current")
                .set(Finding.RADIOTHERAPY_GIVEN, a.phase().radiotherapy().isEmpty() ? "no" : "yes")
                .set(Finding.EARLY_TUMOUR, earlyTumour(stage))
                .set(
                        Finding.LOCAL_EXCISION,
                        a.treatments(TreatmentKind.LOCAL_EXCISION).isEmpty() ? "none" : "done");
        PatientProfile p = a.profile();
        f.set(Finding.MMR_STATUS, p.mmr().value())
                .set(Finding.RAS_STATUS, p.ras().value())
                .set(Finding.BRAF_STATUS, p.braf().value())
                .set(Finding.HER2_STATUS, p.her2().value())
                .set(
                        Finding.METASTATIC_BIOMARKERS,
                        p.mmr().isRecorded()
                                        && p.ras().isRecorded()
                                        && p.braf().isRecorded()
                                        && p.her2().isRecorded()
                                ? "complete"
                                : "incomplete")
                .set(Finding.FITNESS_CONCERN, p.fitnessConcern() ? "present" : "none-recorded")
                .set(Finding.PREGNANCY, p.pregnantOrPossibly() ? "pregnant-or-possibly" : "not-recorded")
                .set(Finding.KRAS_G12C, p.krasG12c() ? "yes" : "no")
                .set(
                        Finding.IMMUNOTHERAPY_GIVEN,
                        a.rectalCase().treatments().stream()
                                        .anyMatch(t -> DrugClass.IMMUNE_CHECKPOINT_INHIBITOR.includesAny(t.drugs()))
                                ? "yes"
                                : "no");
        f.set(
                Finding.BRAF_INHIBITOR_ORDERED,
                orders.stream().anyMatch(o -> DrugClass.BRAF_INHIBITOR.includesAny(o.drugs())) ? "yes" : "no");
        for (Finding order : ORDER_FINDINGS) {
            boolean any = false;
            for (TreatmentOrder o : orders) {
                any |= OrderFindings.isAbout(order, o);
            }
            f.set(order, any ? "yes" : "no");
        }
        return f;
    }

    private static final List<Finding> ORDER_FINDINGS = java.util.Arrays.stream(Finding.values())
            .filter(Finding::isOrderFinding)
            .toList();

    /** Tis or T1 without nodal spread, or T2 without (local excision is an option for the first, not the second). */
    private static String earlyTumour(WorkingStage stage) {
        TCategory t = stage.tCategory();
        NCategory n = stage.nCategory();
        if (t == null || n != NCategory.N0) {
            return "other";
        }
        return switch (t) {
            case TIS, T1 -> "tis-or-t1-n0";
            case T2 -> "t2-n0";
            default -> "other";
        };
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
