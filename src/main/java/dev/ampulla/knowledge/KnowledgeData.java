package dev.ampulla.knowledge;

import dev.ampulla.knowledge.pack.PackSource;

/**
 * Where the pack's data files (code sets, the AJCC-related tables, drug lists) are read from. They are loaded once
 * per process, on first use, so an edited pack must be chosen before anything reads them.
 */
public final class KnowledgeData {
    private static volatile PackSource source = PackSource.shipped();
    private static volatile boolean read;

    private KnowledgeData() {
    }

    /** Reads the data files from {@code pack} instead of the shipped pack. */
    public static void use(PackSource pack) {
        if (read && source != pack) {
            throw new IllegalStateException("the knowledge data were already read from " + source.describe()
                    + "; choose the pack before start-up");
        }
        source = pack;
    }

    static PackSource source() {
        read = true;
        return source;
    }
}
