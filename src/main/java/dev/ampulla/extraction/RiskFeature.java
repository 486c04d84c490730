package dev.ampulla.extraction;

/** A high-risk MRI feature of the primary, recorded present or absent. */
public record RiskFeature(Kind kind, boolean present, FactTime time, Source source) {

    /** The MRI features that make a locally advanced tumour high-risk (with cT4 and cN2). */
    public enum Kind {
        MESORECTAL_FASCIA_INVOLVED("mesorectal fascia involved"),
        EXTRAMURAL_VENOUS_INVASION("extramural venous invasion");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
