package dev.ampulla.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The codes and displays of Ampulla's override-reason CodeSystem ({@code knowledge/CodeSystem-override-reason.json}),
 * read without the FHIR parser: feedback naming a reason is checked against them, and its display is Ampulla's,
 * never the caller's.
 */
public final class OverrideReasonCodes {
    private static final Map<String, String> DISPLAYS = load();

    private OverrideReasonCodes() {}

    /** The display of an override-reason code, or null when the CodeSystem has no such code. */
    public static String display(String code) {
        return DISPLAYS.get(code);
    }

    private static Map<String, String> load() {
        try (InputStream in =
                new java.io.ByteArrayInputStream(KnowledgeData.source().bytes("CodeSystem-override-reason.json"))) {
            Map<String, String> out = new LinkedHashMap<>();
            for (JsonNode concept : new ObjectMapper().readTree(in).path("concept")) {
                out.put(concept.path("code").asText(), concept.path("display").asText());
            }
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
