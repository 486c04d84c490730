package dev.ampulla.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.CdsJson;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * One file given to {@code evaluate}: a patient's FHIR Bundle, or a CDS Hooks request ({@code hook}, {@code context},
 * {@code prefetch}) for one of the hooks Ampulla answers. Anything else is refused with a line saying what the file
 * is, so that a file never silently gets no cards.
 *
 * @param name the file as given on the command line
 * @param hook the request's hook, or null for a Bundle
 */
public record EvaluationInput(String name, JsonNode json, String hook) {

    public boolean isBundle() {
        return hook == null;
    }

    /**
     * Reads and recognises a file.
     *
     * @param hooks the hooks Ampulla answers
     * @throws IllegalArgumentException saying what is wrong with the file, in one line
     */
    public static EvaluationInput read(String name, Collection<String> hooks) {
        JsonNode json = parse(name);
        if (!json.isObject()) {
            throw new IllegalArgumentException(name + " is neither a FHIR Bundle nor a CDS Hooks request: it is"
                    + " a JSON " + json.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + ", not an"
                    + " object");
        }
        if (json.has("hook")) {
            String hook = json.path("hook").asText("");
            if (!hooks.contains(hook)) {
                throw new IllegalArgumentException(name + " is a CDS Hooks request for the hook '" + printable(hook)
                        + "', which Ampulla does not answer (it answers " + String.join(", ", hooks) + ")");
            }
            return new EvaluationInput(name, json, hook);
        }
        String resourceType = json.path("resourceType").asText("");
        if (resourceType.equals("Bundle")) {
            return new EvaluationInput(name, json, null);
        }
        if (!resourceType.isEmpty()) {
            throw new IllegalArgumentException(name + " is a FHIR " + printable(resourceType) + ", not a Bundle of"
                    + " the patient's record or a CDS Hooks request");
        }
        throw new IllegalArgumentException(name + " is neither a FHIR Bundle (resourceType Bundle) nor a CDS Hooks"
                + " request (an object with hook, context and prefetch)");
    }

    private static JsonNode parse(String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(name));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + " does not exist");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(name + " cannot be read: permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException(name
                    + (Files.isDirectory(Path.of(name))
                            ? " is a directory"
                            : " cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
        try {
            JsonNode json = CdsJson.mapper().readTree(bytes);
            if (json == null || json.isMissingNode()) {
                throw new IllegalArgumentException(name + " is empty");
            }
            return json;
        } catch (JsonProcessingException e) {
            // the location only: the parser's message can quote the file, and the file holds patient data
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(name + " is not JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    name + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A value from the file, short and without control characters, for a one-line message. */
    private static String printable(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }
}
