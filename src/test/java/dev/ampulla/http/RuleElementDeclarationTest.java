package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.extraction.RuleElements;
import dev.ampulla.knowledge.check.GoldenJson;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.Examples;
import dev.ampulla.support.RealWorldRecords;
import dev.ampulla.support.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link RuleElements} is the whole truth about what the rules read of Conditions and Observations: on every example
 * patient, giving every other top-level element of them different valid values, or removing it, leaves the cards of
 * the running server exactly as they were.
 */
class RuleElementDeclarationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/cds-services/rectal-cancer-pathways";

    /** Valid R4 values, different from the examples', for elements not in the declaration. */
    private static final Map<String, Map<String, String>> OTHER_VALUES = Map.of(
            "Condition",
                    values(
                            "text",
                                    "{\"status\": \"generated\", \"div\": \"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">"
                                            + "Stage IV, all organs</div>\"}",
                            "identifier", "[{\"system\": \"urn:oid:1.2.3.4\", \"value\": \"x-99\"}]",
                            "subject", "{\"reference\": \"Patient/someone-else\"}",
                            "encounter", "{\"reference\": \"Encounter/e-99\"}",
                            "severity",
                                    "{\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"24484000\"}]}",
                            "abatementDateTime", "\"2020-01-01\"",
                            "asserter", "{\"reference\": \"Patient/someone-else\"}",
                            "recorder", "{\"reference\": \"Practitioner/other\"}",
                            "evidence", "[{\"code\": [{\"text\": \"no evidence of disease\"}]}]",
                            "note", "[{\"text\": \"Entered in error, T0 N0 M0, not a cancer\"}]"),
            "Observation",
                    values(
                            "text",
                                    "{\"status\": \"generated\", \"div\": \"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">"
                                            + "cT4b N2b M1c</div>\"}",
                            "identifier", "[{\"system\": \"urn:oid:1.2.3.4\", \"value\": \"o-99\"}]",
                            "basedOn", "[{\"reference\": \"ServiceRequest/sr-99\"}]",
                            "subject", "{\"reference\": \"Patient/someone-else\"}",
                            "encounter", "{\"reference\": \"Encounter/e-99\"}",
                            "interpretation",
                                    "[{\"coding\": [{\"system\":"
                                            + " \"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation\","
                                            + " \"code\": \"A\"}]}]",
                            "note", "[{\"text\": \"Revised: pT0 N0, no residual tumour\"}]",
                            "method",
                                    "{\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"444256004\"}]}",
                            "referenceRange", "[{\"text\": \"not applicable\"}]",
                            "device", "{\"reference\": \"Device/d-99\"}",
                            "specimen", "{\"reference\": \"Specimen/s-99\"}",
                            "derivedFrom", "[{\"reference\": \"DocumentReference/dr-99\"}]"));

    private static Map<String, String> values(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    /** The answer, spec-checked, with the per-call uuids of cards and suggestions masked. */
    private static String cards(ObjectNode request) throws Exception {
        String body = given().port(TestServer.port())
                .contentType("application/json")
                .body(request.toString())
                .post(PATH)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        CardChecks.assertSpecValid(JSON.readTree(body));
        return GoldenJson.normalise(body);
    }

    /** A copy of the request with {@code change} applied to every prefetched Condition and Observation. */
    private static ObjectNode changed(ObjectNode request, Consumer<ObjectNode> change) {
        ObjectNode copy = request.deepCopy();
        for (JsonNode value : copy.path("prefetch")) {
            for (JsonNode entry : value.path("entry")) {
                if (entry.get("resource") instanceof ObjectNode r && isConditionOrObservation(r)) {
                    change.accept(r);
                }
            }
        }
        return copy;
    }

    private static boolean isConditionOrObservation(ObjectNode r) {
        String type = r.path("resourceType").asText();
        return type.equals("Condition") || type.equals("Observation");
    }

    /** The keys of a resource (with or without {@code _}) that belong to elements outside the declaration. */
    private static List<String> undeclared(ObjectNode resource) {
        String type = resource.get("resourceType").asText();
        List<String> out = new ArrayList<>();
        resource.fieldNames().forEachRemaining(key -> {
            if (!RuleElements.isRead(type, key.startsWith("_") ? key.substring(1) : key)) {
                out.add(key);
            }
        });
        return out;
    }

    @Test
    void elementsOutsideTheDeclarationChangeNoCard() throws Exception {
        Set<String> changedElements = new HashSet<>();
        int patients = 0;
        Map<String, String> requests = new java.util.LinkedHashMap<>();
        for (String slug : Examples.patientSlugs()) {
            requests.put(slug, Examples.read(Examples.patientViewRequest(slug)));
        }
        for (String slug : RealWorldRecords.slugs()) {
            requests.put("real-world/" + slug, RealWorldRecords.prefetchRequest(slug));
        }
        for (Map.Entry<String, String> each : requests.entrySet()) {
            String slug = each.getKey();
            ObjectNode request = (ObjectNode) JSON.readTree(each.getValue());
            String expected = cards(request);

            ObjectNode removed = changed(request, r -> r.remove(undeclared(r)));
            assertEquals(expected, cards(removed), slug + ", elements outside the declaration removed");

            ObjectNode otherValues = changed(request, r -> {
                Map<String, String> values =
                        OTHER_VALUES.get(r.get("resourceType").asText());
                for (String key : undeclared(r)) {
                    if (!values.containsKey(key)) {
                        r.remove(key); // no other value known for it: removed
                    }
                }
                values.forEach((element, value) -> {
                    r.set(element, parse(value));
                    changedElements.add(r.get("resourceType").asText() + "." + element);
                });
            });
            assertEquals(expected, cards(otherValues), slug + ", elements outside the declaration given other values");
            patients++;
        }
        assertEquals(requests.size(), patients);
        assertTrue(patients >= 27 + 14, "patients: " + patients);
        assertTrue(
                changedElements.containsAll(List.of(
                        "Condition.subject",
                        "Condition.note",
                        "Observation.method",
                        "Observation.subject",
                        "Observation.interpretation",
                        "Observation.referenceRange")),
                changedElements.toString());
        for (String element : changedElements) {
            String[] parts = element.split("\\.");
            assertFalse(RuleElements.isRead(parts[0], parts[1]), element + " is declared: changing it proves nothing");
        }
    }

    @Test
    void theCheckSeesAChangeToADeclaredElement() throws Exception {
        // the same comparison does see a change of an element the rules read: the test above can fail
        int changedCards = 0;
        for (String slug : Examples.patientSlugs()) {
            ObjectNode request = (ObjectNode) JSON.readTree(Examples.read(Examples.patientViewRequest(slug)));
            ObjectNode withoutValues =
                    changed(request, r -> r.remove(List.of("valueCodeableConcept", "valueQuantity")));
            if (!cards(request).equals(cards(withoutValues))) {
                changedCards++;
            }
        }
        assertNotEquals(0, changedCards);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
