package dev.ampulla.knowledge;

import dev.ampulla.knowledge.pack.PackException;
import dev.ampulla.knowledge.pack.PackSource;

/**
 * Where the pack's data files (code sets, the AJCC-related tables, drug lists) are read from. They are loaded once
 * per process, on first use, so an edited pack must be chosen before anything reads them.
 */
public final class KnowledgeData {
    private static volatile PackSource source = PackSource.shipped();
    private static volatile boolean read;

    private KnowledgeData() {}

    /** Reads the data files from {@code pack} instead of the shipped pack. */
    public static void use(PackSource pack) {
        if (read && !source.equals(pack)) {
            throw new IllegalStateException("the knowledge data were already read from " + source.describe()
                    + "; choose the pack before start-up");
        }
        source = pack;
    }

    /** The classes that read the data files on first use. */
    private static final java.util.List<String> READERS = java.util.List.of(
            "CodeSystemRegistry",
            "CodeSets",
            "StagingCodes",
            "AntineoplasticDrugs",
            "OverrideReasonCodes",
            "PathwayModalities",
            "OrderCheckAgreement");

    /**
     * Reads every data file now, so that a broken one stops start-up with its file and line instead of failing the
     * first request that needs it.
     */
    public static void readAll() {
        for (String reader : READERS) {
            try {
                Class.forName(
                        KnowledgeData.class.getPackageName() + "." + reader,
                        true,
                        KnowledgeData.class.getClassLoader());
            } catch (ExceptionInInitializerError e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new PackException(source.describe() + ": " + cause.getMessage());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static PackSource source() {
        read = true;
        return source;
    }
}
