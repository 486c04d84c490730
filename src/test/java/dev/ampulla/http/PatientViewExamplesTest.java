package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Posts every example request in fhir-examples to the running server and checks the cards a clinician would see. */
class PatientViewExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/cds-services/rectal-cancer-pathways";

    static JsonNode post(String body) throws Exception {
        String response = given().port(TestServer.port())
                .contentType("application/json")
                .body(body)
                .when()
                .post(PATH)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asString();
        JsonNode json = JSON.readTree(response);
        CardChecks.assertSpecValid(json);
        return json;
    }

    /**
     * Expected cards of the founding document and Ampulla's own (the guideline layer's are checked in
     * GuidelineLayerTest) as topic:indicator in order; stage group, basis and segment from the dev.ampulla.stage
     * extension (empty when absent); the number of stage IV options.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            nullValues = "-",
            value = {
                "01-stage-i-lower-rectum; stage-summary:info surgery-primary:info; I; clinical; lower; -",
                "02-stage-0-in-situ; stage-summary:info surgery-primary:info; 0; clinical; lower; -",
                "03-stage-iia-middle-rectum; stage-summary:info neoadjuvant-radiotherapy:info; IIA; clinical; middle; -",
                "04-stage-iiib-upper-rectum; stage-summary:info surgery-without-radiotherapy:info; IIIB; clinical; upper; -",
                "05-stage-iiic-rectosigmoid; stage-summary:info preoperative-chemotherapy:info; IIIC; clinical;"
                        + " rectosigmoid; -",
                "06-stage-iiib-location-unknown; stage-summary:info tumor-location-needed:info; IIIB; clinical; unknown; -",
                "07-stage-iib-stu2-ajcc-codes; stage-summary:info neoadjuvant-radiotherapy:info; IIB; clinical; middle; -",
                "08-stage-ii-t4-unspecified; stage-summary:info neoadjuvant-radiotherapy:info; II; clinical; middle; -",
                "09-stage-iva-resectable-lower; stage-summary:info stage-iv-resectable:info; IVA; clinical; lower; 3",
                "10-stage-iva-resectable-upper; stage-summary:info stage-iv-resectable:info; IVA; clinical; upper; 2",
                "11-stage-ivb-resectable-location-unknown; stage-summary:info stage-iv-resectable:info; IVB; clinical;"
                        + " unknown; 3",
                "12-stage-ivc-unresectable; stage-summary:info stage-iv-unresectable:info; IVC; clinical; middle; -",
                "13-stage-iva-resectability-unknown; stage-summary:info resectability-assessment-needed:info; IVA; clinical;"
                        + " middle; -",
                "14-adjuvant-after-resection-pn1b; stage-summary:info adjuvant-chemotherapy:info; IIIB; pathological;"
                        + " middle; -",
                "15-adjuvant-after-neoadjuvant-ypn1a; stage-summary:info adjuvant-chemotherapy:info; IIIA; post-therapy;"
                        + " lower; -",
                "16-resected-primary-with-liver-metastasis; stage-summary:info adjuvant-chemotherapy:info; IVA;"
                        + " pathological; upper; -",
                "17-staging-incomplete; staging-incomplete:info; -; -; lower; -",
                "18-conflict-reported-group; data-conflict:warning stage-summary:info neoadjuvant-radiotherapy:info; IIA;"
                        + " clinical; middle; -",
                "19-conflict-m0-with-liver-metastasis; data-conflict:warning stage-summary:info"
                        + " resectability-assessment-needed:info; IVA; clinical; middle; -",
                "20-attribution-two-primaries; data-attribution:warning staging-incomplete:info; -; -; unknown; -",
                "21-ignored-invalid-records; stage-summary:info neoadjuvant-radiotherapy:info; IIIB; clinical; middle; -",
                "22-colon-cancer-out-of-scope; ; -; -; -; -",
                "23-qualifier-distance-disagree; stage-summary:info neoadjuvant-radiotherapy:info data-conflict:info; IIIB;"
                        + " clinical; lower; -",
                "24-icdo3-topography; stage-summary:info surgery-primary:info; I; clinical; lower; -",
                "25-tis-with-positive-nodes; data-conflict:warning staging-incomplete:info; -; -; middle; -",
                "26-reported-group-only; stage-summary:info neoadjuvant-radiotherapy:info; IIIB; clinical; lower; -",
                "27-adenocarcinoma-stu3-only-snomed; stage-summary:info neoadjuvant-radiotherapy:info; IIIA; clinical;"
                        + " middle; -",
                "28-stage-iic-t4b-lower-rectum; stage-summary:info neoadjuvant-radiotherapy:info; IIC; clinical; lower; -",
                "29-tnt-restaging-yct1-ycn0; stage-summary:info restaging-after-neoadjuvant:info; I; post-therapy;"
                        + " lower; -",
                "30-watch-and-wait-after-tnt; stage-summary:info watch-and-wait:info; IIIB; clinical; middle; -",
                "31-resected-2019-adjuvant-completed; stage-summary:info stale-data:info; IIIB; pathological; upper; -",
                "32-metachronous-liver-metastasis; stage-summary:info metachronous-metastases:info; I; post-therapy;"
                        + " middle; -",
                "33-local-recurrence-rt-naive; stage-summary:info recurrence:info; IIA; pathological; upper; -",
                "34-ct4b-upper-rectum; stage-summary:info preoperative-chemotherapy:info; IIIC; clinical; upper; -",
                "35-mrf-emvi-upper-rectum; stage-summary:info preoperative-chemotherapy:info; IIIB; clinical; upper; -",
                "36-m0-unresectable-sacrum; stage-summary:info unresectable-locally-advanced:info; IIIC; clinical; lower; -",
                "37-stale-staging-2018; stage-summary:info neoadjuvant-radiotherapy:info stale-data:info; IIA; clinical;"
                        + " middle; -",
                "38-tnt-resected-ypn1; stage-summary:info adjuvant-chemotherapy:info; IIIB; post-therapy; middle; -",
                "39-dmmr-stage-iii-middle-rectum; stage-summary:info neoadjuvant-radiotherapy:info; IIIB; clinical; middle; -",
                "40-dmmr-stage-iv-resectable-liver; stage-summary:info stage-iv-resectable:info; IVA; clinical; lower; 3",
                "41-kras-mutant-stage-iv-unresectable; stage-summary:info stage-iv-unresectable:info; IVA; clinical; middle;"
                        + " -",
                "42-braf-v600e-stage-iv; stage-summary:info stage-iv-unresectable:info; IVA; clinical; middle; -",
                "43-pmmr-lower-rectum-high-risk; stage-summary:info neoadjuvant-radiotherapy:info; IIIB; clinical; lower; -",
                "44-ct1n0-lower-rectum; stage-summary:info surgery-primary:info; I; clinical; lower; -",
                "45-local-excision-pt2; stage-summary:info surgery-primary:info; I; pathological; lower; -",
                "46-ecog3-age-91; stage-summary:info neoadjuvant-radiotherapy:info; IIA; clinical; middle; -",
                "47-pregnant-stage-iii-lower; stage-summary:info neoadjuvant-radiotherapy:info; IIIB; clinical; lower; -",
            })
    void example(String slug, String cards, String group, String basis, String segment, Integer options)
            throws Exception {
        JsonNode response = post(Examples.read(Examples.patientViewRequest(slug)));
        List<String> actual = new ArrayList<>();
        List<JsonNode> foundingDocument = CardChecks.foundingDocumentCards(response);
        for (JsonNode card : foundingDocument) {
            actual.add(card.at("/source/topic/code").asText() + ":"
                    + card.get("indicator").asText());
        }
        assertEquals(cards == null ? List.of() : List.of(cards.trim().split(" ")), actual);
        for (JsonNode card : response.get("cards")) {
            JsonNode stage = card.at("/extension/dev.ampulla.stage");
            assertEquals(group, text(stage, "group"), "group");
            assertEquals(basis, text(stage, "basis"), "basis");
            assertEquals(segment, text(stage, "segment"), "segment");
            String detail = card.get("detail").asText();
            assertTrue(detail.contains("Rule R"), "every card names its rule: " + detail);
        }
        if (options != null) {
            assertStageIvOptions(foundingDocument.get(1), options, slug.substring(0, 2));
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static void assertStageIvOptions(JsonNode card, int count, String key) {
        assertEquals("at-most-one", card.get("selectionBehavior").asText());
        JsonNode suggestions = card.get("suggestions");
        assertEquals(count, suggestions.size());
        for (int i = 0; i < count; i++) {
            JsonNode action = suggestions.get(i).get("actions").get(0);
            assertEquals("create", action.get("type").asText());
            JsonNode plan = action.get("resource");
            assertEquals("CarePlan", plan.get("resourceType").asText());
            assertEquals("draft", plan.get("status").asText());
            assertEquals("proposal", plan.get("intent").asText());
            assertEquals("Patient/rc" + key, plan.at("/subject/reference").asText());
            assertTrue(plan.at("/instantiatesCanonical/0")
                    .asText()
                    .endsWith("PlanDefinition/rectal-stage-iv-option-" + (i + 1)));
        }
    }

    @Test
    void cardsNameTheDataTheyRestOn() throws Exception {
        JsonNode response = post(Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum")));
        String summary = response.at("/cards/0/summary").asText();
        assertEquals("Rectal cancer stage IIA (clinical, AJCC 8th): cT3 cN0 cM0", summary);
        String pathway = response.at("/cards/1/detail").asText();
        for (String expected : List.of(
                "Observation/rc03-ct",
                "SNOMED CT 1228938002",
                "Condition/rc03-primary",
                "middle rectum",
                "Rule R6",
                "FD-RT",
                "FD-SURG")) {
            assertTrue(pathway.contains(expected), () -> expected + " in " + pathway);
        }
    }

    @Test
    void theBenchmarkPatientIsStageIvaInTheMiddleRectumWithoutAResectabilityAssessment() throws Exception {
        JsonNode response = post(Examples.read(Examples.benchmarkRequest()));
        JsonNode cards = response.get("cards");
        assertEquals(3, cards.size());
        CardChecks.assertTopic(cards.get(0), "stage-summary");
        CardChecks.assertTopic(cards.get(1), "resectability-assessment-needed");
        // its MSI result (stable) is under observations; RAS, BRAF and HER2 are not sent: the guideline layer asks
        CardChecks.assertTopic(cards.get(2), "biomarkers-needed");
        assertTrue(
                cards.get(2)
                        .get("detail")
                        .asText()
                        .contains(
                                "MMR/MSI status proficient (pMMR/MSS): Stable" + " (Observation/obs-msi, 2025-01-13)"),
                cards.get(2).get("detail").asText());
        assertEquals(
                "IVA", cards.get(0).at("/extension/dev.ampulla.stage/group").asText());
        assertEquals(
                "middle",
                cards.get(0).at("/extension/dev.ampulla.stage/segment").asText());
        assertEquals("cM1a", cards.get(0).at("/extension/dev.ampulla.stage/m").asText());
        assertTrue(
                cards.get(1).get("detail").asText().contains("did not provide the patient's Procedures"),
                "the request has no procedures key, and the card says so");
    }
}
