package dev.ampulla.extraction;

/** Organ or site of a distant metastasis, as far as the codes say (for deriving M1a/M1b/M1c). */
public enum MetastasisSite {
    LIVER("liver"),
    LUNG("lung"),
    PERITONEUM("peritoneum"),
    BRAIN("brain"),
    BONE("bone"),
    DISTANT_LYMPH_NODES("non-regional lymph nodes"),
    BONE_MARROW("bone marrow"),
    PLEURA("pleura"),
    ADRENAL("adrenal gland"),
    SKIN("skin"),
    /** A secondary cancer whose site the codes do not tell. */
    UNSPECIFIED("site not coded");

    private final String label;

    MetastasisSite(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
