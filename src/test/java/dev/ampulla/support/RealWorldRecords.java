package dev.ampulla.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.knowledge.check.GoldenCases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The records of {@code fhir-examples/real-world/}: transaction Bundles reproducing how public sources write a rectal
 * cancer patient, and the patient-view requests an EHR would send for them — with prefetch filled exactly as the
 * discovery templates ask (Observations by code, whatever their system), or without prefetch and with a FHIR server
 * to fetch from.
 */
public final class RealWorldRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealWorldRecords() {}

    public static Path root() {
        return Examples.root().resolve("real-world");
    }

    public static List<String> slugs() {
        try (Stream<Path> files = Files.list(root())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path bundle(String slug) {
        return root().resolve(slug + ".json");
    }

    public static ObjectNode read(String slug) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(bundle(slug)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String patientId(ObjectNode bundle) {
        return GoldenCases.patientId(bundle);
    }

    /** A patient-view request with every prefetch key filled as a FHIR server would answer the templates. */
    public static String prefetchRequest(String slug) {
        return GoldenCases.prefetchRequest(read(slug));
    }

    public static String prefetchRequest(ObjectNode bundle) {
        return GoldenCases.prefetchRequest(bundle);
    }

    /** The same call without prefetch: Ampulla fetches everything from {@code fhirServer}. */
    public static String fetchRequest(ObjectNode bundle, String fhirServer) {
        return GoldenCases.fetchRequest(bundle, fhirServer);
    }
}
