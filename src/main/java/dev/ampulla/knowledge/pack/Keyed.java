package dev.ampulla.knowledge.pack;

/** A member of one of the pack's closed vocabularies, named in the pack's files by its key. */
interface Keyed {

    /** The name used in the pack's files, e.g. {@code primary-resected}. */
    String key();

    /** The member of {@code values} with this key, or null. */
    static <E extends Keyed> E byKey(E[] values, String key) {
        for (E value : values) {
            if (value.key().equals(key)) {
                return value;
            }
        }
        return null;
    }
}
