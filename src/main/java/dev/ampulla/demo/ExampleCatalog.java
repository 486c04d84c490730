package dev.ampulla.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The synthetic example patients packaged with Ampulla ({@code fhir-examples}, under {@code /examples} on the class
 * path), and the distinct draft orders found in the example order requests: what the card viewer offers to choose
 * from, and what the demo's FHIR server holds.
 */
public final class ExampleCatalog {
    /**
     * The day the example patients are written for (fhir-examples/README.md): their golden cards, the demo and the
     * tests judge the age of their data as of this day.
     */
    public static final java.time.LocalDate EXAMPLES_DAY = java.time.LocalDate.of(2025, 5, 4);

    public static final java.time.Clock EXAMPLES_CLOCK = java.time.Clock.fixed(
            EXAMPLES_DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), java.time.ZoneOffset.UTC);

    private static final String ROOT = "examples/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One example patient: its file name without extension, its Patient id, a title, and its transaction Bundle. */
    @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: the bytes are served as they are
    public record Patient(String slug, String patientId, String title, byte[] bundle) {}

    /** One kind of draft order, without id or subject: the viewer fills those in for the chosen patient. */
    public record DraftOrder(String id, String label, JsonNode resource) {}

    private final Map<String, Patient> patients;
    private final List<DraftOrder> draftOrders;

    private ExampleCatalog(Map<String, Patient> patients, List<DraftOrder> draftOrders) {
        this.patients = patients;
        this.draftOrders = draftOrders;
    }

    /** Reads the examples packaged with Ampulla (from the jar, or from the class folder in a build). */
    public static ExampleCatalog packaged() {
        return of(packagedFiles());
    }

    /** The packaged example files by path relative to the examples folder ({@code golden/…}, {@code requests/…}). */
    public static Map<String, byte[]> packagedFiles() {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            Path location = Path.of(ExampleCatalog.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isDirectory(location)) {
                Path root = location.resolve(ROOT);
                if (Files.isDirectory(root)) {
                    try (Stream<Path> walk = Files.walk(root)) {
                        for (Path p : walk.filter(Files::isRegularFile).toList()) {
                            files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                        }
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    for (ZipEntry e : Collections.list(jar.entries())) {
                        if (!e.isDirectory()
                                && e.getName().startsWith(ROOT)
                                && e.getName().endsWith(".json")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                files.put(e.getName().substring(ROOT.length()), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged examples", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the packaged examples", e);
        }
        return files;
    }

    /** Builds the catalog from example files keyed by their path under {@code fhir-examples}. */
    static ExampleCatalog of(Map<String, byte[]> files) {
        Map<String, Patient> patients = new LinkedHashMap<>();
        Map<String, DraftOrder> orders = new TreeMap<>();
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                String path = f.getKey();
                if (path.startsWith("patients/") && path.endsWith(".json")) {
                    String slug = path.substring("patients/".length(), path.length() - ".json".length());
                    String id = patientId(JSON.readTree(f.getValue()));
                    if (id != null) {
                        patients.put(slug, new Patient(slug, id, title(slug), f.getValue()));
                    }
                } else if (path.startsWith("requests/order-")) {
                    for (JsonNode entry : JSON.readTree(f.getValue())
                            .path("context")
                            .path("draftOrders")
                            .path("entry")) {
                        DraftOrder order = template(entry.path("resource"));
                        if (order != null) {
                            orders.putIfAbsent(order.label(), order);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a packaged example is not JSON", e);
        }
        List<DraftOrder> numbered = new ArrayList<>();
        for (DraftOrder o : orders.values()) {
            numbered.add(new DraftOrder("order-" + (numbered.size() + 1), o.label(), o.resource()));
        }
        return new ExampleCatalog(Collections.unmodifiableMap(patients), List.copyOf(numbered));
    }

    public List<Patient> patients() {
        return List.copyOf(patients.values());
    }

    public Patient patient(String slug) {
        return patients.get(slug);
    }

    public List<DraftOrder> draftOrders() {
        return draftOrders;
    }

    /**
     * The catalog as JSON for the viewer: {@code fhirServer} (null when none), {@code patients} (slug, patientId,
     * title) and {@code draftOrders} (id, label, resource).
     */
    /** @param segmentWords how the knowledge pack says each segment, by its stage-extension code */
    public byte[] toJson(String fhirServer, Map<String, String> segmentWords) {
        ObjectNode root = JSON.createObjectNode();
        root.put("fhirServer", fhirServer);
        ObjectNode words = root.putObject("segmentWords");
        segmentWords.forEach(words::put);
        ArrayNode list = root.putArray("patients");
        for (Patient p : patients.values()) {
            list.addObject()
                    .put("slug", p.slug())
                    .put("patientId", p.patientId())
                    .put("title", p.title());
        }
        ArrayNode orders = root.putArray("draftOrders");
        for (DraftOrder o : draftOrders) {
            ObjectNode node = orders.addObject().put("id", o.id()).put("label", o.label());
            node.set("resource", o.resource());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String patientId(JsonNode bundle) {
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode r = entry.path("resource");
            if ("Patient".equals(r.path("resourceType").asText())
                    && r.path("id").isTextual()) {
                return r.get("id").asText();
            }
        }
        return null;
    }

    /** "09-stage-iva-resectable-lower" → "09 · stage IVA resectable lower". */
    static String title(String slug) {
        String[] words = slug.split("-");
        StringBuilder out = new StringBuilder(words[0]).append(" ·");
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            out.append(' ').append(w.matches("(i{1,3}|iv)[abc]?") ? w.toUpperCase(Locale.ROOT) : w);
        }
        return out.toString();
    }

    private static DraftOrder template(JsonNode resource) {
        if (!resource.isObject()) {
            return null;
        }
        ObjectNode copy = ((ObjectNode) resource).deepCopy();
        copy.remove(List.of("id", "subject", "reasonReference", "encounter", "requester", "authoredOn"));
        JsonNode concept = copy.has("code") ? copy.get("code") : copy.path("medicationCodeableConcept");
        String label = concept.path("text").asText("");
        if (label.isEmpty()) {
            label = concept.path("coding").path(0).path("display").asText("");
        }
        if (label.isEmpty()) {
            return null;
        }
        return new DraftOrder("", copy.path("resourceType").asText() + ": " + label, copy);
    }
}
