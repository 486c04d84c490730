package dev.ampulla.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.service.PrefetchKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The records of {@code fhir-examples/real-world/}: transaction Bundles reproducing how public sources write a rectal
 * cancer patient, and the patient-view requests an EHR would send for them — with prefetch filled exactly as the
 * discovery templates ask (Observations by code, whatever their system), or without prefetch and with a FHIR server
 * to fetch from.
 */
public final class RealWorldRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealWorldRecords() {
    }

    public static Path root() {
        return Examples.root().resolve("real-world");
    }

    public static List<String> slugs() {
        try (Stream<Path> files = Files.list(root())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
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
        for (JsonNode entry : bundle.path("entry")) {
            if ("Patient".equals(entry.at("/resource/resourceType").asText())) {
                return entry.at("/resource/id").asText();
            }
        }
        throw new IllegalStateException("the bundle has no Patient");
    }

    /** A patient-view request with every prefetch key filled as a FHIR server would answer the templates. */
    public static String prefetchRequest(String slug) {
        return prefetchRequest(read(slug));
    }

    public static String prefetchRequest(ObjectNode bundle) {
        ObjectNode request = envelope(bundle);
        ObjectNode prefetch = request.putObject("prefetch");
        prefetch.set("conditions", searchset(bundle, "Condition", r -> true));
        Set<String> codes = observationCodes();
        prefetch.set("observations", searchset(bundle, "Observation", r -> {
            for (JsonNode coding : r.at("/code/coding")) {
                if (codes.contains(coding.path("code").asText())) {
                    return true;
                }
            }
            return false;
        }));
        prefetch.set("procedures", searchset(bundle, "Procedure", r -> true));
        return request.toString();
    }

    /** The same call without prefetch: Ampulla fetches everything from {@code fhirServer}. */
    public static String fetchRequest(ObjectNode bundle, String fhirServer) {
        ObjectNode request = envelope(bundle);
        request.put("fhirServer", fhirServer);
        return request.toString();
    }

    private static ObjectNode envelope(ObjectNode bundle) {
        ObjectNode request = JSON.createObjectNode();
        String patientId = patientId(bundle);
        request.put("hook", "patient-view");
        request.put("hookInstance", java.util.UUID.nameUUIDFromBytes(patientId.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString());
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/example");
        context.put("patientId", patientId);
        return request;
    }

    private static Set<String> observationCodes() {
        String template = PrefetchKey.OBSERVATIONS.template();
        String list = template.substring(template.indexOf("code=") + 5);
        return Arrays.stream(list.split(",")).collect(Collectors.toSet());
    }

    private static ObjectNode searchset(ObjectNode bundle, String type, java.util.function.Predicate<JsonNode> keep) {
        ObjectNode searchset = JSON.createObjectNode();
        searchset.put("resourceType", "Bundle");
        searchset.put("type", "searchset");
        ArrayNode entries = searchset.putArray("entry");
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            if (type.equals(resource.path("resourceType").asText()) && keep.test(resource)) {
                entries.addObject().set("resource", resource);
            }
        }
        searchset.put("total", entries.size());
        return searchset;
    }
}
