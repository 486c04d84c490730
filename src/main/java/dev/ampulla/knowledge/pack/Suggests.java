package dev.ampulla.knowledge.pack;

/** What a rule's card offers to do, from a closed list. */
public enum Suggests implements Keyed {
    /** Nothing to click. */
    NOTHING("nothing"),
    /** The founding document's stage IV options, each a CarePlan proposal from its PlanDefinition. */
    STAGE_IV_OPTIONS("stage-iv-options"),
    /** Deleting the draft orders the card is about (never one that names a metastasis or recurrence). */
    REMOVE_ORDERS("remove-orders"),
    /** A draft ServiceRequest (proposal) for mismatch-repair immunohistochemistry or MSI testing. */
    MMR_TESTING("mmr-testing");

    private final String key;

    Suggests(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    static Suggests byKey(String key) {
        return Keyed.byKey(values(), key);
    }
}
