package dev.ampulla.knowledge.pack;

import java.util.List;

/**
 * The closed vocabulary of findings that rules decide on, each with its possible values. The pack's
 * {@code findings.yaml} documents them in words and must list exactly these; how each is worked out from a record is
 * the assessment's and the engine's business (docs/clinical-logic.md).
 */
public enum Finding implements Keyed {
    STAGE("stage", "staged", "incomplete", "invalid-combination", "no-group-for-t0"),
    DISTANT_METASTASES("distant-metastases", "present", "absent", "not-assessed"),
    LOCOREGIONAL_SPREAD("locoregional-spread", "significant", "limited", "undetermined"),
    SEGMENT("segment", "lower-rectum", "middle-rectum", "upper-rectum", "rectosigmoid", "unknown"),
    RESECTABILITY("resectability", "resectable", "potentially-resectable", "unresectable", "not-documented"),
    PRIMARY_RESECTED("primary-resected", "yes", "no"),
    SPECIMEN_NODES("specimen-nodes", "positive", "not-positive"),
    DATA_CONFLICTS("data-conflicts", "none", "to-review", "changing-conclusions"),
    UNATTRIBUTED_DATA("unattributed-data", "none", "present"),
    RADIOTHERAPY_ORDERED_FOR_PRIMARY("radiotherapy-ordered-for-primary", "yes", "no"),
    RADIOTHERAPY_ORDERED_ELSEWHERE("radiotherapy-ordered-elsewhere", "yes", "no"),
    TREATMENT_PHASE(
            "treatment-phase",
            "untreated",
            "preoperative-treatment",
            "watch-and-wait",
            "resected",
            "postoperative-treatment",
            "recurrence",
            "metachronous-metastases"),
    CHEMOTHERAPY_BEFORE_RESECTION("chemotherapy-before-resection", "yes", "no"),
    HIGH_RISK_FEATURES("high-risk-features", "present", "none-recorded"),
    LOCAL_HIGH_RISK("local-high-risk", "present", "none-recorded"),
    DATA_AGE("data-age", "current", "stale"),
    RADIOTHERAPY_GIVEN("radiotherapy-given", "yes", "no"),
    MMR_STATUS("mmr-status", "deficient", "proficient", "not-recorded"),
    RAS_STATUS("ras-status", "mutant", "wild-type", "not-recorded"),
    BRAF_STATUS("braf-status", "v600e", "not-v600e", "not-recorded"),
    HER2_STATUS("her2-status", "positive", "negative", "not-recorded"),
    METASTATIC_BIOMARKERS("metastatic-biomarkers", "complete", "incomplete"),
    FITNESS_CONCERN("fitness-concern", "present", "none-recorded"),
    PREGNANCY("pregnancy", "pregnant-or-possibly", "not-recorded"),
    EARLY_TUMOUR("early-tumour", "tis-or-t1-n0", "t2-n0", "other"),
    LOCAL_EXCISION("local-excision", "done", "none"),
    IMMUNOTHERAPY_GIVEN("immunotherapy-given", "yes", "no"),
    KRAS_G12C("kras-g12c", "yes", "no"),
    BRAF_INHIBITOR_ORDERED("braf-inhibitor-ordered", "yes", "no"),
    ANTI_EGFR_ORDERED("anti-egfr-ordered", "yes", "no"),
    RECTAL_SURGERY_ORDERED("rectal-surgery-ordered", "yes", "no"),
    RADIOTHERAPY_OR_SYSTEMIC_THERAPY_ORDERED("radiotherapy-or-systemic-therapy-ordered", "yes", "no"),
    CHEMOTHERAPY_ORDERED("chemotherapy-ordered", "yes", "no");

    private final String key;
    private final List<String> values;

    Finding(String key, String... values) {
        this.key = key;
        this.values = List.of(values);
    }

    /** The name used in the pack, e.g. {@code primary-resected}. */
    @Override
    public String key() {
        return key;
    }

    /** Whether the finding says that draft orders of some kind are being placed (an order check is about them). */
    public boolean isOrderFinding() {
        return this == RADIOTHERAPY_ORDERED_FOR_PRIMARY
                || this == RADIOTHERAPY_ORDERED_ELSEWHERE
                || this == ANTI_EGFR_ORDERED
                || this == RECTAL_SURGERY_ORDERED
                || this == RADIOTHERAPY_OR_SYSTEMIC_THERAPY_ORDERED
                || this == CHEMOTHERAPY_ORDERED;
    }

    public List<String> domain() {
        return values;
    }

    public int indexOf(String value) {
        return values.indexOf(value);
    }

    private static final java.util.Map<String, Finding> BY_KEY = new java.util.HashMap<>();

    static {
        for (Finding f : values()) {
            BY_KEY.put(f.key, f);
        }
    }

    public static Finding byKey(String key) {
        return BY_KEY.get(key);
    }
}
