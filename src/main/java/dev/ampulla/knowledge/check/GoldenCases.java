package dev.ampulla.knowledge.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.service.PrefetchKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The golden cases: every example request of each hook, and a patient-view with full prefetch for every real-world
 * record, each with the file holding the cards the shipped pack gives ({@code golden/<hook>/<slug>.json}).
 * Read from the examples folder ({@code fhir-examples}) or from the copy packaged in the jar.
 */
public final class GoldenCases {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One case: its name, the service it is posted to, the request, and the golden file's path and text. */
    public record Case(String name, String servicePath, String request, String goldenPath, String golden) {
        @Override
        public String toString() {
            return name;
        }
    }

    private GoldenCases() {}

    /** @param files the examples by path relative to their folder, e.g. {@code requests/patient-view/x.json} */
    public static List<Case> of(Map<String, byte[]> files) {
        List<Case> cases = new ArrayList<>();
        for (String hook : List.of("patient-view", "order-select", "order-sign")) {
            String service = switch (hook) {
                case "patient-view" -> "/cds-services/rectal-cancer-pathways";
                case "order-select" -> "/cds-services/rectal-cancer-order-select";
                default -> "/cds-services/rectal-cancer-order-sign";
            };
            String prefix = "requests/" + hook + "/";
            for (String path : sorted(files, prefix)) {
                String slug = path.substring(prefix.length());
                String golden = "golden/" + hook + "/" + slug;
                cases.add(new Case(
                        hook + "/" + slug.replace(".json", ""),
                        service,
                        text(files.get(path)),
                        golden,
                        files.containsKey(golden) ? text(files.get(golden)) : null));
            }
        }
        for (String path : sorted(files, "real-world/")) {
            String slug = path.substring("real-world/".length());
            String golden = "golden/real-world/" + slug;
            cases.add(new Case(
                    "real-world/" + slug.replace(".json", ""),
                    "/cds-services/rectal-cancer-pathways",
                    prefetchRequest(read(files.get(path))),
                    golden,
                    files.containsKey(golden) ? text(files.get(golden)) : null));
        }
        return cases;
    }

    private static List<String> sorted(Map<String, byte[]> files, String prefix) {
        return files.keySet().stream()
                .filter(p -> p.startsWith(prefix) && p.endsWith(".json") && p.indexOf('/', prefix.length()) < 0)
                .sorted()
                .toList();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ObjectNode read(byte[] bytes) {
        try {
            return (ObjectNode) JSON.readTree(bytes);
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
    public static String prefetchRequest(ObjectNode bundle) {
        ObjectNode request = envelope(bundle);
        ObjectNode prefetch = request.putObject("prefetch");
        for (JsonNode entry : bundle.path("entry")) {
            if ("Patient".equals(entry.at("/resource/resourceType").asText())) {
                prefetch.set(PrefetchKey.PATIENT.key(), entry.get("resource"));
            }
        }
        prefetch.set("conditions", searchset(bundle, "Condition", r -> true));
        for (PrefetchKey key : List.of(PrefetchKey.OBSERVATIONS, PrefetchKey.BIOMARKERS, PrefetchKey.PATIENT_STATUS)) {
            Set<String> codes = templateCodes(key);
            prefetch.set(key.key(), searchset(bundle, "Observation", r -> {
                for (JsonNode coding : r.at("/code/coding")) {
                    if (codes.contains(coding.path("code").asText())) {
                        return true;
                    }
                }
                return false;
            }));
        }
        prefetch.set("procedures", searchset(bundle, "Procedure", r -> true));
        prefetch.set(
                PrefetchKey.MEDICATION_ADMINISTRATIONS.key(), searchset(bundle, "MedicationAdministration", r -> true));
        prefetch.set(PrefetchKey.MEDICATION_STATEMENTS.key(), searchset(bundle, "MedicationStatement", r -> true));
        prefetch.set(PrefetchKey.MEDICATION_REQUESTS.key(), searchset(bundle, "MedicationRequest", r -> true));
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
        request.put(
                "hookInstance",
                java.util
                        .UUID
                        .nameUUIDFromBytes(patientId.getBytes(StandardCharsets.UTF_8))
                        .toString());
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/example");
        context.put("patientId", patientId);
        return request;
    }

    private static Set<String> templateCodes(PrefetchKey key) {
        String template = key.template();
        String list = template.substring(template.indexOf("code=") + 5);
        return Arrays.stream(list.split(",")).collect(Collectors.toSet());
    }

    private static ObjectNode searchset(ObjectNode bundle, String type, Predicate<JsonNode> keep) {
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
