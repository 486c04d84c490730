package dev.ampulla.knowledge.pack;

/**
 * The patient data a guideline rule may rest on, besides the stage, segment and orders its evidence rows show: each
 * card names which of its inputs were recorded (and what they said) and which were not. Their words are in
 * {@code guidelines.yaml}.
 */
public enum GuidelineInput implements Keyed {
    MMR(
            "mmr",
            "msi-status",
            "msi-high",
            "msi-stable",
            "msi-indeterminate",
            "mmr-protein-ihc",
            "mmr-ihc-panel",
            "mmr-protein-lost",
            "mmr-protein-intact",
            "mmr-deficient",
            "mmr-proficient"),
    RAS(
            "ras",
            "genetic-variant",
            "gene-studied",
            "gene-kras",
            "gene-nras",
            "variant-present",
            "variant-absent",
            "variant-change",
            "kras-mutation-result",
            "ras-mutation-result",
            "result-positive",
            "result-negative"),
    BRAF("braf", "genetic-variant", "gene-braf", "variant-change", "braf-v600e-ihc"),
    HER2("her2", "her2-status", "result-positive", "result-negative"),
    CEA("cea", "cea"),
    PERFORMANCE(
            "performance",
            "ecog-performance-status",
            "ecog-grade-0",
            "ecog-grade-1",
            "ecog-grade-2",
            "ecog-grade-3",
            "ecog-grade-4",
            "ecog-grade-5",
            "karnofsky-performance-status"),
    /** From the Patient resource's birth date. */
    AGE("age"),
    PREGNANCY("pregnancy", "pregnancy-status", "pregnant", "possibly-pregnant", "not-pregnant");

    private final String key;
    private final java.util.List<String> codeSets;

    GuidelineInput(String key, String... codeSets) {
        this.key = key;
        this.codeSets = java.util.List.of(codeSets);
    }

    /** The code sets (code-sets.csv) the input is read with, for the documentation. */
    public java.util.List<String> codeSets() {
        return codeSets;
    }

    @Override
    public String key() {
        return key;
    }
}
