package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** order-select and order-sign through the running server: rules R12–R15 and the pathway at order time. */
class OrderHooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String path(String hook) {
        return "/cds-services/rectal-cancer-" + hook;
    }

    private static JsonNode post(String hook, String body) throws Exception {
        String response = given().port(TestServer.port())
                .contentType("application/json")
                .body(body)
                .when()
                .post(path(hook))
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asString();
        JsonNode json = JSON.readTree(response);
        CardChecks.assertSpecValid(json);
        return json;
    }

    private static ObjectNode example(String hook, String slug) throws Exception {
        return (ObjectNode) JSON.readTree(Examples.read(Examples.request(hook, slug)));
    }

    /** Expected cards as topic:indicator in order; the draft orders an R12 suggestion deletes. */
    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(
            delimiter = ';',
            nullValues = "-",
            value = {
                "order-sign; 01-rt-upper-rectum; radiotherapy-not-indicated-location:warning"
                        + " surgery-without-radiotherapy:info; ServiceRequest/os01-rt",
                "order-sign; 02-chemoradiation-rectosigmoid; radiotherapy-not-indicated-location:warning"
                        + " preoperative-chemotherapy:info; ServiceRequest/os02-crt",
                "order-sign; 03-rt-location-unknown; radiotherapy-location-unknown:warning tumor-location-needed:info; -",
                "order-sign; 04-rt-without-indication; radiotherapy-without-indication:info surgery-primary:info; -",
                "order-sign; 05-rt-postoperative; radiotherapy-postoperative:info adjuvant-chemotherapy:info; -",
                "order-sign; 06-rt-consistent-middle-rectum; neoadjuvant-radiotherapy:info; -",
                "order-sign; 07-lab-order-only; ; -",
                "order-sign; 08-mixed-orders-stage-iv-upper; radiotherapy-not-indicated-location:warning"
                        + " stage-iv-resectable:info; ServiceRequest/os08-rt",
                "order-sign; 09-chemotherapy-stage-iv; resectability-assessment-needed:info; -",
                "order-sign; 13-rt-liver-metastasis-stage-iv-upper; order-outside-pathway:info stage-iv-resectable:info; -",
                "order-sign; 14-rt-palliative-intent-upper-rectum; order-outside-pathway:info surgery-without-radiotherapy:info;"
                        + " -",
                "order-sign; 15-rt-no-reason-upper-rectum; radiotherapy-not-indicated-location:warning"
                        + " surgery-without-radiotherapy:info; ServiceRequest/os15-rt",
                "order-sign; 16-medication-reference-capecitabine-stage-iv; resectability-assessment-needed:info; -",
                "order-sign; 17-codex-rt-vertebral-volume-stage-iv-upper; order-outside-pathway:info stage-iv-resectable:info;"
                        + " -",
                "order-sign; 10-colon-cancer-rt; ; -",
                "order-sign; 11-rt-with-data-conflict; data-conflict:warning neoadjuvant-radiotherapy:info; -",
                "order-sign; 12-surgery-order-stage-iv; stage-iv-resectable:info; -",
                "order-select; 01-rt-selected-upper-rectum; radiotherapy-not-indicated-location:warning"
                        + " surgery-without-radiotherapy:info; ServiceRequest/sel01-rt",
                "order-select; 02-rt-drafted-not-selected; ; -",
                "order-select; 03-chemoradiation-rectosigmoid; radiotherapy-not-indicated-location:warning"
                        + " preoperative-chemotherapy:info; ServiceRequest/sel03-crt",
                "order-select; 04-rt-consistent-middle-rectum; neoadjuvant-radiotherapy:info; -",
                "order-select; 05-rt-location-unknown; radiotherapy-location-unknown:warning tumor-location-needed:info; -",
                "order-select; 06-rt-postoperative; radiotherapy-postoperative:info adjuvant-chemotherapy:info; -",
            })
    void example(String hook, String slug, String cards, String deletes) throws Exception {
        JsonNode response = post(hook, Examples.read(Examples.request(hook, slug)));
        List<String> actual = new ArrayList<>();
        for (JsonNode card : response.get("cards")) {
            actual.add(card.at("/source/topic/code").asText() + ":"
                    + card.get("indicator").asText());
            assertFalse(card.at("/source/topic/code").asText().equals("stage-summary"), "no stage card at order time");
        }
        assertEquals(cards == null ? List.of() : List.of(cards.trim().split(" ")), actual);
        if (deletes != null) {
            JsonNode warning = response.get("cards").get(0);
            assertEquals("at-most-one", warning.get("selectionBehavior").asText());
            JsonNode actions = warning.at("/suggestions/0/actions");
            assertEquals(1, warning.get("suggestions").size());
            assertEquals("delete", actions.get(0).get("type").asText());
            assertEquals(deletes, actions.get(0).get("resourceId").asText());
            Set<String> reasons = new TreeSet<>();
            warning.get("overrideReasons")
                    .forEach(r -> reasons.add(r.get("code").asText()));
            assertTrue(
                    reasons.containsAll(Set.of("mdt-decision", "location-reassessed", "clinical-trial")),
                    reasons.toString());
        }
    }

    @Test
    void theSandboxsCapecitabineOrderIsRecognisedDespiteItsSchemaSlips() throws Exception {
        // as the CDS Hooks sandbox builds it (createFhirResource): RxNorm clinical drug 200328, category and
        // reasonCode written as single objects, a Bundle without type
        JsonNode request = example("order-select", "07-sandbox-capecitabine-stage-iv");
        assertTrue(request.at("/context/draftOrders/entry/0/resource/category").isObject());
        JsonNode cards = post("order-select", request.toString()).path("cards");
        // recognised by its RxNorm clinical-drug code: the pathway card, not {"cards": []}
        assertEquals(List.of("resectability-assessment-needed"), topics(cards));
        // a code Ampulla does not list: recognised by the ingredient's name in the text instead
        JsonNode byName = JSON.readTree(request.toString().replace("\"200328\"", "\"99999999\""));
        JsonNode byNameCards = post("order-select", byName.toString()).path("cards");
        assertEquals(List.of("resectability-assessment-needed"), topics(byNameCards));
        assertTrue(
                byNameCards.at("/0/detail").asText().contains("recognised by its name: capecitabine"),
                byNameCards.at("/0/detail").asText());
        // neither code nor name: not a treatment order, no cards
        JsonNode unknownDrug = JSON.readTree(byName.toString().replace("capecitabine", "paracetamol"));
        assertEquals(
                0, post("order-select", unknownDrug.toString()).path("cards").size());
    }

    @Test
    void anOrderWhoseCodeIsNotValidFhirIsNamedAndTheOthersAreStillChecked() throws Exception {
        ObjectNode request = example("order-sign", "08-mixed-orders-stage-iv-upper");
        ObjectNode lab = (ObjectNode) request.at("/context/draftOrders/entry/2/resource");
        lab.putArray("code").add("not a CodeableConcept");
        JsonNode cards = post("order-sign", request.toString()).path("cards");
        List<String> topics = topics(cards);
        assertEquals("order-not-read", topics.get(topics.size() - 1), topics.toString());
        assertTrue(topics.contains("radiotherapy-not-indicated-location"), topics.toString());
        assertTrue(cards.get(cards.size() - 1)
                .path("detail")
                .asText()
                .contains(lab.path("id").asText()));
    }

    /** Order-sign 09 (stage IV, oxaliplatin) with the drug given as a Medication resource, contained or beside. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"contained", "beside the orders in draftOrders"})
    void aDrugOrderNamingAMedicationResourceIsRecognised(String where) throws Exception {
        ObjectNode request = example("order-sign", "09-chemotherapy-stage-iv");
        ObjectNode order = (ObjectNode) request.at("/context/draftOrders/entry/0/resource");
        order.remove("medicationCodeableConcept");
        ObjectNode medication =
                JSON.createObjectNode().put("resourceType", "Medication").put("id", "oxali");
        ObjectNode ingredient = medication.putArray("ingredient").addObject();
        ingredient
                .putObject("itemCodeableConcept")
                .putArray("coding")
                .addObject()
                .put("system", "urn:oid:2.16.840.1.113883.6.88")
                .put("code", "32592");
        if (where.equals("contained")) {
            order.putArray("contained").add(medication);
            order.putObject("medicationReference").put("reference", "#oxali");
        } else {
            ((ArrayNode) request.at("/context/draftOrders/entry")).addObject().set("resource", medication);
            order.putObject("medicationReference").put("reference", "Medication/oxali");
        }
        JsonNode cards = post("order-sign", request.toString()).path("cards");
        assertEquals(List.of("resectability-assessment-needed"), topics(cards), where);
        // the same order naming a Medication that is not there, and no FHIR server to read it from: not checked,
        // and the card says why
        order.putObject("medicationReference").put("reference", "Medication/absent");
        JsonNode unchecked = post("order-sign", request.toString()).path("cards");
        assertEquals(List.of("order-not-read"), topics(unchecked));
        assertTrue(
                unchecked
                        .at("/0/detail")
                        .asText()
                        .contains("Medication/absent is neither contained in it nor"
                                + " sent beside it, and the request names no fhirServer"),
                unchecked.at("/0/detail").asText());
    }

    private static List<String> topics(JsonNode cards) {
        List<String> out = new ArrayList<>();
        cards.forEach(c -> out.add(c.at("/source/topic/code").asText()));
        return out;
    }

    /** Order-sign 01 (upper rectum, RT) with the RT order aimed elsewhere in one of the ways an order can say so. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "a recurrence Condition as reasonReference; recurrence; Radiotherapy of a recurrence",
                "a metastasis code as reasonCode; reason-code; Radiotherapy of a metastasis",
                "a metastatic organ as bodySite; body-site; Radiotherapy of a metastasis",
            })
    void radiotherapyAimedAtARecurrenceOrMetastasisIsNeverOfferedForDeletion(String name, String how, String summary)
            throws Exception {
        ObjectNode request = example("order-sign", "01-rt-upper-rectum");
        ObjectNode order = (ObjectNode) request.at("/context/draftOrders/entry/0/resource");
        order.remove("reasonReference");
        switch (how) {
            case "recurrence" -> {
                ObjectNode recurrence = ((ArrayNode) request.at("/prefetch/conditions/entry"))
                        .addObject()
                        .putObject("resource");
                recurrence.put("resourceType", "Condition").put("id", "rc04-recurrence");
                recurrence
                        .putObject("code")
                        .putArray("coding")
                        .addObject()
                        .put("system", "http://snomed.info/sct")
                        .put("code", "314966008");
                recurrence.putObject("subject").put("reference", "Patient/rc04");
                order.putArray("reasonReference").addObject().put("reference", "Condition/rc04-recurrence");
            }
            case "reason-code" ->
                order.putArray("reasonCode")
                        .addObject()
                        .putArray("coding")
                        .addObject()
                        .put("system", "http://hl7.org/fhir/sid/icd-10-cm")
                        .put("code", "C79.51");
            default ->
                order.putArray("bodySite")
                        .addObject()
                        .putArray("coding")
                        .addObject()
                        .put("system", "http://snomed.info/sct")
                        .put("code", "10200004");
        }
        JsonNode cards = post("order-sign", request.toString()).path("cards");
        assertEquals("order-outside-pathway", cards.at("/0/source/topic/code").asText(), cards.toString());
        assertTrue(
                cards.at("/0/summary").asText().startsWith(summary),
                cards.at("/0/summary").asText());
        for (JsonNode card : cards) {
            assertFalse(card.at("/source/topic/code").asText().startsWith("radiotherapy-"), card.toString());
            assertTrue(card.path("suggestions").isMissingNode(), "nothing suggested: " + card);
        }
    }

    @Test
    void aRadiotherapyOrderForARectalCancerAmpullaCannotUseSaysItWasNotChecked() throws Exception {
        ObjectNode request = example("order-sign", "01-rt-upper-rectum");
        for (JsonNode entry : request.at("/prefetch/conditions/entry")) {
            ObjectNode condition = (ObjectNode) entry.get("resource");
            condition
                    .putObject("code")
                    .putArray("coding")
                    .addObject()
                    .put("system", "http://snomed.info/sct")
                    .put("code", "721701002")
                    .put("display", "Primary neuroendocrine carcinoma of rectum");
        }
        JsonNode cards = post("order-sign", request.toString()).path("cards");
        assertEquals(1, cards.size(), cards.toString());
        assertEquals(
                "diagnosis-not-recognised", cards.at("/0/source/topic/code").asText());
        assertTrue(
                cards.at("/0/summary").asText().endsWith("orders not checked against it"),
                cards.at("/0/summary").asText());
        assertTrue(
                cards.at("/0/detail")
                        .asText()
                        .contains("the radiotherapy, chemotherapy and surgery orders were" + " not checked"),
                cards.at("/0/detail").asText());
    }

    @Test
    void theWarningNamesTheOrderTheLocationAndTheRule() throws Exception {
        JsonNode card = post("order-sign", Examples.read(Examples.request("order-sign", "01-rt-upper-rectum")))
                .at("/cards/0");
        assertEquals(
                "Radiotherapy ordered for a tumour of the upper rectum: the founding document gives no radiotherapy there",
                card.get("summary").asText());
        String detail = card.get("detail").asText();
        for (String expected :
                List.of("ServiceRequest/os01-rt", "SNOMED CT 1217123003", "upper rectum", "Rule R12", "FD-RT")) {
            assertTrue(detail.contains(expected), () -> expected + " in " + detail);
        }
        assertEquals("upper", card.at("/extension/dev.ampulla.stage/segment").asText());
    }

    @Test
    void theLocationUnknownWarningSaysWhichDataWouldDecide() throws Exception {
        String detail = post("order-sign", Examples.read(Examples.request("order-sign", "03-rt-location-unknown")))
                .at("/cards/0/detail")
                .asText();
        assertTrue(detail.contains("distance of the lower tumour edge from the anal verge"));
        assertTrue(detail.contains("qualifier on the diagnosis' body site"));
    }

    @Test
    void severalRadiotherapyOrdersAreRemovedTogether() throws Exception {
        ObjectNode request = example("order-sign", "01-rt-upper-rectum");
        ArrayNode entries = (ArrayNode) request.at("/context/draftOrders/entry");
        ObjectNode second = entries.get(0).get("resource").deepCopy();
        second.put("id", "os01-rt-boost");
        entries.addObject().set("resource", second);
        JsonNode card = post("order-sign", request.toString()).at("/cards/0");
        assertEquals(
                "Remove the 2 radiotherapy orders",
                card.at("/suggestions/0/label").asText());
        assertEquals(
                "ServiceRequest/os01-rt-boost",
                card.at("/suggestions/0/actions/1/resourceId").asText());
    }

    @Test
    void irrelevantOrdersNeedNoPatientData() throws Exception {
        ObjectNode request = example("order-sign", "07-lab-order-only");
        request.remove("prefetch");
        assertEquals(
                "{\"cards\":[]}",
                given().port(TestServer.port())
                        .contentType("application/json")
                        .body(request.toString())
                        .post(path("order-sign"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
    }

    @Test
    void treatmentOrdersWithoutPrefetchAre412() throws Exception {
        ObjectNode request = example("order-sign", "01-rt-upper-rectum");
        request.remove("prefetch");
        given().port(TestServer.port())
                .contentType("application/json")
                .body(request.toString())
                .post(path("order-sign"))
                .then()
                .statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void draftOrdersMustBeABundleAndSelectionsMustPointIntoIt() throws Exception {
        ObjectNode noBundle = example("order-sign", "01-rt-upper-rectum");
        ((ObjectNode) noBundle.get("context")).putArray("draftOrders");
        badRequest("order-sign", noBundle, "context.draftOrders must be a FHIR Bundle");

        ObjectNode missing = example("order-sign", "01-rt-upper-rectum");
        ((ObjectNode) missing.get("context")).remove("draftOrders");
        badRequest("order-sign", missing, "context.draftOrders is required");

        ObjectNode noSelections = example("order-select", "01-rt-selected-upper-rectum");
        ((ObjectNode) noSelections.get("context")).remove("selections");
        badRequest("order-select", noSelections, "context.selections is required");

        ObjectNode dangling = example("order-select", "01-rt-selected-upper-rectum");
        ((ObjectNode) dangling.get("context")).putArray("selections").add("ServiceRequest/not-there");
        badRequest("order-select", dangling, "context.selections[0] must name an order");

        ObjectNode wrongHook = example("order-select", "01-rt-selected-upper-rectum");
        badRequest("order-sign", wrongHook, "answers the 'order-sign' hook");
    }

    private static void badRequest(String hook, ObjectNode body, String message) {
        given().port(TestServer.port())
                .contentType("application/json")
                .body(body.toString())
                .post(path(hook))
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString(message));
    }

    @Test
    void sandboxStyleOrdersAreTolerated() throws Exception {
        ObjectNode request = example("order-sign", "08-mixed-orders-stage-iv-upper");
        ObjectNode drafts = (ObjectNode) request.at("/context/draftOrders");
        drafts.remove("type"); // the sandbox sends draftOrders without Bundle.type
        for (JsonNode entry : drafts.get("entry")) {
            if (entry.at("/resource/resourceType").asText().equals("MedicationRequest")) {
                ((ObjectNode) entry.get("resource")).remove("intent"); // and medication orders without intent
            }
        }
        drafts.withArray("entry")
                .addObject()
                .putObject("resource")
                .put("resourceType", "MedicationOrder")
                .put("id", "dstu2-order"); // and, against a DSTU2 server, MedicationOrder
        JsonNode response = post("order-sign", request.toString());
        CardChecks.assertTopic(response.at("/cards/0"), "radiotherapy-not-indicated-location");
    }

    @Test
    void discoveryListsAllThreeServicesWithTheSamePrefetch() {
        given().port(TestServer.port())
                .get("/cds-services")
                .then()
                .statusCode(200)
                .body(
                        "services.id",
                        equalTo(List.of(
                                "rectal-cancer-pathways", "rectal-cancer-order-select", "rectal-cancer-order-sign")))
                .body("services.hook", equalTo(List.of("patient-view", "order-select", "order-sign")))
                .body(
                        "services[1].prefetch",
                        equalTo(given().port(TestServer.port())
                                .get("/cds-services")
                                .then()
                                .extract()
                                .path("services[0].prefetch")))
                .body("services[2].prefetch.observations", containsString("21908-9"));
    }
}
