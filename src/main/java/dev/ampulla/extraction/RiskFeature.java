package dev.ampulla.extraction;

/** A high-risk MRI feature of the primary, recorded present or absent. */
public record RiskFeature(Kind kind, boolean present, FactTime time, Source source) {

    /**
     * The MRI features that make a locally advanced tumour high-risk (with cT4 and cN2); {@code whateverTheHeight}:
     * guidelines give preoperative treatment for it whatever the tumour's height (ASCO 2024, recommendation 2.1 names
     * a threatened fascia and EMVI, not lateral nodes).
     */
    public enum Kind {
        MESORECTAL_FASCIA_INVOLVED("mesorectal fascia involved", true),
        EXTRAMURAL_VENOUS_INVASION("extramural venous invasion", true),
        LATERAL_LYMPH_NODES_ENLARGED("enlarged lateral lymph nodes", false);

        private final String label;
        private final boolean whateverTheHeight;

        Kind(String label, boolean whateverTheHeight) {
            this.label = label;
            this.whateverTheHeight = whateverTheHeight;
        }

        public String label() {
            return label;
        }

        public boolean whateverTheHeight() {
            return whateverTheHeight;
        }
    }
}
