package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ampulla.support.TestServer;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The card viewer's own routes over HTTP: its icon, what it reads of the knowledge pack, and an example's case. */
class ViewerRoutesTest {

    @Test
    void theIconIsServedWhereBrowsersLookForIt() {
        for (String path : List.of("/favicon.ico", "/viewer/favicon.svg")) {
            given().port(TestServer.port())
                    .get(path)
                    .then()
                    .statusCode(200)
                    .contentType(startsWith("image/svg+xml"))
                    .body(startsWith("<svg"));
        }
        given().port(TestServer.port())
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString("<link rel=\"icon\" href=\"/viewer/favicon.svg\""));
    }

    @Test
    void knowledgeGivesTopicDisplaysAndThePathwayPlanDefinitionsByPhase() {
        JsonPath k = given().port(TestServer.port())
                .get("/viewer/knowledge")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .extract()
                .jsonPath();
        assertEquals("Stage IV, resectable: founding-document options", k.getString("topics.'stage-iv-resectable'"));
        assertEquals("Rectal cancer stage", k.getString("topics.'stage-summary'"));
        assertEquals(
                List.of(
                        "untreated",
                        "preoperative-treatment",
                        "watch-and-wait",
                        "resected",
                        "postoperative-treatment",
                        "recurrence",
                        "metachronous-metastases"),
                k.getList("phases.code"));
        Map<String, Object> r6 = k.getMap("plans.find { it.rule == 'R6' }");
        assertEquals("rectal-pathway-r6", r6.get("id"));
        assertEquals(List.of("untreated"), r6.get("phases"));
        assertEquals(
                List.of("Preoperative radiotherapy", "Surgery"),
                k.getList("plans.find { it.rule == 'R6' }.steps.title"));
        assertEquals(
                List.of("untreated", "preoperative-treatment"), k.getList("plans.find { it.rule == 'R4' }.phases"));
        assertEquals(
                3, k.getList("plans.find { it.rule == 'R3' }.steps[0].options").size());
        assertFalse(k.getList("plans.rule").contains("R1"), "only pathway rules are PlanDefinitions");
    }

    @Test
    void anExamplesCaseIsItsAssessmentAsADatedTimeline() {
        JsonPath c = given().port(TestServer.port())
                .get("/viewer/case/09-stage-iva-resectable-lower")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .extract()
                .jsonPath();
        assertEquals(TestServer.EXAMPLES_DAY, c.getString("today"));
        assertEquals("IVA", c.getString("cases[0].stageGroup"));
        assertEquals("clinical", c.getString("cases[0].basis"));
        assertEquals("cT3 cN1 cM1a", c.getString("cases[0].tnm"));
        assertEquals("lower-rectum", c.getString("cases[0].segment"));
        assertEquals("untreated", c.getString("cases[0].phase"));
        assertEquals("resectable", c.getString("cases[0].resectability"));
        assertEquals(
                Map.of(
                        "date",
                        "2025-01-29",
                        "kind",
                        "diagnosis",
                        "label",
                        "Diagnosis: rectal cancer",
                        "sources",
                        List.of("Condition/rc09-primary"),
                        "primary",
                        "Condition/rc09-primary"),
                c.getMap("events[0]"));
        assertEquals("Clinical staging: cT3 cN1 cM1a", c.getString("events.find { it.kind == 'staging' }.label"));
        assertEquals(
                List.of("Observation/rc09-ct", "Observation/rc09-cn", "Observation/rc09-cm"),
                c.getList("events.find { it.kind == 'staging' }.sources"));
        assertEquals("Metastasis: liver", c.getString("events.find { it.kind == 'metastasis' }.label"));
        List<String> dates = c.getList("events.date");
        assertEquals(dates.stream().sorted().toList(), dates, "in date order");
    }

    @Test
    void treatmentsAndTheHooksDraftOrdersAreOnTheTimeline() {
        String orderId = given().port(TestServer.port())
                .get("/examples")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("draftOrders.find { it.label.contains('Preoperative radiotherapy, 25 x 2 Gy') }.id");
        JsonPath c = given().port(TestServer.port())
                .queryParam("orders", orderId)
                .get("/viewer/case/15-adjuvant-after-neoadjuvant-ypn1a")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                List.of("Radiotherapy (until 2025-03-07)", "Rectal resection"),
                c.getList("events.findAll { it.kind == 'treatment' }.label"));
        assertEquals(
                List.of("Procedure/rc15-radiotherapy"), c.getList("events.find { it.kind == 'treatment' }.sources"));
        assertEquals(
                "Pathological staging after treatment: ypT2 ypN1a",
                c.getList("events.findAll { it.kind == 'staging' }.label").get(1));
        assertEquals("resected", c.getString("cases[0].phase"));
        Map<String, Object> draft = c.getMap("events.find { it.kind == 'draft-order' }");
        assertEquals(TestServer.EXAMPLES_DAY, draft.get("date"));
        assertEquals(List.of("ServiceRequest/draft-1"), draft.get("sources"));
        assertEquals("Draft order: radiotherapy · Preoperative radiotherapy, 25 x 2 Gy", draft.get("label"));
    }

    @Test
    void draftOrdersThatAreNotTreatmentAreShownAsNotChecked() {
        JsonPath catalog = given().port(TestServer.port())
                .get("/examples")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String lab = catalog.getString("draftOrders.find { it.label.contains('Carcinoembryonic') }.id");
        String capecitabine =
                catalog.getString("draftOrders.find { it.label == 'MedicationRequest: Capecitabine' }.id");
        JsonPath c = given().port(TestServer.port())
                .queryParam("orders", capecitabine + "," + lab)
                .get("/viewer/case/09-stage-iva-resectable-lower")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // numbered draft-1, draft-2… in the order named, as the viewer numbers the drafts it sends
        assertEquals(
                List.of(
                        "Draft order: systemic therapy · Capecitabine",
                        "Draft order, not a rectal-cancer treatment · ServiceRequest: Carcinoembryonic Ag [Mass/volume] in"
                                + " Serum or Plasma"),
                c.getList("events.findAll { it.kind == 'draft-order' }.label"));
        assertEquals(
                List.of(List.of("MedicationRequest/draft-1"), List.of("ServiceRequest/draft-2")),
                c.getList("events.findAll { it.kind == 'draft-order' }.sources"));
    }

    @Test
    void noPatientNamesAndOnlyKnownExamplesAndOrders() {
        // the example's Patient is Iris Example: the case names resources, never the patient
        given().port(TestServer.port())
                .get("/viewer/case/09-stage-iva-resectable-lower")
                .then()
                .statusCode(200)
                .body(not(containsString("Iris")), not(containsString("Example")));
        given().port(TestServer.port())
                .get("/viewer/case/no-such-patient")
                .then()
                .statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
        given().port(TestServer.port())
                .queryParam("orders", "order-9999")
                .get("/viewer/case/09-stage-iva-resectable-lower")
                .then()
                .statusCode(400)
                .body("issue.diagnostics", hasItem(containsString("draft order")));
        given().port(TestServer.port())
                .queryParam("orders", String.join(",", java.util.Collections.nCopies(100, "order-1")))
                .get("/viewer/case/09-stage-iva-resectable-lower")
                .then()
                .statusCode(400);
        given().port(TestServer.port())
                .get("/viewer/knowledge")
                .then()
                .statusCode(200)
                .body("plans.rule", not(contains("R1")));
    }
}
