package dev.ampulla.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every T × N × M combination of the AJCC 8th-edition colon and rectum table (clinical-reference §1.3), including the
 * unsubdivided T4, N1 and N2 rows and unknown (null) M. The expected grid is written out by hand from the reference.
 */
class AjccStageTableTest {

    private static final String[] N_COLUMNS = {"NX", "N0", "N1", "N1a", "N1b", "N1c", "N2", "N2a", "N2b"};

    /**
     * M0 rows. "-" incomplete (TX/NX), "T0" no group for T0, "X" invalid combination; "A|B" means the main stage of A
     * and B with both as candidates (sub-group undecided).
     */
    private static final String[][] M0_GRID = {
        {"TX", "-", "-", "-", "-", "-", "-", "-", "-", "-"},
        {"T0", "T0", "T0", "T0", "T0", "T0", "T0", "T0", "T0", "T0"},
        {"Tis", "-", "0", "X", "X", "X", "X", "X", "X", "X"},
        {"T1", "-", "I", "IIIA", "IIIA", "IIIA", "IIIA", "IIIA|IIIB", "IIIA", "IIIB"},
        {"T2", "-", "I", "IIIA", "IIIA", "IIIA", "IIIA", "IIIB", "IIIB", "IIIB"},
        {"T3", "-", "IIA", "IIIB", "IIIB", "IIIB", "IIIB", "IIIB|IIIC", "IIIB", "IIIC"},
        {"T4", "-", "IIB|IIC", "IIIB|IIIC", "IIIB|IIIC", "IIIB|IIIC", "IIIB|IIIC", "IIIC", "IIIC", "IIIC"},
        {"T4a", "-", "IIB", "IIIB", "IIIB", "IIIB", "IIIB", "IIIC", "IIIC", "IIIC"},
        {"T4b", "-", "IIC", "IIIC", "IIIC", "IIIC", "IIIC", "IIIC", "IIIC", "IIIC"},
    };

    @TestFactory
    List<DynamicTest> everyCombination() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] row : M0_GRID) {
            TCategory t = TCategory.fromLabel(row[0]);
            for (int i = 0; i < N_COLUMNS.length; i++) {
                NCategory n = NCategory.fromLabel(N_COLUMNS[i]);
                String expectedM0 = row[i + 1];
                tests.add(DynamicTest.dynamicTest(
                        t.label() + " " + n.label() + " M0 → " + expectedM0, () -> assertM0(t, n, expectedM0)));
                for (MCategory m : List.of(MCategory.M1, MCategory.M1A, MCategory.M1B, MCategory.M1C)) {
                    StageGroup expected = switch (m) {
                        case M1A -> StageGroup.IVA;
                        case M1B -> StageGroup.IVB;
                        case M1C -> StageGroup.IVC;
                        default -> StageGroup.IV;
                    };
                    tests.add(DynamicTest.dynamicTest(
                            t.label() + " " + n.label() + " " + m.label() + " → " + expected.roman(), () -> {
                                AjccStageTable.Lookup lookup = AjccStageTable.lookup(t, n, m);
                                assertEquals(AjccStageTable.Outcome.STAGED, lookup.outcome());
                                assertEquals(expected, lookup.group());
                            }));
                }
                String expectedUnknownM = switch (expectedM0) {
                    case "X" -> "X";
                    case "T0" -> "T0";
                    default -> "-";
                };
                tests.add(DynamicTest.dynamicTest(
                        t.label() + " " + n.label() + " M unknown → " + expectedUnknownM,
                        () -> assertM0OrUnknown(AjccStageTable.lookup(t, n, null), expectedUnknownM)));
            }
        }
        return tests;
    }

    private static void assertM0(TCategory t, NCategory n, String expected) {
        assertM0OrUnknown(AjccStageTable.lookup(t, n, MCategory.M0), expected);
    }

    private static void assertM0OrUnknown(AjccStageTable.Lookup lookup, String expected) {
        switch (expected) {
            case "-" -> assertOutcome(lookup, AjccStageTable.Outcome.INCOMPLETE);
            case "T0" -> assertOutcome(lookup, AjccStageTable.Outcome.NO_GROUP_FOR_T0);
            case "X" -> assertOutcome(lookup, AjccStageTable.Outcome.INVALID_COMBINATION);
            default -> {
                assertEquals(AjccStageTable.Outcome.STAGED, lookup.outcome());
                List<StageGroup> candidates = List.of(expected.split("\\|")).stream()
                        .map(StageGroup::parse)
                        .toList();
                assertEquals(EnumSet.copyOf(candidates), lookup.candidates());
                StageGroup group = candidates.size() == 1
                        ? candidates.get(0)
                        : candidates.get(0).mainStage();
                assertEquals(
                        group,
                        lookup.group(),
                        () -> "candidates "
                                + candidates.stream().map(StageGroup::roman).collect(Collectors.joining(",")));
            }
        }
    }

    private static void assertOutcome(AjccStageTable.Lookup lookup, AjccStageTable.Outcome outcome) {
        assertEquals(outcome, lookup.outcome());
        assertNull(lookup.group());
    }

    @Test
    void missingTOrNWithDistantMetastasisIsStillStageIv() {
        assertEquals(
                StageGroup.IVC, AjccStageTable.lookup(null, null, MCategory.M1C).group());
        assertEquals(
                StageGroup.IVA,
                AjccStageTable.lookup(TCategory.TX, NCategory.NX, MCategory.M1A).group());
    }

    @Test
    void stageGroupsParseInRomanAndArabicForms() {
        assertEquals(StageGroup.IIIB, StageGroup.parse("IIIB"));
        assertEquals(StageGroup.IIIB, StageGroup.parse("3B"));
        assertEquals(StageGroup.IIB, StageGroup.parse("2b"));
        assertEquals(StageGroup.IV, StageGroup.parse("4"));
        assertEquals(StageGroup.IVC, StageGroup.parse("Stage IVC"));
        assertEquals(StageGroup.STAGE_0, StageGroup.parse("0"));
        assertNull(StageGroup.parse("5A"));
        assertNull(StageGroup.parse("3D"));
        assertNull(StageGroup.parse("IIID"));
        assertNull(StageGroup.parse(""));
    }
}
