package dev.ampulla.knowledge;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How TNM staging is coded in FHIR (clinical-reference §2.4–2.5): which {@code Observation.code} is a T, N, M or
 * stage-group observation, and what its value means. mCODE STU3/4 prefers SNOMED CT for both; STU2 used LOINC codes
 * with AJCC ({@code http://cancerstaging.org}) values such as {@code cT3}; both are accepted.
 */
public final class StagingCodes {

    public enum Axis {
        T,
        N,
        M,
        GROUP
    }

    /** What an observation code says: the axis, and the basis when the code is specific (clinical/pathological). */
    public record ObservationKind(Axis axis, StagingBasis basis) {}

    /** A parsed value: basis is null when the value carries no prefix (e.g. AJCC {@code T3}). */
    public record Value(Axis axis, StagingBasis basis, String category) {}

    private static final Pattern AJCC_CATEGORY =
            Pattern.compile("^(c|p|yc|yp|r|a)?(T|N|M)(X|0|is|1|2|3|4)([abc])?$", Pattern.CASE_INSENSITIVE);
    private static final Map<String, ObservationKind> OBSERVATION_KINDS = new HashMap<>();
    private static final java.util.List<Code> OBSERVATION_CODE_LIST = new java.util.ArrayList<>();
    private static final Map<String, Value> SNOMED_VALUES = new HashMap<>();

    static {
        // Observation.code: LOINC (mCODE STU2, still allowed) and SNOMED observables (mCODE STU3/4 preferred). ✅
        kind(Axis.GROUP, StagingBasis.CLINICAL, "21908-9", "399537006");
        kind(Axis.GROUP, StagingBasis.PATHOLOGICAL, "21902-2", "399588009");
        kind(Axis.GROUP, null, "21914-7", "399390009");
        kind(Axis.T, StagingBasis.CLINICAL, "21905-5", "399504009");
        kind(Axis.T, StagingBasis.PATHOLOGICAL, "21899-0", "384625004");
        kind(Axis.T, null, "21911-3", "78873005");
        kind(Axis.N, StagingBasis.CLINICAL, "21906-3", "399534004");
        kind(Axis.N, StagingBasis.PATHOLOGICAL, "21900-6", "371494008");
        kind(Axis.N, null, "21912-1", "277206009");
        kind(Axis.M, StagingBasis.CLINICAL, "21907-1", "399387003");
        kind(Axis.M, StagingBasis.PATHOLOGICAL, "21901-4", "371497001");
        kind(Axis.M, null, "21913-9", "277208005");

        // SNOMED "American Joint Committee on Cancer ..." values. c and p ✅ (CMS EOM colorectal value sets);
        // yp ⚠️ single public source — kept because yp staging cannot be recognised otherwise.
        String[][] tValues = {
            // category, clinical, pathological, post-therapy
            {"TX", "1222604002", "1228950008", "1228862006"},
            {"T0", "1228882005", "1228951007", "1228863001"},
            {"Tis", "1228884006", "1228953005", "1228865008"},
            {"T1", "1228889001", "1228957006", "1228869002"},
            {"T2", "1228929004", "1229852009", "1228910005"},
            {"T3", "1228938002", "1229859000", "1228917008"},
            {"T4", "1228944003", "1229864001", "1228922008"},
            {"T4a", "1228945002", "1229865000", "1228923003"},
            {"T4b", "1228946001", "1229866004", "1228924009"},
        };
        String[][] nValues = {
            {"NX", "1229966003", "1229945006", "1229877005"},
            {"N0", "1229967007", "1229947003", "1229878000"},
            {"N1", "1229973008", "1229951001", "1229884002"},
            {"N1a", "1229975001", "1229954009", "1229887009"},
            {"N1b", "1229976000", "1229955005", "1229889007"},
            {"N1c", "1229977009", "1229956006", "1229890003"},
            {"N2", "1229978004", "1229957002", "1229892006"},
            {"N2a", "1229981009", "1229959004", "1229893001"},
            {"N2b", "1229982002", "1229960009", "1229896009"},
        };
        String[][] mValues = { // pathologists do not assign pM0; there is no yp M
            {"M0", "1229901006", null, null},
            {"M1", "1229903009", "1229916009", null},
            {"M1a", "1229904003", "1229917000", null},
            {"M1b", "1229907005", "1229920008", null},
            {"M1c", "1229910003", "1229923005", null},
        };
        values(Axis.T, tValues);
        values(Axis.N, nValues);
        values(Axis.M, mValues);

        // Stage groups (the same concepts for clinical and pathological staging). IIA, IIB, IIC ✅; others ⚠️.
        String[][] groups = {
            {"0", "1222605001"}, {"I", "1222723001"}, {"II", "1222765007"}, {"IIA", "1222766008"},
            {"IIB", "1222769001"}, {"IIC", "1222770000"}, {"III", "1222801008"}, {"IIIA", "1222802001"},
            {"IIIB", "1222805004"}, {"IIIC", "1222806003"}, {"IV", "1222837003"}, {"IVA", "1222838008"},
            {"IVB", "1222841004"}, {"IVC", "1222842006"},
        };
        for (String[] g : groups) {
            SNOMED_VALUES.put(g[1], new Value(Axis.GROUP, null, g[0]));
        }

        // SNOMED CT's UICC qualifier values (a data file: MII Onkologie's UICC-to-SNOMED CT concept maps)
        for (KnowledgeCsv.Row row : KnowledgeCsv.read(
                "uicc-snomed-values.csv", List.of("axis", "basis", "category", "code", "display", "source"))) {
            Axis axis = Axis.valueOf(row.required("axis"));
            StagingBasis basis = switch (row.get("basis")) {
                case "clinical" -> StagingBasis.CLINICAL;
                case "pathological" -> StagingBasis.PATHOLOGICAL;
                case "" -> null;
                default -> throw row.error("has the basis '" + row.get("basis") + "'");
            };
            Value parsed =
                    axis == Axis.GROUP ? groupValue(row.required("category")) : ajccValue(row.required("category"));
            if (parsed == null || parsed.axis() != axis) {
                throw row.error("has the category '" + row.get("category") + "', not a TNM " + axis);
            }
            row.required("source");
            if (SNOMED_VALUES.put(row.required("code"), new Value(axis, basis, parsed.category())) != null) {
                throw row.error("repeats the code " + row.get("code"));
            }
        }
    }

    private static void kind(Axis axis, StagingBasis basis, String loinc, String snomed) {
        ObservationKind k = new ObservationKind(axis, basis);
        OBSERVATION_KINDS.put(loinc, k);
        OBSERVATION_KINDS.put(snomed, k);
        String what = (basis == null ? "" : basis.label() + " ") + (axis == Axis.GROUP ? "stage group" : axis.name());
        OBSERVATION_CODE_LIST.add(Code.loinc(loinc, what));
        OBSERVATION_CODE_LIST.add(Code.snomed(snomed, what));
    }

    private static void values(Axis axis, String[][] rows) {
        StagingBasis[] bases = {StagingBasis.CLINICAL, StagingBasis.PATHOLOGICAL, StagingBasis.POST_THERAPY};
        for (String[] row : rows) {
            for (int i = 0; i < bases.length; i++) {
                if (row[i + 1] != null) {
                    SNOMED_VALUES.put(row[i + 1], new Value(axis, bases[i], row[0]));
                }
            }
        }
    }

    /** Every TNM staging observation code (LOINC and SNOMED CT). */
    public static final CodeSet OBSERVATION_CODES =
            CodeSet.of("TNM staging observations", OBSERVATION_CODE_LIST.toArray(new Code[0]));

    private StagingCodes() {}

    /** The staging kind of an observation code, or null when the code is not a TNM staging code. */
    public static ObservationKind observationKind(String system, String code) {
        if (code == null) {
            return null;
        }
        ObservationKind kind = OBSERVATION_KINDS.get(code);
        if (kind == null) {
            return null; // most codes are no staging code: no need to ask which system they are of
        }
        CodeSystemIdentity identity = CodeSystemRegistry.identify(system);
        // LOINC codes have a hyphen, SNOMED CT codes none, so one map serves both; the system must match the code
        return identity != null && identity.id().equals(code.indexOf('-') >= 0 ? "loinc" : "snomed") ? kind : null;
    }

    /** Parses a value coding, or returns null when the coding is not a recognised staging value. */
    public static Value value(String system, String code) {
        if (code == null) {
            return null;
        }
        CodeSystemIdentity identity = CodeSystemRegistry.identify(system);
        if (identity == null) {
            return null;
        }
        String c = code.strip();
        return switch (identity.id()) {
            case "snomed" -> SNOMED_VALUES.get(c);
            // UICC TNM values are written like AJCC's, without the prefix (MII Onkologie: T3, N1, M1a, IIIB)
            case "ajcc", "uicc" -> ajccValue(c);
            case "dktk-uicc-stage" -> groupValue(c);
            // DKTK onco-core writes the category without its letter, the system saying which: TNMTCS "3", "4a"
            case "dktk-tnm-t" -> ajccValue("T" + c);
            case "dktk-tnm-n" -> ajccValue("N" + c);
            case "dktk-tnm-m" -> ajccValue("M" + c);
            default -> null;
        };
    }

    /**
     * The basis a separately written prefix names (the MII cp-praefix extension, the DKTK cpu-praefix extension):
     * {@code c} and {@code u} (ultrasound) are clinical, {@code p} pathological; null for anything else.
     */
    public static StagingBasis prefixBasis(String prefix) {
        if (prefix == null) {
            return null;
        }
        return switch (prefix.strip().toLowerCase(Locale.ROOT)) {
            case "c", "u" -> StagingBasis.CLINICAL;
            case "p" -> StagingBasis.PATHOLOGICAL;
            case "yc" -> StagingBasis.POST_THERAPY_CLINICAL;
            case "yp" -> StagingBasis.POST_THERAPY;
            default -> null;
        };
    }

    private static final Pattern COMBINED = Pattern.compile(
            "^((?:c|p|yc|yp)?T(?:X|0|is|1|2|3|4)[ab]?)\\s*((?:c|p|yc|yp)?N(?:X|0|1|2)[abc]?)\\s*((?:c|p|yc|yp)?M(?:X|0|1)[abc]?)$",
            Pattern.CASE_INSENSITIVE);

    /**
     * A TNM formula written as one value ({@code cT3N2M0}, {@code pT3 pN0 cM0}), split into its T, N and M values;
     * an empty list when the text is not one. A prefix written once at the start applies to all three.
     */
    public static List<Value> combined(String text) {
        if (text == null) {
            return List.of();
        }
        Matcher m = COMBINED.matcher(text.strip());
        if (!m.matches()) {
            return List.of();
        }
        Value t = ajccValue(m.group(1));
        Value n = ajccValue(m.group(2));
        Value mm = ajccValue(m.group(3));
        if (t == null || n == null || mm == null) {
            return List.of();
        }
        StagingBasis leading = t.basis();
        return List.of(
                t,
                n.basis() == null && leading != null ? new Value(n.axis(), leading, n.category()) : n,
                mm.basis() == null && leading != null ? new Value(mm.axis(), leading, mm.category()) : mm);
    }

    private static Value groupValue(String code) {
        StageGroup group = StageGroup.parse(code);
        return group == null ? null : new Value(Axis.GROUP, null, group.roman());
    }

    /** The label as the category enums spell it ({@code Tis}, {@code N1a}). */
    private static String canonical(Axis axis, String category) {
        return switch (axis) {
            case T -> TCategory.fromLabel(category).label();
            case N -> NCategory.fromLabel(category).label();
            case M -> MCategory.fromLabel(category).label();
            case GROUP -> category;
        };
    }

    private static Value ajccValue(String code) {
        Matcher m = AJCC_CATEGORY.matcher(code);
        if (m.matches()) {
            String prefix = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
            StagingBasis basis = switch (prefix) {
                case "" -> null;
                case "c" -> StagingBasis.CLINICAL;
                case "p" -> StagingBasis.PATHOLOGICAL;
                case "yp" -> StagingBasis.POST_THERAPY;
                case "yc" -> StagingBasis.POST_THERAPY_CLINICAL;
                default -> null; // r (recurrence) and a (autopsy) staging are not used for pathways
            };
            if (!prefix.isEmpty() && basis == null) {
                return null;
            }
            Axis axis = Axis.valueOf(m.group(2).toUpperCase(Locale.ROOT));
            String number =
                    m.group(3).equalsIgnoreCase("is") ? "is" : m.group(3).toUpperCase(Locale.ROOT);
            String sub = m.group(4) == null ? "" : m.group(4).toLowerCase(Locale.ROOT);
            String category = axis.name() + number + sub;
            boolean exists = switch (axis) {
                case T -> TCategory.fromLabel(category) != null;
                case N -> NCategory.fromLabel(category) != null;
                case M -> MCategory.fromLabel(category) != null;
                case GROUP -> false;
            };
            return exists ? new Value(axis, basis, canonical(axis, category)) : null;
        }
        StageGroup group = StageGroup.parse(code);
        return group == null ? null : new Value(Axis.GROUP, null, group.roman());
    }
}
