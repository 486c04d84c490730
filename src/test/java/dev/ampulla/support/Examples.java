package dev.ampulla.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's fhir-examples folder. */
public final class Examples {
    private Examples() {}

    public static Path root() {
        return Path.of(System.getProperty("ampulla.examples", "fhir-examples"));
    }

    public static Path patient(String slug) {
        return root().resolve("patients").resolve(slug + ".json");
    }

    public static Path patientViewRequest(String slug) {
        return root().resolve("requests").resolve("patient-view").resolve(slug + ".json");
    }

    public static Path request(String hook, String slug) {
        return root().resolve("requests").resolve(hook).resolve(slug + ".json");
    }

    public static List<String> patientSlugs() {
        try (Stream<Path> files = Files.list(root().resolve("patients"))) {
            return files.map(p -> p.getFileName().toString().replace(".json", ""))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The standard 24 KB benchmark request (full prefetch), kept with the benchmark. */
    public static Path benchmarkRequest() {
        return root().resolveSibling("bench").resolve("patient-view-24k.json");
    }
}
