package dev.ampulla.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Ampulla's own version, the Maven project version written into the jar when it is built. */
public final class BuildVersion {
    private static final String UNKNOWN = "unknown";

    private BuildVersion() {}

    /** The version, or {@code unknown} when the classes were not built by Maven. */
    public static String current() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version", UNKNOWN).trim();
            return version.isEmpty() || version.startsWith("${") ? UNKNOWN : version;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
