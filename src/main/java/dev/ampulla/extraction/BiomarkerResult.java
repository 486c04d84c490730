package dev.ampulla.extraction;

/**
 * One biomarker result as recorded. {@code reading} says what it shows: ALTERED is MSI-H, a mismatch-repair protein
 * lost (or dMMR), a variant found, HER2 positive; NOT_ALTERED the opposite; MEASURED a value (CEA), shown as it is.
 * {@code shown} is what the result says, for the card (e.g. "MSI-H", "p.Gly12Asp", "12.4 ng/mL"); {@code hotspot}
 * names a variant that changes treatment on its own (BRAF V600E, KRAS G12C), else NONE.
 */
public record BiomarkerResult(
        Biomarker marker, Reading reading, String shown, Hotspot hotspot, FactTime time, Source source) {

    /** What a result shows. */
    public enum Reading {
        ALTERED,
        NOT_ALTERED,
        INDETERMINATE,
        MEASURED
    }

    /** Variants the guideline layer acts on by name. */
    public enum Hotspot {
        NONE,
        BRAF_V600E,
        KRAS_G12C
    }

    public boolean v600e() {
        return hotspot == Hotspot.BRAF_V600E;
    }
}
