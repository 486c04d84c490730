package dev.ampulla.assessment;

import dev.ampulla.extraction.Metastasis;
import dev.ampulla.extraction.StagingFact;
import dev.ampulla.knowledge.AjccStageTable;
import dev.ampulla.knowledge.MCategory;
import dev.ampulla.knowledge.NCategory;
import dev.ampulla.knowledge.StageGroup;
import dev.ampulla.knowledge.StagingBasis;
import dev.ampulla.knowledge.TCategory;
import java.util.List;
import java.util.Set;

/**
 * The stage Ampulla works with (clinical-reference §4.2).
 *
 * @param group the most specific AJCC group the data support, or null when no group follows
 * @param candidates the sub-groups the data leave open (two or more when e.g. T4 lacks a/b), empty when unstaged
 * @param basis clinical, pathological or post-therapy
 * @param t the T observation used, or null
 * @param n the N observation used, or null
 * @param m the M observation used, or null (also null when M was derived from secondary cancers)
 * @param derivedM M1 derived from secondary cancer conditions when no valid M1 observation says so, else null
 * @param metastases the secondary cancers behind {@code derivedM}
 * @param reportedGroup the reported stage-group observation the group was taken from when T/N/M were incomplete
 * @param outcome why there is, or is not, a group
 */
public record WorkingStage(
        StageGroup group,
        Set<StageGroup> candidates,
        StagingBasis basis,
        StagingFact t,
        StagingFact n,
        StagingFact m,
        MCategory derivedM,
        List<Metastasis> metastases,
        StagingFact reportedGroup,
        AjccStageTable.Outcome outcome) {

    public boolean isStaged() {
        return group != null;
    }

    public TCategory tCategory() {
        return t == null ? null : (TCategory) t.category();
    }

    public NCategory nCategory() {
        return n == null ? null : (NCategory) n.category();
    }

    /** The M category in force: from an observation, or derived from secondary cancers. */
    public MCategory mCategory() {
        if (derivedM != null) {
            return derivedM;
        }
        return m == null ? null : (MCategory) m.category();
    }

    public boolean isStageIv() {
        MCategory mc = mCategory();
        return (mc != null && mc.isDistantMetastasis()) || (group != null && group.mainStage() == StageGroup.IV);
    }

    /** M0 established (by observation, or by a reported group below IV). */
    public boolean isM0() {
        MCategory mc = mCategory();
        if (mc != null) {
            return !mc.isDistantMetastasis();
        }
        return reportedGroup != null && group != null && group.mainStage() != StageGroup.IV;
    }
}
