package dev.ampulla.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each example request carries exactly the resources of its patient bundle, so both describe the same patient. */
class ExamplesConsistencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requestsMatchTheirPatientBundles() throws Exception {
        assertTrue(Examples.patientSlugs().size() >= 27);
        for (String slug : Examples.patientSlugs()) {
            JsonNode bundle = JSON.readTree(Examples.read(Examples.patient(slug)));
            assertEquals("transaction", bundle.path("type").asText(), slug);
            Map<String, JsonNode> byId = new HashMap<>();
            String patientId = null;
            for (JsonNode e : bundle.get("entry")) {
                JsonNode r = e.get("resource");
                byId.put(r.get("resourceType").asText() + "/" + r.get("id").asText(), r);
                assertEquals("PUT", e.at("/request/method").asText());
                if (r.get("resourceType").asText().equals("Patient")) {
                    patientId = r.get("id").asText();
                }
            }
            assertTrue(Files.exists(Examples.patientViewRequest(slug)), slug + " has a request");
            JsonNode request = JSON.readTree(Examples.read(Examples.patientViewRequest(slug)));
            assertEquals(patientId, request.at("/context/patientId").asText(), slug);
            int inRequest = 1;
            assertEquals(byId.get("Patient/" + patientId), request.at("/prefetch/patient"), slug);
            for (String key : new String[] {
                "conditions",
                "observations",
                "procedures",
                "medicationAdministrations",
                "medicationStatements",
                "medicationRequests",
                "biomarkers",
                "patientStatus"
            }) {
                for (JsonNode e : request.at("/prefetch/" + key).path("entry")) {
                    JsonNode r = e.get("resource");
                    assertEquals(
                            byId.get(r.get("resourceType").asText() + "/"
                                    + r.get("id").asText()),
                            r,
                            slug + " " + key);
                    inRequest++;
                }
            }
            assertEquals(byId.size(), inRequest, slug + ": every bundle resource is in the request");
        }
    }

    @Test
    void orderRequestsCarryTheirPatientsPrefetch() throws Exception {
        Map<String, JsonNode> prefetchByPatient = new HashMap<>();
        for (String slug : Examples.patientSlugs()) {
            JsonNode request = JSON.readTree(Examples.read(Examples.patientViewRequest(slug)));
            prefetchByPatient.put(request.at("/context/patientId").asText(), request.get("prefetch"));
        }
        int count = 0;
        for (String hook : new String[] {"order-select", "order-sign"}) {
            try (var files = Files.list(Examples.root().resolve("requests").resolve(hook))) {
                for (var file : files.toList()) {
                    JsonNode request = JSON.readTree(Files.readString(file));
                    assertEquals(hook, request.get("hook").asText(), file.toString());
                    assertEquals(
                            prefetchByPatient.get(
                                    request.at("/context/patientId").asText()),
                            request.get("prefetch"),
                            file.toString());
                    count++;
                }
            }
        }
        assertEquals(34, count);
    }
}
