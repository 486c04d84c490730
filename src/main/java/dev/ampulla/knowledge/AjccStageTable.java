package dev.ampulla.knowledge;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AJCC 8th edition anatomic stage groups for colon and rectum (clinical-reference §1.3).
 *
 * <p>Rule order: any M1 category gives stage IV (sub-group from M); otherwise the M0 matrix below. The matrix is
 * written only for fully specified categories; an unsubdivided T4 or N2 is looked up as each of its sub-categories,
 * and the answer is the single group they agree on, or else the main stage they share (e.g. T4 N0 = "IIB or IIC" = II).
 */
public final class AjccStageTable {

    /** N columns of the matrix; N1a, N1b and N1c all map to N1. */
    private enum NColumn {
        N0,
        N1,
        N2A,
        N2B
    }

    private static final Map<TCategory, Map<NColumn, StageGroup>> M0_MATRIX = new EnumMap<>(TCategory.class);

    static {
        row(TCategory.TIS, StageGroup.STAGE_0, null, null, null); // Tis with N+ is not a valid combination
        row(TCategory.T1, StageGroup.I, StageGroup.IIIA, StageGroup.IIIA, StageGroup.IIIB);
        row(TCategory.T2, StageGroup.I, StageGroup.IIIA, StageGroup.IIIB, StageGroup.IIIB);
        row(TCategory.T3, StageGroup.IIA, StageGroup.IIIB, StageGroup.IIIB, StageGroup.IIIC);
        row(TCategory.T4A, StageGroup.IIB, StageGroup.IIIB, StageGroup.IIIC, StageGroup.IIIC);
        row(TCategory.T4B, StageGroup.IIC, StageGroup.IIIC, StageGroup.IIIC, StageGroup.IIIC);
    }

    private static void row(TCategory t, StageGroup n0, StageGroup n1, StageGroup n2a, StageGroup n2b) {
        Map<NColumn, StageGroup> columns = new EnumMap<>(NColumn.class);
        columns.put(NColumn.N0, n0);
        if (n1 != null) {
            columns.put(NColumn.N1, n1);
            columns.put(NColumn.N2A, n2a);
            columns.put(NColumn.N2B, n2b);
        }
        M0_MATRIX.put(t, columns);
    }

    private AjccStageTable() {}

    /** What the table says for one T, N, M combination. */
    public record Lookup(Outcome outcome, StageGroup group, Set<StageGroup> candidates) {
        public boolean isStaged() {
            return group != null;
        }
    }

    public enum Outcome {
        /** A group (possibly only the main stage) follows from the table. */
        STAGED,
        /** A category is missing or not assessed (TX, NX), so no group can be given. */
        INCOMPLETE,
        /** T0 has no colorectal stage group. */
        NO_GROUP_FOR_T0,
        /** The combination cannot occur (Tis with positive nodes). */
        INVALID_COMBINATION
    }

    /** Stage IV sub-group from an M1 category alone: T and N do not matter. */
    public static StageGroup stageIvGroup(MCategory m) {
        return switch (m) {
            case M1A -> StageGroup.IVA;
            case M1B -> StageGroup.IVB;
            case M1C -> StageGroup.IVC;
            case M1 -> StageGroup.IV;
            case M0 -> throw new IllegalArgumentException("M0 is not stage IV");
        };
    }

    /** Looks up a group; any argument may be null (unknown). */
    public static Lookup lookup(TCategory t, NCategory n, MCategory m) {
        if (m != null && m.isDistantMetastasis()) {
            StageGroup iv = stageIvGroup(m);
            return new Lookup(Outcome.STAGED, iv, EnumSet.of(iv));
        }
        if (t == TCategory.TIS && n != null && n.isPositive()) {
            return new Lookup(Outcome.INVALID_COMBINATION, null, Set.of());
        }
        if (t == TCategory.T0) {
            return new Lookup(Outcome.NO_GROUP_FOR_T0, null, Set.of());
        }
        if (m == null || t == null || n == null || !t.isAssessed() || !n.isAssessed()) {
            return new Lookup(Outcome.INCOMPLETE, null, Set.of());
        }
        Set<StageGroup> candidates = EnumSet.noneOf(StageGroup.class);
        for (TCategory tt : specified(t)) {
            for (NColumn nn : columns(n)) {
                candidates.add(M0_MATRIX.get(tt).get(nn));
            }
        }
        return new Lookup(Outcome.STAGED, commonGroup(candidates), candidates);
    }

    private static StageGroup commonGroup(Set<StageGroup> candidates) {
        if (candidates.size() == 1) {
            return candidates.iterator().next();
        }
        Set<StageGroup> mains = EnumSet.noneOf(StageGroup.class);
        candidates.forEach(g -> mains.add(g.mainStage()));
        // Within the M0 matrix an unsubdivided T4 or N2 never spans two main stages.
        return mains.iterator().next();
    }

    private static List<TCategory> specified(TCategory t) {
        return t == TCategory.T4 ? List.of(TCategory.T4A, TCategory.T4B) : List.of(t);
    }

    private static List<NColumn> columns(NCategory n) {
        return switch (n) {
            case N0 -> List.of(NColumn.N0);
            case N1, N1A, N1B, N1C -> List.of(NColumn.N1);
            case N2 -> List.of(NColumn.N2A, NColumn.N2B);
            case N2A -> List.of(NColumn.N2A);
            case N2B -> List.of(NColumn.N2B);
            case NX -> throw new IllegalArgumentException("NX has no column");
        };
    }
}
