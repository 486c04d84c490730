package dev.ampulla.knowledge;

/**
 * What a drug code names: RxNorm's term types (https://www.nlm.nih.gov/research/umls/rxnorm/docs/appendix5.html),
 * from the ingredient to the branded pack, and the US National Drug Code's product and package. The level only
 * describes the code on the card; every level maps to the ingredients the rules use.
 */
public enum DrugCodeLevel {
    IN("ingredient"),
    PIN("precise ingredient"),
    MIN("multiple ingredients"),
    SCDC("clinical drug component"),
    SBDC("branded drug component"),
    SCDF("clinical drug form"),
    SBDF("branded drug form"),
    SCDG("clinical dose form group"),
    SBDG("branded dose form group"),
    SCD("clinical drug"),
    SBD("branded drug"),
    GPCK("generic pack"),
    BPCK("branded pack"),
    /** An RxNorm product the source lists without its term type (openFDA: a clinical or branded drug or pack). */
    PRODUCT("drug product"),
    NDC_PRODUCT("NDC product"),
    NDC_PACKAGE("NDC package");

    private final String label;

    DrugCodeLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static DrugCodeLevel parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown drug code level '" + name + "'", e);
        }
    }
}
