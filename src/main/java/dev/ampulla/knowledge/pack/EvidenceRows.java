package dev.ampulla.knowledge.pack;

/** Which rows of evidence a card shows under its text, from a closed list. */
public enum EvidenceRows implements Keyed {
    /** The draft orders the card is about: reference, what, and the code that recognised it. */
    ORDERS("orders"),
    /** T, N, M, a reported stage group, and the metastases. */
    STAGE("stage"),
    /** Where the tumour lies and what said so. */
    SEGMENT("segment"),
    /** The resectability assessment used (or set aside). */
    RESECTABILITY("resectability"),
    /** Radiotherapy and chemotherapy already given. */
    TREATMENTS("treatments");

    private final String key;

    EvidenceRows(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    static EvidenceRows byKey(String key) {
        return Keyed.byKey(values(), key);
    }
}
