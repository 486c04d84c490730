package dev.ampulla.presentation;

import static dev.ampulla.presentation.PresentationCalls.JSON;
import static dev.ampulla.presentation.PresentationCalls.PATIENT_VIEW;
import static dev.ampulla.presentation.PresentationCalls.cards;
import static dev.ampulla.presentation.PresentationCalls.patientView;
import static dev.ampulla.presentation.PresentationCalls.topics;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.support.TestServer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Per-call options in the form of Da Vinci CRD: advertised in discovery ({@code davinci-crd.configuration-options}),
 * read from the request's {@code davinci-crd.configuration}; unknown codes ignored, wrong types refused with 400.
 */
class CallOptionsTest {

    @Test
    void everyServiceAdvertisesItsOptionsInDiscovery() throws Exception {
        JsonNode services = JSON.readTree(given().port(TestServer.port())
                        .get("/cds-services")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .get("services");
        assertEquals(3, services.size());
        for (JsonNode service : services) {
            JsonNode options = service.at("/extension/davinci-crd.configuration-options");
            assertTrue(options.isArray(), service.toString());
            Set<String> codes = new java.util.TreeSet<>();
            for (JsonNode o : options) {
                codes.add(o.get("code").asText());
                assertEquals("boolean", o.get("type").asText());
                assertTrue(o.get("default").asBoolean());
                assertFalse(o.get("name").asText().isBlank());
                assertFalse(o.get("description").asText().isBlank());
            }
            assertEquals(Set.of("guidelines", "stage", "data-quality"), codes);
        }
    }

    @Test
    void turningTheGuidelineLayerOffForOneCallLeavesOutItsCards() throws Exception {
        String body = patientView("39-dmmr-stage-iii-middle-rectum");
        List<String> all = topics(cards(TestServer.port(), PATIENT_VIEW, body));
        assertTrue(all.contains("dmmr-immunotherapy") && all.contains("guideline-differs"), all.toString());
        List<String> without =
                topics(cards(TestServer.port(), PATIENT_VIEW, withOptions(body, "{\"guidelines\": false}")));
        assertFalse(
                without.contains("dmmr-immunotherapy") || without.contains("guideline-differs"), without.toString());
        assertTrue(without.contains("stage-summary"), "the founding document's cards stay: " + without);
        assertEquals(all, topics(cards(TestServer.port(), PATIENT_VIEW, withOptions(body, "{\"guidelines\": true}"))));
    }

    @Test
    void turningTheStageCardOffForOneCall() throws Exception {
        String body = patientView("03-stage-iia-middle-rectum");
        List<String> without = topics(cards(TestServer.port(), PATIENT_VIEW, withOptions(body, "{\"stage\": false}")));
        assertFalse(without.contains("stage-summary"), without.toString());
        assertFalse(without.isEmpty());
    }

    @Test
    void unknownOptionsAreIgnored() throws Exception {
        String body = patientView("03-stage-iia-middle-rectum");
        assertEquals(
                topics(cards(TestServer.port(), PATIENT_VIEW, body)),
                topics(cards(
                        TestServer.port(),
                        PATIENT_VIEW,
                        withOptions(body, "{\"max-cards\": 1, \"coverage-info\": \"off\"}"))));
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWith400() throws Exception {
        String body = patientView("03-stage-iia-middle-rectum");
        given().port(TestServer.port())
                .contentType("application/json")
                .body(withOptions(body, "{\"guidelines\": \"false\"}"))
                .post(PATIENT_VIEW)
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("davinci-crd.configuration.guidelines"));
        given().port(TestServer.port())
                .contentType("application/json")
                .body(withOptions(body, "[\"guidelines\"]"))
                .post(PATIENT_VIEW)
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    private static String withOptions(String body, String configuration) throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(body);
        request.putObject("extension").set("davinci-crd.configuration", JSON.readTree(configuration));
        return JSON.writeValueAsString(request);
    }
}
